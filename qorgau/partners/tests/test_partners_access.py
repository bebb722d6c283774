"""Every page and endpoint of the partner directory × every persona.

Every user who works on people reads the directory of their own countries; the agency's
Kyrgyzstan office gets 404 for an entry in Kazakhstan; the statistics viewer 403. An entry is
edited by its organisation's administrator and the agency office's administrator only: a
user without ``organisation.manage`` gets 403, another organisation's administrator 404 (and
nothing changes), the anonymous visitor the log-in page (401/403 from the API).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import (
    ANONYMOUS,
    PERSONAS,
    Route,
    personas_make,
    route_send,
    url_routes,
)
from qorgau.partners.models import PartnerProfile
from qorgau.partners.tests.factories import profile_make

pytestmark = pytest.mark.django_db

ADMINS = ("ngo_a_admin", "ngo_b_admin", "agency_admin", "kgz_admin")
EVERYONE = (*PERSONAS, *ADMINS)
EDITORS = frozenset({"ngo_a_admin", "agency_admin"})


@dataclass
class World:
    users: dict[str, Any]
    orgs: dict[str, Any]
    profile: PartnerProfile


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    for persona, org in zip(ADMINS, ("ngo_a", "ngo_b", "agency", "agency_kgz"), strict=True):
        users[persona] = user_make(persona.replace("_", "-"), orgs[org], Role.ADMINISTRATOR)
    profile = profile_make(users["ngo_a_admin"], orgs["ngo_a"])
    return World(users=users, orgs=orgs, profile=profile)


def _read(in_kaz: int, kgz: int) -> dict[str, int]:
    return {
        **dict.fromkeys(EVERYONE, in_kaz),
        "kgz": kgz,
        "kgz_admin": kgz,
        "stats": 403,
        ANONYMOUS: 302,
    }


def _edit(ok: int) -> dict[str, int]:
    return {
        **dict.fromkeys(EVERYONE, 403),
        **dict.fromkeys(ADMINS, 404),
        **dict.fromkeys(EDITORS, ok),
        ANONYMOUS: 302,
    }


def _api(in_kaz: int, kgz: int) -> dict[str, int]:
    return {**_read(in_kaz, kgz), ANONYMOUS: 401}


def _entry(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"public_id": w.orgs["ngo_a"].public_id})


ROUTES: list[Route[World]] = [
    Route("directory", "partners:directory", "GET", lambda w: reverse("partners:directory"), _read(200, 200)),
    Route("detail", "partners:detail", "GET", _entry("partners:detail"), _read(200, 404)),
    Route("edit-get", "partners:edit", "GET", _entry("partners:edit"), _edit(200)),
    Route(
        "edit-post", "partners:edit", "POST", _entry("partners:edit"), _edit(302),
        body=lambda w: {"version": w.profile.version, "services": ["medical"],
                        "regions": ["KZ-71"], "languages": ["eng"], "eligibility": "Changed."},
    ),
    Route("api-list", "service-list", "GET", lambda w: reverse("service-list"), _api(200, 200)),
    Route(
        "api-detail", "service-detail", "GET",
        lambda w: reverse("service-detail", kwargs={"id": w.orgs["ngo_a"].public_id}),
        _api(200, 404),
    ),
]  # fmt: skip


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(route, persona, world, login):
    response = route_send(login(world.users[persona]), route, world)

    assert response.status_code == route.expected[persona], response.content[:300]
    if response.status_code == 302:
        to_login = response["Location"].startswith(reverse("login"))
        assert to_login == (persona == ANONYMOUS)
    profile = PartnerProfile.objects.get(pk=world.profile.pk)
    changed = route.method == "POST" and persona in EDITORS
    assert (profile.eligibility == "Changed.") == changed


@pytest.mark.parametrize("persona", ["kgz", "kgz_admin"])
def test_it_lists_no_entry_of_another_country(persona, world, login):
    client = login(world.users[persona])

    page = client.get(reverse("partners:directory"))
    api = client.get(reverse("service-list"))

    assert page.context["entries"] == []
    assert api.json()["results"] == []


def test_it_covers_every_route_of_partners():
    names = {
        name
        for path, name, _ in url_routes()
        if (name.startswith("partners:") and not name.startswith("partners:agreement"))
        or path.startswith("api/v1/^services/")
    }  # the agreements' pages: test_agreement_pages_access.py

    assert names == {r.name for r in ROUTES}
