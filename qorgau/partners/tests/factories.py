"""Directory entries for tests, written through the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.partners.models import Agreement, PartnerProfile
from qorgau.partners.services import agreement_record, partner_profile_save


def profile_make(actor: User, organisation: Organisation, **fields: Any) -> PartnerProfile:
    values: dict[str, Any] = {
        "services": ["legal_aid"],
        "regions": ["KZ-75"],
        "languages": ["kaz", "rus"],
        "eligibility": "Asylum-seekers and stateless people.",
        "email": "desk@ngo.example.org",
        "opening_hours": "Mon–Fri 9:00–18:00",
    }
    current = PartnerProfile.objects.filter(organisation=organisation).first()
    return partner_profile_save(
        actor=actor,
        organisation=organisation,
        version=current.version if current else 0,
        **(values | fields),
    )


def agreement_make(
    actor: User, provider: Organisation, recipient: Organisation, **fields: Any
) -> Agreement:
    """A data-sharing agreement in force from ten days ago for half a year, through the
    service (``actor`` an administrator of ``provider`` or of its country's agency office)."""
    today = timezone.localdate()
    values: dict[str, Any] = {
        "reference": "DSA-2026-07",
        "purpose": "Legal aid",
        "field_groups": ["identity", "legal_status", "contact"],
        "starts_on": today - dt.timedelta(days=10),
        "expires_on": today + dt.timedelta(days=180),
    }
    return agreement_record(
        actor=actor, provider=provider, recipient=recipient, **(values | fields)
    )
