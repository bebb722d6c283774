"""Messages of the organisations app's refusals (translatable; tests reuse them)."""

from django.utils.translation import gettext_lazy as _

NO_PERMISSION = _("You may not manage this user.")
