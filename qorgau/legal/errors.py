"""Messages of the legal standards' services, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NOT_EDITOR = _(
    "Only a manager of the agency office of the country may record its laws, assessments "
    "and recommendations."
)
NOT_IN_FORCE = _(
    "The provision is not in force on %(date)s (in force from %(start)s%(end)s): choose "
    "another date or provision."
)
END_BEFORE_START = _("A provision cannot leave force before it comes into force.")
FUTURE_DATE = _("The date cannot be in the future.")
REQUIRED = _("This field is required.")
UNKNOWN_CHOICE = _("Choose a value from the list.")
BEFORE_ASSESSMENT = _("The date cannot be before the assessment (%(date)s).")
STALE_RECOMMENDATION = _(
    "Someone else changed this recommendation while you were editing it: open it again."
)
STALE_TREATY_STATUS = _(
    "Someone else changed this treaty status while you were editing it: open it again."
)
NO_PARTY_DATE = _("Only a party has a date it became party: leave this date empty.")
SIGNED_AFTER_PARTY = _("The signature cannot be after the date the country became party.")
BEFORE_ADOPTION = _("The date cannot be before the instrument was adopted (%(date)s).")
SOURCE_FOR_VERIFIED = _("Name the source the status was checked against.")
REASON_REQUIRED = _("Give the reason for the change.")
