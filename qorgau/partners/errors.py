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
NOT_AGREEMENT_PARTY = _(
    "Only an administrator of the sharing organisation or of the agency office of its country "
    "may record its data-sharing agreements."
)
PURPOSE_NEEDED = _("State the purpose of the agreement; separate several purposes with semicolons.")
EXPIRY_BEFORE_START = _("The agreement cannot expire before it comes into force.")
SAME_PARTY = _("An agreement is between two organisations: choose another receiving organisation.")
REFERENCE_TAKEN = _("An agreement with this reference is already recorded.")
UNKNOWN_FIELD_GROUP = _("Choose field groups from the list.")
NO_FIELD_GROUP = _("Choose at least one field group that may be shared.")
DOCUMENT_TOO_LARGE = _("The signed document is larger than %(limit)s bytes.")
DOCUMENT_TYPE = _("Attach the signed document as a PDF file.")
STALE_AGREEMENT = _("Someone else changed this agreement while you were editing it: open it again.")
AGREEMENT_ENDED = _("This agreement was ended early: it can no longer be changed.")
END_REASON_NEEDED = _("Give the reason for ending the agreement early.")
