"""The organisations and personas of the access matrices (people and cases)."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from qorgau.organisations.models import Organisation, OrganisationType, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import organisation_make, user_make

ANONYMOUS = "anonymous"
PERSONAS = ("clerk", "officer", "ngo_a", "ngo_b", "liaison", "stats", "kgz", ANONYMOUS)


def personas_make() -> tuple[dict[str, Organisation], dict[str, User | None]]:
    """The agency's KAZ and KGZ offices, NGOs A, B and C, the Migration Service, and one user
    per persona (``None`` for the anonymous visitor)."""
    orgs = {
        "agency": organisation_make("agency-kaz", OrganisationType.UN_AGENCY, agency=True),
        "agency_kgz": organisation_make(
            "agency-kgz", OrganisationType.UN_AGENCY, country="KGZ", agency=True
        ),
        "ngo_a": organisation_make("ngo-a", OrganisationType.NGO),
        "ngo_b": organisation_make("ngo-b", OrganisationType.NGO),
        "government": organisation_make("migration-service", OrganisationType.GOVERNMENT),
        "ngo_c": organisation_make("ngo-c", OrganisationType.NGO),
    }
    users: dict[str, User | None] = {
        "clerk": user_make("clerk", orgs["agency"], Role.REGISTRATION_CLERK),
        "ngo_a": user_make("ngo-a-caseworker", orgs["ngo_a"], Role.PARTNER_CASEWORKER),
        "ngo_b": user_make("ngo-b-caseworker", orgs["ngo_b"], Role.PARTNER_CASEWORKER),
        "liaison": user_make("liaison", orgs["government"], Role.GOVERNMENT_LIAISON),
        "stats": user_make("stats", orgs["agency"], Role.STATISTICS_VIEWER),
        "kgz": user_make("kgz-clerk", orgs["agency_kgz"], Role.REGISTRATION_CLERK),
        "officer": user_make("officer", orgs["agency"], Role.PROTECTION_OFFICER),
        ANONYMOUS: None,
    }
    return orgs, users


def url_routes(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> list[tuple[str, str, URLPattern]]:
    """Every route of the site as (path, name, pattern), for the matrices' "every route is
    covered" tests."""
    found: list[tuple[str, str, URLPattern]] = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += url_routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            found.append((prefix + str(pattern.pattern), f"{namespace}{pattern.name}", pattern))
    return found
