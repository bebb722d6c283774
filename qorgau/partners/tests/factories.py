"""Directory entries for tests, written through the service."""

from __future__ import annotations

from typing import Any

from qorgau.organisations.models import Organisation, User
from qorgau.partners.models import PartnerProfile
from qorgau.partners.services import partner_profile_save


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
