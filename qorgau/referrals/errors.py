"""Messages of the referrals' state machine, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

STEP_OUT_OF_ORDER = _("This step cannot be taken while the referral is “%(state)s”.")
SENDER_ONLY = _("Only the organisation that sent the referral takes this step.")
RECEIVER_ONLY = _("Only the organisation the referral was sent to takes this step.")
STEP_NEEDS = _("Fill in this field for this step.")
