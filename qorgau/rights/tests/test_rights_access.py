"""Every page of data-subject rights × every persona, for a person registered by NGO A.

Who may change the person (NGO A, the agency's KAZ office) handles their requests; another
organisation gets 404 (as for a missing request), a view-only role 403, a share recipient 404
on every route (a share is view-only by every path), the anonymous visitor the log-in page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
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
from qorgau.people.models import Person
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.rights.models import Anonymisation, RequestKind, RetentionReport, SubjectRequest
from qorgau.rights.tests.factories import request_record
from qorgau.web.tests.headers import assert_protective_headers

pytestmark = pytest.mark.django_db

CHANGERS = frozenset({"clerk", "officer", "ngo_a"})


@dataclass
class World:
    users: dict[str, Any]
    orgs: dict[str, Any]
    person: Person
    access: SubjectRequest
    deletion: SubjectRequest
    report: RetentionReport


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    ngo_a = users["ngo_a"]
    person = person_create(
        actor=ngo_a, organisation=orgs["ngo_a"], data=person_input(given_name="Асель")
    )
    report = RetentionReport.objects.create(
        country=orgs["agency"].country, at=timezone.now(), run_on=timezone.localdate()
    )
    return World(
        users=users,
        orgs=orgs,
        person=person,
        access=request_record(ngo_a, person),
        deletion=request_record(ngo_a, person, RequestKind.DELETION),
        report=report,
    )


def _change(ok: int) -> dict[str, int]:
    return {
        **{p: (ok if p in CHANGERS else 404) for p in PERSONAS},
        "liaison": 403,
        "stats": 403,
        ANONYMOUS: 302,
    }


def _listing() -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, 200), "liaison": 403, "stats": 403, ANONYMOUS: 302}


def _request_url(name: str, which: str = "access") -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"public_id": getattr(w, which).public_id})


ROUTES: list[Route[World]] = [
    Route(
        "new-get",
        "rights:new",
        "GET",
        lambda w: reverse("rights:new", kwargs={"public_id": w.person.public_id}),
        _change(200),
    ),
    Route(
        "new-post",
        "rights:new",
        "POST",
        lambda w: reverse("rights:new", kwargs={"public_id": w.person.public_id}),
        _change(302),
        body=lambda w: {
            "kind": "objection",
            "received_on": timezone.localdate().isoformat(),
            "received_via": "email",
        },
    ),
    Route(
        "list",
        "rights:list",
        "GET",
        lambda w: reverse("rights:list"),
        _listing(),
        listed=lambda w, r: w.access in [row["request"] for row in r.context["rows"]],
    ),
    Route("detail", "rights:detail", "GET", _request_url("rights:detail"), _change(200)),
    Route(
        "answer",
        "rights:answer",
        "POST",
        _request_url("rights:answer"),
        _change(302),
        body=lambda w: {
            "version": 1,
            "answer": "Sent the record by post.",
            "answered_on": timezone.localdate().isoformat(),
        },
    ),
    Route(
        "anonymise",
        "rights:anonymise",
        "POST",
        _request_url("rights:anonymise", "deletion"),
        _change(302),
        body=lambda w: {"confirm": "on"},
    ),
    Route("export-json", "rights:export-json", "GET", _request_url("rights:export-json"), _change(200)),
    Route("export-pdf", "rights:export-pdf", "GET", _request_url("rights:export-pdf"), _change(200)),
    Route(
        "retention",
        "rights:retention",
        "GET",
        lambda w: reverse("rights:retention"),
        _listing(),
        listed=lambda w, r: w.report in list(r.context["page"]),
    ),
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(route, persona, world, login):
    response = route_send(login(world.users[persona]), route, world)

    assert response.status_code == route.expected[persona], response.content[:300]
    assert_protective_headers(response, persona=persona, case=route.id)
    if response.status_code == 302:
        to_login = response["Location"].startswith(reverse("login"))
        assert to_login == (persona == ANONYMOUS)
    if route.listed is not None and response.status_code == 200:
        sees = CHANGERS if route.id == "list" else {"clerk", "officer"}
        assert route.listed(world, response) == (persona in sees)


@pytest.fixture
def shared(world: World) -> World:
    """NGO B holds an active (view-only) share of the person."""
    sharer = user_make("ngo-a-admin", world.orgs["ngo_a"], Role.ADMINISTRATOR)
    share_grant_agreed(
        actor=sharer,
        recipient=world.orgs["ngo_b"],
        agreement="DTA 2026/01",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        person=world.person,
    )
    return world


@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_gives_a_share_recipient_no_request_of_the_person(route, shared, login):
    response = route_send(login(shared.users["ngo_b"]), route, shared)

    if route.listed is not None:
        assert response.status_code == 200
        assert route.listed(shared, response) is False
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("outsider", ["ngo_b", "liaison", "stats", "kgz", ANONYMOUS])
def test_it_changes_nothing_after_an_outsider_writes(outsider, shared, login):
    client = login(shared.users[outsider])
    for route in ROUTES:
        if route.method == "POST":
            route_send(client, route, shared)

    assert SubjectRequest.objects.filter(person=shared.person).count() == 2
    assert SubjectRequest.objects.get(pk=shared.access.pk).is_open
    assert not Anonymisation.objects.exists()
    shared.person.refresh_from_db()
    assert shared.person.given_name == "Асель"


def test_it_covers_every_route_of_rights():
    names = {(name, path) for path, name, _ in url_routes() if name.startswith("rights:")}

    assert {name for name, _ in names} == {r.name for r in ROUTES}
