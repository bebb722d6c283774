"""The organisations and personas every access test is written against: one definition, used
by the fixtures of ``qorgau/conftest.py`` (one persona each) and by the access matrices
(``personas_make``: all of them at once).

Personas (style guide: fixed personas, one cross-organisation test per endpoint):
- ``clerk``: registration clerk of the agency's Kazakhstan office (sees every KAZ record)
- ``officer``: protection officer of the same office
- ``ngo_a`` / ``ngo_b``: caseworkers of two partner NGOs (see their own records and shares)
- ``liaison``: government liaison of the Migration Service (sees its own records and shares)
- ``gov_clerk``: registration clerk of the Migration Service
- ``stats``: statistics viewer of the agency (never sees a single person)
- ``kgz``: registration clerk of the agency's Kyrgyzstan office
- anonymous: no user (the ``client`` fixture without login)
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from qorgau.organisations.models import Organisation, OrganisationType, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import organisation_make, user_make

# key: (code, type, country, is the agency's office), in the order the matrices create them.
ORGANISATIONS: dict[str, tuple[str, str, str, bool]] = {
    "agency": ("agency-kaz", OrganisationType.UN_AGENCY, "KAZ", True),
    "agency_kgz": ("agency-kgz", OrganisationType.UN_AGENCY, "KGZ", True),
    "ngo_a": ("ngo-a", OrganisationType.NGO, "KAZ", False),
    "ngo_b": ("ngo-b", OrganisationType.NGO, "KAZ", False),
    "government": ("migration-service", OrganisationType.GOVERNMENT, "KAZ", False),
    "ngo_c": ("ngo-c", OrganisationType.NGO, "KAZ", False),
}

# persona: (username, organisation key, role), in the order the matrices create them.
USERS: dict[str, tuple[str, str, str]] = {
    "clerk": ("clerk", "agency", Role.REGISTRATION_CLERK),
    "ngo_a": ("ngo-a-caseworker", "ngo_a", Role.PARTNER_CASEWORKER),
    "ngo_b": ("ngo-b-caseworker", "ngo_b", Role.PARTNER_CASEWORKER),
    "liaison": ("liaison", "government", Role.GOVERNMENT_LIAISON),
    "stats": ("stats", "agency", Role.STATISTICS_VIEWER),
    "kgz": ("kgz-clerk", "agency_kgz", Role.REGISTRATION_CLERK),
    "officer": ("officer", "agency", Role.PROTECTION_OFFICER),
    "gov_clerk": ("gov-clerk", "government", Role.REGISTRATION_CLERK),
}

ANONYMOUS = "anonymous"
# The personas of the access matrices, in the order their rows are written.
PERSONAS = ("clerk", "officer", "ngo_a", "ngo_b", "liaison", "stats", "kgz", ANONYMOUS)


def persona_organisation(key: str) -> Organisation:
    """Create the organisation ``key`` of ``ORGANISATIONS``."""
    code, type_, country, agency = ORGANISATIONS[key]
    return organisation_make(code, type_, country=country, agency=agency)


def persona_user(persona: str, organisation: Organisation) -> User:
    """Create the user of ``persona`` in ``organisation`` (the one ``USERS`` names)."""
    username, _, role = USERS[persona]
    return user_make(username, organisation, role)


def personas_make() -> tuple[dict[str, Organisation], dict[str, User | None]]:
    """Every organisation of ``ORGANISATIONS``, and one user per persona of ``PERSONAS``
    (``None`` for the anonymous visitor)."""
    orgs = {key: persona_organisation(key) for key in ORGANISATIONS}
    users: dict[str, User | None] = {
        persona: persona_user(persona, orgs[organisation])
        for persona, (_, organisation, _) in USERS.items()
        if persona in PERSONAS
    }
    users[ANONYMOUS] = None
    return orgs, users


@dataclass(frozen=True)
class Route[W]:
    """One row of an access matrix: a URL (made from the test's world) asked with ``method``,
    and the status each persona must get. ``body``: what a POST sends; ``listed``: for a list
    page, whether the world's record is on the response (checked where the status is 200)."""

    id: str
    name: str
    method: str
    url: Callable[[W], str]
    expected: dict[str, int]
    body: Callable[[W], dict[str, Any]] | None = None
    listed: Callable[[W, Any], bool] | None = None


def route_send[W](client: Any, route: Route[W], world: W) -> Any:
    """Ask ``route`` of ``world`` through ``client`` (a POST sends the route's body)."""
    url = route.url(world)
    if route.method == "GET":
        return client.get(url)
    return client.post(url, route.body(world) if route.body else {})


def route_answered[W](
    route: Route[W], persona: str, world: W, response: Any, *, readers: Collection[str]
) -> None:
    """Check the answer ``persona`` got from ``route``: the expected status, a redirect to the
    log-in page for the anonymous visitor only, and, on a list answered 200, the world's record
    listed for ``readers`` only."""
    assert response.status_code == route.expected[persona], response.content[:300]
    if response.status_code == 302:
        to_login = response["Location"].startswith(reverse("login"))
        assert to_login == (persona == ANONYMOUS)
    if route.listed is not None and response.status_code == 200:
        assert route.listed(world, response) == (persona in readers)


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
