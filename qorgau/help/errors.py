"""Messages of the help site's services, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NOT_EDITOR = _("Only the agency office's staff who edit the fact sheet may edit the help pages.")
STALE_PAGE = _("Someone else changed this page while you were editing it: open it again.")
NO_TITLE = _("Give the page a title.")
UNKNOWN_LANGUAGE = _("Choose a language of the help site.")
BAD_SLUG = _("Use lower-case Latin letters, digits and hyphens only (for example: border).")
RESERVED_SLUG = _("This address is used by another page of the site: choose another.")
SLUG_TAKEN = _("A page with this address already exists in this language.")
TOO_LONG = _("The text is longer than %(limit)s characters.")
UNKNOWN_VERSION = _("This version of the page is not in its history.")
