"""The demo's partner directory: the fact sheet's partners in Kazakhstan with plausible
services, regions, languages and opening hours (synthetic contacts: example.org addresses and
numbers of no one). Written through the directory's service, as the agency office's
administrator would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.partners.models import Agreement, PartnerProfile
from qorgau.partners.services import agreement_record, partner_profile_save
from qorgau.population.organisations import demo_username

CITIES = ("KZ-71", "KZ-75", "KZ-79")
HOURS = "Mon–Fri 9:00–18:00"


@dataclass(frozen=True)
class PartnerSeed:
    code: str
    services: tuple[str, ...]
    regions: tuple[str, ...]
    languages: tuple[str, ...]
    eligibility: str


PARTNERS = (
    PartnerSeed(
        "kibhr",
        ("legal_aid", "documentation", "asylum_access"),
        ("KZ-75", "KZ-71", "KZ-79", "KZ-61", "KZ-19"),
        ("kaz", "rus", "eng", "prs"),
        "Asylum-seekers, refugees, stateless people and people with undetermined nationality.",
    ),
    PartnerSeed(
        "krcs",
        ("medical", "mhpss", "social_assistance", "cash", "shelter"),
        ("KZ-75", "KZ-71", "KZ-79", "KZ-61", "KZ-31", "KZ-43", "KZ-63"),
        ("kaz", "rus"),
        "People in need regardless of status; cash assistance after an assessment.",
    ),
    PartnerSeed(
        "sana-sezim",
        ("gbv", "legal_aid", "mhpss", "child_protection"),
        ("KZ-75", "KZ-19", "KZ-33"),
        ("kaz", "rus", "eng"),
        "Women and girls, survivors of violence, and their children.",
    ),
    PartnerSeed("kaz-mlsp", ("employment", "social_assistance"), CITIES, ("kaz", "rus"),
                "Recognised refugees and stateless people with a residence permit."),
    PartnerSeed("kaz-moh", ("medical",), CITIES, ("kaz", "rus"),
                "Emergency care for everyone; primary care for recognised refugees."),
    PartnerSeed("kaz-edu", ("education",), CITIES, ("kaz", "rus"),
                "Children of school age whatever their status."),
    PartnerSeed("kaz-moj", ("documentation", "legal_aid"), CITIES, ("kaz", "rus"),
                "Civil registration and the stateless status determination procedure."),
    PartnerSeed("kaz-mia", ("documentation", "asylum_access"), CITIES, ("kaz", "rus"),
                "Asylum applications and residence documents."),
)  # fmt: skip


def partner_profiles_seed(organisations: dict[str, Organisation]) -> int:
    """The fact sheet's partners' directory entries (idempotent: an entry that exists, perhaps
    edited since, is left alone); returns how many were added."""
    actor = User.objects.get(username=demo_username(organisations["unhcr-kaz"], Role.ADMINISTRATOR))
    added = 0
    for seed in PARTNERS:
        organisation = organisations[seed.code]
        if PartnerProfile.objects.filter(organisation=organisation).exists():
            continue
        partner_profile_save(
            actor=actor,
            organisation=organisation,
            version=0,
            services=seed.services,
            regions=seed.regions,
            languages=seed.languages,
            eligibility=seed.eligibility,
            contact_name="Reception desk",
            email=f"referrals@{seed.code}.example.org",
            phone="+7 700 000 00 00",
            opening_hours=HOURS,
        )
        added += 1
    return added


#: The demo's data-sharing agreements: the agency office with the non-governmental partners
#: (shares and referrals need one in force, ADR 0056). Never with a government body here:
#: the country-of-origin rule is about other governments, but the demo keeps to partners.
AGREEMENTS = (
    ("kibhr", "Legal aid and documentation", ("identity", "legal_status", "contact", "household")),
    ("krcs", "Medical care and social assistance", ("identity", "contact", "household")),
    ("sana-sezim", "Support to survivors of violence", ("identity", "contact")),
)


def partner_agreements_seed(organisations: dict[str, Organisation], today: dt.date) -> int:
    """The agency office's agreements with the demo's partners, in force for a year from the
    start of ``today``'s year (idempotent by reference); returns how many were added."""
    agency = organisations["unhcr-kaz"]
    actor = User.objects.get(username=demo_username(agency, Role.ADMINISTRATOR))
    added = 0
    for code, purpose, groups in AGREEMENTS:
        reference = f"DSA-{today.year}-{code.upper()}"
        if Agreement.objects.filter(reference=reference).exists():
            continue
        agreement_record(
            actor=actor, provider=agency, recipient=organisations[code], reference=reference,
            purpose=purpose, field_groups=groups, starts_on=dt.date(today.year, 1, 1),
            expires_on=dt.date(today.year + 1, 12, 31),
        )  # fmt: skip
        added += 1
    return added
