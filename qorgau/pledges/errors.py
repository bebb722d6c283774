"""Messages of the pledges' services, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NOT_EDITOR = _(
    "Only a manager of the agency office of the pledge's country may record pledges and "
    "their progress."
)
STALE_PLEDGE = _("Someone else changed this pledge while you were editing it: open it again.")
REASON_FOR_STEP_BACK = _("The status goes back from “%(before)s” to “%(after)s”: give the reason.")
UNKNOWN_STATUS = _("Choose a status from the list.")
UNKNOWN_AREA = _("Choose an area from the list.")
FUTURE_DATE = _("The date cannot be in the future.")
BEFORE_PLEDGE = _("The update cannot be dated before the pledge was made (%(made_on)s).")
NO_PROGRESS = _("Describe the progress.")
NO_TEXT = _("Give the pledge's text in English, Russian and Kazakh.")
DOCUMENT_TOO_LARGE = _("The evidence document is larger than %(limit)s bytes.")
DOCUMENT_TYPE = _("Attach the evidence as a PDF file.")
BAD_LINK = _("Give the evidence link as an https:// or http:// address.")
