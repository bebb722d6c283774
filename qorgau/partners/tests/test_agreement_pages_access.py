"""The agreements' pages × every persona. The parties (the agency office, NGO A) and the agency
office of their country read the agreement and download its signed document; everyone else
gets 404 (the same as a missing one), the statistics viewer 403, the anonymous visitor the
log-in page. Only the sharing side's administrators change or end it: a user without
``organisation.manage`` gets 403, another organisation's administrator 404, and nothing
changes; NGO A, which receives records under it, may read it but never change it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

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
from qorgau.partners.models import Agreement
from qorgau.partners.services import agreement_record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% synthetic\n"
ADMINS = ("agency_admin", "ngo_a_admin", "ngo_b_admin")
EVERYONE = (*PERSONAS, *ADMINS)
READERS = frozenset({"clerk", "officer", "ngo_a", "agency_admin", "ngo_a_admin"})


@dataclass
class World:
    users: dict[str, Any]
    orgs: dict[str, Any]
    agreement: Agreement


@pytest.fixture
def world(settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    orgs, users = personas_make()
    for persona, org in zip(ADMINS, ("agency", "ngo_a", "ngo_b"), strict=True):
        users[persona] = user_make(persona.replace("_", "-"), orgs[org], Role.ADMINISTRATOR)
    today = timezone.localdate()
    agreement = agreement_record(
        actor=users["agency_admin"], provider=orgs["agency"], recipient=orgs["ngo_a"],
        reference="DSA-1", purpose="Legal aid", field_groups=["identity"], starts_on=today,
        expires_on=today + dt.timedelta(days=90), document=SimpleUploadedFile("s.pdf", PDF),
    )  # fmt: skip
    return World(users=users, orgs=orgs, agreement=agreement)


def _read() -> dict[str, int]:
    return {
        **dict.fromkeys(EVERYONE, 404),
        **dict.fromkeys(READERS, 200),
        "stats": 403,
        ANONYMOUS: 302,
    }


def _change(ok: int) -> dict[str, int]:
    """Only the agency office's administrator changes the agency office's agreement; NGO A's
    (the receiving side) and NGO B's administrators get 404, everyone else 403."""
    return {
        **dict.fromkeys(EVERYONE, 403),
        "ngo_a_admin": 404,
        "ngo_b_admin": 404,
        "agency_admin": ok,
        ANONYMOUS: 302,
    }


def _of(name: str) -> Any:
    return lambda w: reverse(name, kwargs={"public_id": w.agreement.public_id})


def _terms(w: World) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "purpose": "Changed.", "field_groups": ["identity"], "starts_on": today.isoformat(),
        "expires_on": (today + dt.timedelta(days=30)).isoformat(),
    }  # fmt: skip


ROUTES: list[Route[World]] = [
    Route(
        "list", "partners:agreements", "GET", lambda w: reverse("partners:agreements"),
        {**dict.fromkeys(EVERYONE, 200), "stats": 403, ANONYMOUS: 302},
        listed=lambda w, response: any(
            a.pk == w.agreement.pk for a, _ in response.context["rows"]
        ),
    ),
    Route("detail", "partners:agreement", "GET", _of("partners:agreement"), _read()),
    Route("document", "partners:agreement-document", "GET",
          _of("partners:agreement-document"), _read()),
    Route(
        "new-get", "partners:agreement-new", "GET", lambda w: reverse("partners:agreement-new"),
        {**dict.fromkeys(EVERYONE, 403), **dict.fromkeys(ADMINS, 200), ANONYMOUS: 302},
    ),
    Route(
        # Another administrator cannot name the agency office as the sharing side: 400, nothing.
        "new-post", "partners:agreement-new", "POST", lambda w: reverse("partners:agreement-new"),
        {**dict.fromkeys(EVERYONE, 403), "ngo_a_admin": 400, "ngo_b_admin": 400,
         "agency_admin": 302, ANONYMOUS: 302},
        body=lambda w: _terms(w) | {"provider": w.orgs["agency"].pk,
                                    "recipient": w.orgs["ngo_b"].pk, "reference": "DSA-2"},
    ),
    Route("edit-get", "partners:agreement-edit", "GET", _of("partners:agreement-edit"),
          _change(200)),
    Route("edit-post", "partners:agreement-edit", "POST", _of("partners:agreement-edit"),
          _change(302), body=lambda w: _terms(w) | {"version": 1}),
    Route("end-post", "partners:agreement-end", "POST", _of("partners:agreement-end"),
          _change(302), body=lambda w: {"version": 1, "reason": "Changed."}),
]  # fmt: skip


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(route, persona, world, login):
    response = route_send(login(world.users[persona]), route, world)

    assert response.status_code == route.expected[persona], response.content[:300]
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login")) == (persona == ANONYMOUS)
    if route.listed is not None and response.status_code == 200:
        assert route.listed(world, response) == (persona in READERS)
    agreement = Agreement.objects.get(pk=world.agreement.pk)
    changed = route.method == "POST" and persona == "agency_admin" and route.id != "new-post"
    assert (agreement.version > 1) == changed
    created = Agreement.objects.filter(reference="DSA-2").exists()
    assert created == (route.id == "new-post" and persona == "agency_admin")


def test_it_covers_every_route_of_the_agreements_pages():
    names = {name for _, name, _ in url_routes() if name.startswith("partners:agreement")}

    assert names == {r.name for r in ROUTES}
