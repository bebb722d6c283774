"""The partnership the referral browser tests start from, made through the services as the
administrators' pages make it: NGO B offers its services (a partner profile) and NGO A's
administrator has recorded a data-sharing agreement with it for referrals for legal aid, in force
for sixty days from today."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from qorgau.organisations.models import Organisation
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.partners.models import Agreement
from qorgau.partners.services import agreement_record
from qorgau.partners.tests.factories import profile_make


def legal_aid_partnership(
    provider: Organisation, recipient: Organisation, *, reference: str, field_groups: list[str]
) -> Agreement:
    """``recipient`` as a partner with a profile, and the agreement under which ``provider``
    may refer people to it, sharing ``field_groups``."""
    today = timezone.localdate()
    profile_make(user_make("ngo-b-admin", recipient, Role.ADMINISTRATOR), recipient)
    return agreement_record(
        actor=user_make("ngo-a-admin", provider, Role.ADMINISTRATOR), provider=provider,
        recipient=recipient, reference=reference, purpose="Referrals for legal aid",
        field_groups=field_groups, starts_on=today, expires_on=today + dt.timedelta(days=60),
    )  # fmt: skip
