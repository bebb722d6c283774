"""Messages of the referrals' state machine, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

STEP_OUT_OF_ORDER = _("This step cannot be taken while the referral is “%(state)s”.")
SENDER_ONLY = _("Only the organisation that sent the referral takes this step.")
RECEIVER_ONLY = _("Only the organisation the referral was sent to takes this step.")
STEP_NEEDS = _("Fill in this field for this step.")
NO_CONSENT = _("Record the person's consent (given or refused) before referring them.")
CONSENT_REFUSED = _(
    "The person refused consent: record an overriding reason and have a protection officer "
    "approve it before the referral is sent."
)
GUARDIAN_NEEDED = _("The person is a child: name the guardian who gave or refused consent.")
OVERRIDE_NOT_NEEDED = _("Consent was given: there is nothing to override.")
OVERRIDE_REASON_NEEDED = _("Record the overriding reason first.")
OVERRIDE_OFFICER_ONLY = _(
    "Only a protection officer of the referring organisation may approve an override."
)
SERVICE_NOT_OFFERED = _("The receiving organisation does not offer this service: %(service)s.")
NO_SERVICE = _("Choose at least one service.")
NO_AGREEMENT = _(
    "No data-sharing agreement between your organisation and the receiving organisation is "
    "in force today."
)
GROUP_OUTSIDE_AGREEMENT = _("The agreement does not allow sharing this: %(group)s.")
GROUP_NOT_READABLE = _("You cannot share what you do not see yourself: %(group)s.")
NO_FIELD_GROUP = _("Choose at least one group of fields to share.")
NOT_SENDER = _("You may not change this person's record, so you cannot refer them.")
NOT_A_PARTY = _("Your organisation is neither the sender nor the receiver of this referral.")
STALE_REFERRAL = _(
    "Someone else changed this referral while you were looking at it: open it again."
)
REASON_NEEDED = _("Give the reason for the referral.")
