"""Messages of the partners' services, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NOT_EDITOR = _(
    "Only an administrator of this organisation or of the agency office of its country may "
    "edit its directory entry."
)
STALE_PROFILE = _(
    "Someone else changed this directory entry while you were editing it: open it again."
)
UNKNOWN_SERVICE = _("Choose services of the catalogue.")
REGION_ELSEWHERE = _("Choose regions of the organisation's own country.")
UNKNOWN_LANGUAGE = _("Choose languages from the list.")
