"""Who may review, decide and undo: every identity page for every persona.

NGO A registered three records; two pairs are candidates, and a third pair was decided
"different" by NGO A (the undo route's target).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.identity.models import Candidate, PairDecision, Verdict
from qorgau.identity.services import ScoredPair, candidates_store, pair_decide
from qorgau.organisations.models import User
from qorgau.organisations.tests.personas import (
    ANONYMOUS,
    PERSONAS,
    Route,
    personas_make,
    url_routes,
)
from qorgau.people.models import Person
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input
from qorgau.web.tests.headers import assert_protective_headers

pytestmark = pytest.mark.django_db


@dataclass
class World:
    users: dict[str, User | None]
    records: list[Person]
    pending: Candidate
    decision: PairDecision


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    ngo_a = users["ngo_a"]
    assert ngo_a is not None
    records = [
        person_create(actor=ngo_a, organisation=orgs["ngo_a"], data=person_input(given_name=n))
        for n in ("Ерлан", "Erlan", "Yerlan")
    ]
    a, b, c = (p.pk for p in records)
    candidates_store([ScoredPair(a, b, 0.98, []), ScoredPair(a, c, 0.95, [])])
    decided = Candidate.objects.get(first_id=a, second_id=c)
    decision = pair_decide(actor=ngo_a, candidate=decided, verdict=Verdict.DIFFERENT)
    pending = Candidate.objects.get(first_id=a, second_id=b)
    return World(users=users, records=records, pending=pending, decision=decision)


# Who may change NGO A's records: NGO A and the agency's KAZ office (clerk, officer).
CHANGERS = {"clerk", "officer", "ngo_a"}


def _expected(ok: int, elsewhere: int, nowhere: int = 403) -> dict[str, int]:
    """``ok`` for who may change NGO A's records, ``elsewhere`` for who may change records
    of other organisations only, 403 for who may change none, the log-in page for anonymous."""
    codes = {p: (ok if p in CHANGERS else elsewhere) for p in PERSONAS}
    return {**codes, "liaison": nowhere, "stats": nowhere, ANONYMOUS: 302}


ROUTES: list[Route[World]] = [
    Route("review", "identity:review", "GET", lambda w: reverse("identity:review"),
          _expected(200, 200)),
    # The panel of likely existing records: who may register gets it (records of others left
    # out), who may not gets 403.
    Route("likely", "identity:likely", "GET",
          lambda w: reverse("identity:likely") + "?principal-family_name=Seitkaziev"
          "&principal-given_name=Erlan", _expected(200, 200)),
    Route("runs", "identity:runs", "GET", lambda w: reverse("identity:runs"),
          _expected(200, 200)),
    # Only the agency's KAZ office searches the KAZ registry; others get 404.
    Route("run-new", "identity:run-new", "POST", lambda w: reverse("identity:run-new"),
          {**_expected(404, 404), "clerk": 302, "officer": 302}, body=lambda w: {"country": "KAZ"}),
    Route("decide", "identity:decide", "POST",
          lambda w: reverse("identity:decide", kwargs={"public_id": w.pending.public_id}),
          _expected(302, 404),
          body=lambda w: {"verdict": "same", "kept": str(w.records[0].public_id)}),
    Route("undo", "identity:undo", "POST",
          lambda w: reverse("identity:undo", kwargs={"public_id": w.decision.public_id}),
          _expected(302, 404)),
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(
    route: Route, persona: str, world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users[persona])
    url = route.url(world)
    if route.method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, route.body(world) if route.body else {})

    assert response.status_code == route.expected[persona]
    assert_protective_headers(response, persona=persona, case=route.id)
    if route.name == "identity:review" and response.status_code == 200:
        listed = {c.pk for c in response.context["page"]}
        assert (world.pending.pk in listed) == (persona in CHANGERS)
    if route.name == "identity:likely" and response.status_code == 200:
        shown = world.records[0].registration_number in response.content.decode()
        assert shown == (persona in CHANGERS)
    changed = response.status_code == 302 and persona != ANONYMOUS
    world.pending.refresh_from_db()
    world.decision.refresh_from_db()
    if route.name == "identity:decide":
        assert (world.pending.verdict == Verdict.SAME) == changed
        assert Person.objects.filter(merged_into__isnull=False).exists() == changed
    if route.name == "identity:undo":
        assert (world.decision.undone_at is not None) == changed


def test_it_covers_every_identity_route() -> None:
    names = {name for path, name, _ in url_routes() if path.startswith("identity/")}
    assert names == {r.name for r in ROUTES}


@pytest.mark.parametrize("name", ["identity:decide", "identity:undo"])
def test_it_names_pairs_and_decisions_by_opaque_ids_only(
    name: str, world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users["clerk"])
    sequential = world.pending.pk if name == "identity:decide" else world.decision.pk
    for public_id in (str(sequential), "not-an-id"):
        response = client.post(reverse(name, kwargs={"public_id": public_id}), {"verdict": "x"})
        assert response.status_code == 404
    world.decision.refresh_from_db()
    assert world.decision.undone_at is None
