"""Who may see and change a case: every case page and endpoint, for every persona.

NGO A registered a person and opened an asylum case for them. The matrix states the exact
status each persona gets; a case route missing from ``ROUTES`` fails
``test_it_covers_every_case_route``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, personas_make, url_routes
from qorgau.people.models import Person
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.procedures.models import Case, CaseAccess
from qorgau.procedures.services import case_access_grant, case_open, case_step
from qorgau.procedures.tests.factories import START, step_input
from qorgau.web.tests.headers import assert_protective_headers

pytestmark = pytest.mark.django_db


@dataclass
class World:
    orgs: dict[str, Organisation]
    users: dict[str, User | None]
    person: Person
    case: Case


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    ngo_a = users["ngo_a"]
    assert ngo_a is not None
    person = person_create(actor=ngo_a, organisation=orgs["ngo_a"], data=person_input())
    case = case_open(
        actor=ngo_a,
        organisation=orgs["ngo_a"],
        procedure="asylum",
        person=person,
        opened_on=START,
        assigned_to=ngo_a,
    )
    return World(orgs=orgs, users=users, person=person, case=case)


def _anonymous(api: bool) -> int:
    return 401 if api else 302


def _case_view(api: bool) -> dict[str, int]:
    """Seen by NGO A (responsible) and the agency's KAZ office; not by NGO B, the government
    or the KGZ office (404); never by the statistics viewer (403)."""
    return {
        "clerk": 200,
        "officer": 200,
        "ngo_a": 200,
        "ngo_b": 404,
        "liaison": 404,
        "kgz": 404,
        "stats": 403,
        ANONYMOUS: _anonymous(api),
    }


def _managing(api: bool, ok: int) -> dict[str, int]:
    return {**_case_view(api), "clerk": ok, "officer": ok, "ngo_a": ok}


def _listing(api: bool) -> dict[str, int]:
    return {**dict.fromkeys(PERSONAS, 200), "stats": 403, ANONYMOUS: _anonymous(api)}


@dataclass(frozen=True)
class Route:
    id: str
    name: str
    method: str
    url: Callable[[World], str]
    expected: dict[str, int]
    body: Callable[[World, User | None], dict[str, Any]] | None = None
    listed: bool = False

    @property
    def api(self) -> bool:
        return ":" not in self.name


def _cid(w: World) -> str:
    return str(w.case.public_id)


def _register(w: World, _user: User | None = None) -> dict[str, Any]:
    w.case.refresh_from_db()
    return {
        "version": w.case.version,
        "transition": "register",
        "occurred_on": "2025-01-11",
        "fields": {"arrival_date": "2025-01-09", "application_date": "2025-01-10"},
        "documents": {"asylum_seeker_certificate": "AS-0001"},
    }


def _register_form(w: World, _user: User | None) -> dict[str, Any]:
    data = _register(w)
    return {
        "version": data["version"],
        "occurred_on": data["occurred_on"],
        **data["fields"],
        "document_asylum_seeker_certificate": "AS-0001",
    }


def _web(name: str, w: World, **kwargs: Any) -> str:
    return reverse(f"procedures:{name}", kwargs={"public_id": _cid(w), **kwargs})


ROUTES = [
    Route("web-list", "procedures:list", "GET", lambda w: reverse("procedures:list"),
          _listing(api=False), listed=True),
    Route("web-detail", "procedures:detail", "GET", lambda w: _web("detail", w),
          _case_view(api=False)),
    Route("web-step-get", "procedures:step", "GET",
          lambda w: _web("step", w, transition="register"), _case_view(api=False)),
    # NGO A may see the case, but "register" is a step for the agency's roles: the form
    # says so (200) and nothing is stored.
    Route("web-step-post", "procedures:step", "POST",
          lambda w: _web("step", w, transition="register"),
          {**_case_view(api=False), "clerk": 302, "officer": 302}, body=_register_form),
    Route("web-open-get", "procedures:open", "GET",
          lambda w: reverse("procedures:open", kwargs={"public_id": str(w.person.public_id)}),
          {**_case_view(api=False), "liaison": 403}),
    Route("web-open-post", "procedures:open", "POST",
          lambda w: reverse("procedures:open", kwargs={"public_id": str(w.person.public_id)}),
          {**_managing(api=False, ok=302), "liaison": 403},
          body=lambda w, u: {"procedure": "statelessness", "opened_on": "2025-02-01",
                          "organisation": _acting_org(w, u)}),
    Route("web-extend", "procedures:extend", "POST", lambda w: _web("extend", w),
          _managing(api=False, ok=302),
          body=lambda w, u: {"version": w.case.version, "deadline": "decide",
                          "until": "2025-06-01", "occurred_on": "2025-02-01", "reasons": "x"}),
    Route("web-pause", "procedures:pause", "POST", lambda w: _web("pause", w),
          _managing(api=False, ok=302),
          body=lambda w, u: {"version": w.case.version, "occurred_on": "2025-02-01",
                          "reasons": "Applicant in hospital"}),
    Route("web-access", "procedures:access", "POST", lambda w: _web("access", w),
          _managing(api=False, ok=302),
          body=lambda w, u: {"organisation": w.orgs["government"].pk, "can_act": "on",
                          "purpose": "Decision"}),
    Route("web-assign", "procedures:assign", "POST", lambda w: _web("assign", w),
          _managing(api=False, ok=302),
          body=lambda w, u: {"version": w.case.version, "assignee": u.pk if u else ""}),
    Route("web-access-revoke", "procedures:access-revoke", "POST",
          lambda w: _web("access-revoke", w, grant_id=_grant(w).public_id),
          _managing(api=False, ok=302)),
    Route("web-pipeline", "procedures:pipeline", "GET", lambda w: reverse("procedures:pipeline"),
          {**dict.fromkeys(PERSONAS, 403), "officer": 200, "liaison": 200, "stats": 200,
           ANONYMOUS: 302}),
    Route("api-list", "case-list", "GET", lambda w: reverse("case-list"), _listing(api=True),
          listed=True),
    Route("api-detail", "case-detail", "GET",
          lambda w: reverse("case-detail", kwargs={"id": _cid(w)}), _case_view(api=True)),
    Route("api-create", "case-list", "POST", lambda w: reverse("case-list"),
          {**_managing(api=True, ok=201), "liaison": 403},
          body=lambda w, u: {"procedure": "statelessness", "person": str(w.person.public_id),
                          "opened_on": "2025-02-01"}),
    Route("api-transitions-get", "case-transitions", "GET",
          lambda w: reverse("case-transitions", kwargs={"id": _cid(w)}), _case_view(api=True)),
    # NGO A's caseworker holds no role "register" names: 403 with the roles it needs.
    Route("api-transitions-post", "case-transitions", "POST",
          lambda w: reverse("case-transitions", kwargs={"id": _cid(w)}),
          {**_case_view(api=True), "clerk": 201, "officer": 201, "ngo_a": 403},
          body=_register),
    Route("api-extend", "case-extend", "POST",
          lambda w: reverse("case-extend", kwargs={"id": _cid(w)}),
          {**_case_view(api=True), "clerk": 400, "officer": 400, "ngo_a": 400},
          body=lambda w, u: {"version": w.case.version, "deadline": "decide",
                          "until": "2025-06-01", "occurred_on": "2025-02-01", "reasons": "x"}),
    Route("api-pause", "case-pause", "POST",
          lambda w: reverse("case-pause", kwargs={"id": _cid(w)}),
          _managing(api=True, ok=201),
          body=lambda w, u: {"version": w.case.version, "occurred_on": "2025-02-01",
                          "reasons": "Applicant in hospital"}),
]  # fmt: skip


def _acting_org(w: World, user: User | None) -> int:
    """The first organisation where the persona may open cases (the form lists only these)."""
    allowed = user_scope(user, Perm.PERSON_CREATE).organisation_ids if user else frozenset()
    return min(allowed or {w.orgs["agency"].pk})


def _grant(w: World) -> CaseAccess:
    grant = CaseAccess.objects.filter(case=w.case).first()
    if grant is None:
        ngo_a = w.users["ngo_a"]
        assert ngo_a is not None
        grant = case_access_grant(
            actor=ngo_a, case=w.case, organisation=w.orgs["government"], can_act=False,
            purpose="Follow",
        )  # fmt: skip
    return grant


def _send(client: Client, route: Route, w: World, user: User | None) -> Any:
    url = route.url(w)
    if route.method == "GET":
        return client.get(url)
    body = route.body(w, user) if route.body else {}
    if route.api:
        return client.post(url, json.dumps(body), content_type="application/json")
    return client.post(url, body)


SEES_CASE = frozenset({"clerk", "officer", "ngo_a"})


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(
    route: Route, persona: str, world: World, login: Callable[[User | None], Client]
) -> None:
    user = world.users[persona]
    response = _send(login(user), route, world, user)

    assert response.status_code == route.expected[persona], response.content[:400]
    assert_protective_headers(response, persona=persona, case=route.id)
    if route.listed and response.status_code == 200:
        if route.api:
            ids = {row["id"] for row in response.json()["results"]}
        else:
            ids = {str(row["case"].public_id) for row in response.context["rows"]}
        assert (_cid(world) in ids) == (persona in SEES_CASE)


OUTSIDERS = ("ngo_b", "liaison", "kgz", "stats", ANONYMOUS)
WRITES = [r for r in ROUTES if r.method == "POST" and r.name != "procedures:open"]
WRITES = [r for r in WRITES if r.name not in {"case-list"}]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_changes_nothing(
    outsider: str, world: World, login: Callable[[User | None], Client]
) -> None:
    user = world.users[outsider]
    client = login(user)
    for route in WRITES:
        assert _send(client, route, world, user).status_code in {302, 401, 403, 404}
    world.case.refresh_from_db()
    assert (world.case.version, world.case.stage, world.case.paused_since) == (
        1,
        "application",
        None,
    )
    assert world.case.steps.count() == 1
    # The revoke route's address needs a grant: the one NGO A made stays as it was.
    grants = CaseAccess.objects.filter(case=world.case)
    assert [(g.can_act, g.revoked_at) for g in grants] in ([], [(False, None)])


def test_a_share_of_the_person_does_not_open_the_case(
    world: World, login: Callable[[User | None], Client]
) -> None:
    officer = world.users["officer"]
    assert officer is not None
    share_grant_agreed(
        actor=officer, recipient=world.orgs["ngo_b"], person=world.person,
        agreement="DTA-1", purpose="Legal aid", expires_on=dt.date.today() + dt.timedelta(days=300),
    )  # fmt: skip
    client = login(world.users["ngo_b"])
    assert (
        client.get(
            reverse("people:detail", kwargs={"public_id": world.person.public_id})
        ).status_code
        == 200
    )
    assert client.get(_web("detail", world)).status_code == 404


def test_an_organisation_given_access_follows_or_works_on_the_case(
    world: World, login: Callable[[User | None], Client]
) -> None:
    ngo_a, ngo_b = world.users["ngo_a"], world.users["ngo_b"]
    assert ngo_a is not None
    assert ngo_b is not None
    grant = case_access_grant(
        actor=ngo_a, case=world.case, organisation=world.orgs["ngo_b"], can_act=False,
        purpose="Follow the appeal",
    )  # fmt: skip
    client = login(ngo_b)
    assert client.get(_web("detail", world)).status_code == 200
    url = reverse("case-transitions", kwargs={"id": _cid(world)})
    body = json.dumps({**_register(world), "transition": "close"})
    answer = client.post(url, body, content_type="application/json")
    assert answer.status_code == 403, answer.json()
    grant.revoked_at = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    grant.save()
    assert client.get(_web("detail", world)).status_code == 404

    officer = world.users["officer"]
    assert officer is not None
    case_access_grant(
        actor=ngo_a, case=world.case, organisation=world.orgs["ngo_b"], can_act=True,
        purpose="Represents the applicant",
    )  # fmt: skip
    # NGO B now works on the case, but "close" needs a protection officer: refused, naming
    # the role.
    case_step(actor=officer, case=world.case, version=world.case.version,
              step=step_input(_transition("register"), dt.date(2025, 1, 11)))  # fmt: skip
    body = json.dumps({**_register(world), "transition": "close"})
    answer = client.post(url, body, content_type="application/json")
    assert answer.status_code == 403
    assert "Protection officer" in answer.json()["detail"]  # the role it needs, by name
    world.case.refresh_from_db()
    assert world.case.stage == "registered"


def _transition(code: str) -> Any:
    from qorgau.procedures.registry import procedure_for

    return next(t for t in procedure_for("KAZ", "asylum").transitions if t.code == code)


def test_it_covers_every_case_route() -> None:
    covered = {(r.name, r.method) for r in ROUTES}
    missing = []
    for path, name, pattern in url_routes():
        if not path.replace("^", "").startswith(("cases/", "api/v1/cases")):
            continue
        if "(?P<format>" in path or "<drf_format_suffix:" in path:
            continue
        methods = {m.upper() for m in getattr(pattern.callback, "actions", {})} - {"HEAD"}
        missing += [(name, m) for m in sorted(methods) if (name, m) not in covered]
        if not methods and not any(r.name == name for r in ROUTES):
            missing.append((name, path))
    assert missing == []
