"""Messages of the reminders' services, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NOT_YOURS_TO_MARK = _(
    "Only the responsible organisation and the agency office of the country may mark this "
    "reminder done."
)
