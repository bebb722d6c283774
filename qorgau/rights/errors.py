"""Messages of the rights services, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NO_PERMISSION = _("You may not change this person's record.")
LEGAL_HOLD = _(
    "This record cannot be anonymised while a procedure case of the person or their household "
    "is open (a legal hold). Close the case first."
)
ALREADY_ANONYMISED = _("This record has already been anonymised.")
MERGED_RECORD = _(
    "This record was merged into another one: anonymise the record it was merged into."
)
ALREADY_ANSWERED = _("This request has already been answered.")
ANSWER_REQUIRED = _("Write the answer given to the person.")
ANSWER_BEFORE_RECEIPT = _("The answer cannot be dated before the request was received.")
IN_FUTURE = _("This date is in the future.")
NOT_A_DELETION = _("Only a deletion request leads to an anonymisation.")
STALE_REQUEST = _(
    "Someone changed this request while you were answering it. Reload the page and try again."
)
