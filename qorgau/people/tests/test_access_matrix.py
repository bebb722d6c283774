"""Every web page and API endpoint × every persona, for a record registered by NGO A.

The matrix states the exact status code each persona gets. A route missing from ``ROUTES``
fails ``test_it_covers_every_route_in_the_matrix``: a new endpoint needs its row here first.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
import time_machine
from django.db import transaction
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, personas_make, url_routes
from qorgau.people.models import (
    Document,
    DocumentType,
    Household,
    LegalStatus,
    LegalStatusPeriod,
    Person,
    Relationship,
    Sex,
    Share,
)
from qorgau.people.services.documents import document_add
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import person_create
from qorgau.people.services.shares import share_revoke
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.reminders.models import Reminder
from qorgau.reminders.services import reminders_refresh
from qorgau.web.tests.headers import assert_protective_headers

pytestmark = pytest.mark.django_db

# Who sees NGO A's record without any share: its registrant and the agency's KAZ office.
SEES_RECORD = frozenset({"clerk", "officer", "ngo_a"})


@pytest.fixture(autouse=True)
def _no_static_scan(settings: Any) -> None:
    """WhiteNoise scans every static file whenever a test client starts; these tests start
    hundreds of clients and serve no static files."""
    settings.WHITENOISE_AUTOREFRESH = True


# --- the record --------------------------------------------------------------------------


@dataclass
class World:
    orgs: dict[str, Organisation]
    users: dict[str, User | None]
    sharer: User
    household: Household
    principal: Person
    member: Person
    loose: Person
    document: Document
    period: LegalStatusPeriod
    standing: Share
    reminder: Reminder

    def reloaded(self) -> World:
        """Fresh instances of the same rows: no test sees another's in-memory changes."""

        def again[M: Model](instance: M) -> M:
            return type(instance)._default_manager.get(pk=instance.pk)

        return World(
            orgs={key: again(org) for key, org in self.orgs.items()},
            users={key: user and again(user) for key, user in self.users.items()},
            sharer=again(self.sharer),
            household=again(self.household),
            principal=again(self.principal),
            member=again(self.member),
            loose=again(self.loose),
            document=again(self.document),
            period=again(self.period),
            standing=again(self.standing),
            reminder=again(self.reminder),
        )


def _build_world() -> World:
    """The conftest organisations and personas, a KGZ agency clerk, and NGO A's record: a
    household (principal and wife), a person in no household, a document (a stateless person
    certificate expiring in ten days, hence NGO A's reminder) and a status."""
    orgs, users = personas_make()
    ngo_a, ngo_a_org = users["ngo_a"], orgs["ngo_a"]
    assert ngo_a is not None
    household = household_register(
        actor=ngo_a,
        organisation=ngo_a_org,
        members=[
            MemberInput(person_input(given_name="Ерлан"), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Айгүл", sex=Sex.FEMALE), Relationship.WIFE),
        ],
    )
    principal = household.members.get(relationship=Relationship.PRINCIPAL)
    document = document_add(
        actor=ngo_a,
        person=principal,
        type=DocumentType.STATELESS_CERTIFICATE,
        number="SC 0012345",
        issuer="Migration Service",
        expires_on=dt.date.today() + dt.timedelta(days=10),
    )
    period = status_period_record(
        actor=ngo_a,
        organisation=ngo_a_org,
        person=principal,
        status=LegalStatus.STATELESS,
        effective_from=dt.date(2024, 1, 10),
    )
    # Partner caseworkers may not share (no person.share): NGO A's administrator does.
    sharer = user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)
    reminders_refresh(today=dt.date.today())
    return World(
        orgs=orgs,
        users=users,
        sharer=sharer,
        household=household,
        principal=principal,
        member=household.members.get(relationship=Relationship.WIFE),
        loose=person_create(
            actor=ngo_a, organisation=ngo_a_org, data=person_input(given_name="Нұрлан")
        ),
        document=document,
        period=period,
        standing=share_grant_agreed(
            actor=sharer,
            recipient=orgs["ngo_c"],
            agreement="DTA-NGO-C",
            purpose="Legal counselling",
            expires_on=dt.date.today() + dt.timedelta(days=365),
            person=principal,
        ),
        reminder=Reminder.objects.get(document=document),
    )


@pytest.fixture(scope="module")
def _module_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once per module in a transaction rolled back at its end; every test runs in a
    savepoint inside it (pytest-django's ``db``), so tests still cannot see each other."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(_module_world: World, db: None) -> World:
    return _module_world.reloaded()


# --- the routes --------------------------------------------------------------------------


def _anonymous(api: bool) -> int:
    # Token authentication comes first and sends a WWW-Authenticate header, so DRF answers an
    # anonymous request 401. Web pages redirect to the login page.
    return 401 if api else 302


def _view(api: bool) -> dict[str, int]:
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


def _change(api: bool, ok: int = 200) -> dict[str, int]:
    """Changes of NGO A's record: 404 for who may change elsewhere, 403 for who may nowhere."""
    return {
        "clerk": ok,
        "officer": ok,
        "ngo_a": ok,
        "ngo_b": 404,
        "liaison": 403,
        "kgz": 404,
        "stats": 403,
        ANONYMOUS: _anonymous(api),
    }


def _listing(api: bool) -> dict[str, int]:
    return {
        "clerk": 200,
        "officer": 200,
        "ngo_a": 200,
        "ngo_b": 200,
        "liaison": 200,
        "kgz": 200,
        "stats": 403,
        ANONYMOUS: _anonymous(api),
    }


def _creating(api: bool, ok: int) -> dict[str, int]:
    return {
        "clerk": ok,
        "officer": ok,
        "ngo_a": ok,
        "ngo_b": ok,
        "liaison": 403,
        "kgz": ok,
        "stats": 403,
        ANONYMOUS: _anonymous(api),
    }


def _sharing(api: bool, ok: int = 200) -> dict[str, int]:
    """Shares: only who holds person.share (the agency's protection officer here)."""
    return {**dict.fromkeys(PERSONAS, 403), "officer": ok, ANONYMOUS: _anonymous(api)}


def _everyone(code: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, code)


def _api_ids(response: Any) -> set[str]:
    return {row["id"] for row in response.json()["results"]}


def _reminder_ids(response: Any) -> set[str]:
    return {str(row.reminder.public_id) for row in response.context["rows"]}


def _page_ids(response: Any) -> set[str]:
    return {str(person.public_id) for person in response.context["page"]}


@dataclass(frozen=True)
class Route:
    """One URL name and method. ``kind``: view, change, list, create, home, or absent (a method
    the route refuses). ``target`` is the part of NGO A's record the route is about (for list
    routes: the row looked for)."""

    id: str
    name: str
    method: str
    url: Callable[[World], str]
    expected: dict[str, int]
    kind: str
    target: str = ""
    body: Callable[[World], dict[str, Any]] | None = None
    listed: Callable[[Any], set[str]] | None = None
    login_required: bool = True
    api: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "api", ":" not in self.name and self.name != "home")


def _person_id(w: World) -> str:
    return str(w.principal.public_id)


def _person_url(w: World) -> str:
    return reverse("person-detail", kwargs={"id": _person_id(w)})


def _household_url(w: World) -> str:
    return reverse("household-detail", kwargs={"id": w.household.public_id})


def _document_url(w: World) -> str:
    return reverse("document-detail", kwargs={"id": w.document.public_id})


def _period_url(w: World) -> str:
    return reverse("status-period-detail", kwargs={"id": w.period.public_id})


def _person_fields(w: World, given_name: str) -> dict[str, Any]:
    w.principal.refresh_from_db()
    return {
        "family_name": "Changed",
        "given_name": given_name,
        "sex": Sex.MALE,
        "citizenship_status": "stateless",
        "date_of_birth": "1984-03-09",
        "version": w.principal.version,
    }


def _register_form(w: World) -> dict[str, Any]:
    return {
        "principal-family_name": "Жаңа",
        "principal-given_name": "Адам",
        "principal-sex": Sex.FEMALE,
        "principal-citizenship_status": "stateless",
        "principal-date_of_birth": "1990",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "20",
    }


ROUTES: list[Route] = [
    # Web UI
    Route(
        "home",
        "home",
        "GET",
        lambda w: reverse("home"),
        _everyone(302),  # each persona on to its start page, the anonymous visitor to log in
        "home",
    ),
    Route(
        "web-search",
        "people:search",
        "GET",
        lambda w: reverse("people:search"),
        _listing(api=False),
        "list",
    ),
    Route(
        "web-search-q",
        "people:search",
        "GET",
        lambda w: reverse("people:search") + "?" + urlencode({"q": "Сейтқазиев"}),
        _listing(api=False),
        "list",
        target="person",
        listed=_page_ids,
    ),
    Route(
        "web-register-get",
        "people:register",
        "GET",
        lambda w: reverse("people:register"),
        _creating(api=False, ok=200),
        "create",
    ),
    Route(
        "web-register-post",
        "people:register",
        "POST",
        lambda w: reverse("people:register"),
        _creating(api=False, ok=302),
        "create",
        body=_register_form,
    ),
    Route(
        "web-detail",
        "people:detail",
        "GET",
        lambda w: reverse("people:detail", kwargs={"public_id": _person_id(w)}),
        _view(api=False),
        "view",
        target="person",
    ),
    Route(
        "web-edit-get",
        "people:edit",
        "GET",
        lambda w: reverse("people:edit", kwargs={"public_id": _person_id(w)}),
        _change(api=False),
        "change",
        target="person",
    ),
    Route(
        "web-edit-post",
        "people:edit",
        "POST",
        lambda w: reverse("people:edit", kwargs={"public_id": _person_id(w)}),
        _change(api=False, ok=302),
        "change",
        target="person",
        body=lambda w: _person_fields(w, "Web"),
    ),
    Route(
        "web-document-add-get",
        "people:document-add",
        "GET",
        lambda w: reverse("people:document-add", kwargs={"public_id": _person_id(w)}),
        _change(api=False),
        "change",
        target="person",
    ),
    Route(
        "web-document-add-post",
        "people:document-add",
        "POST",
        lambda w: reverse("people:document-add", kwargs={"public_id": _person_id(w)}),
        _change(api=False, ok=302),
        "change",
        target="person",
        body=lambda w: {"type": "passport", "number": "WEB1234567", "issued_on": "2024-02-01"},
    ),
    Route(
        "web-status-add-get",
        "people:status-add",
        "GET",
        lambda w: reverse("people:status-add", kwargs={"public_id": _person_id(w)}),
        _change(api=False),
        "change",
        target="person",
    ),
    Route(
        "web-status-add-post",
        "people:status-add",
        "POST",
        lambda w: reverse("people:status-add", kwargs={"public_id": _person_id(w)}),
        _change(api=False, ok=302),
        "change",
        target="person",
        body=lambda w: {"status": "STA", "effective_from": "2025-03-01"},
    ),
    # API: persons
    Route(
        "api-persons-list",
        "person-list",
        "GET",
        lambda w: reverse("person-list") + "?limit=1000",
        _listing(api=True),
        "list",
        target="person",
        listed=_api_ids,
    ),
    Route(
        "api-persons-create",
        "person-list",
        "POST",
        lambda w: reverse("person-list"),
        _creating(api=True, ok=201),
        "create",
        body=lambda w: {"given_name": "Адам", "sex": "female", "citizenship_status": "stateless"},
    ),
    Route(
        "api-person-get",
        "person-detail",
        "GET",
        _person_url,
        _view(api=True),
        "view",
        target="person",
    ),
    Route(
        "api-person-put",
        "person-detail",
        "PUT",
        _person_url,
        _change(api=True),
        "change",
        target="person",
        body=lambda w: _person_fields(w, "Put"),
    ),
    Route(
        "api-person-patch",
        "person-detail",
        "PATCH",
        _person_url,
        _change(api=True),
        "change",
        target="person",
        body=lambda w: {"given_name": "Patch", "version": _person_fields(w, "Patch")["version"]},
    ),
    Route(
        "api-person-delete",
        "person-detail",
        "DELETE",
        _person_url,
        {**_everyone(405), "stats": 403, ANONYMOUS: 401},
        "absent",
        target="person",
    ),
    # API: households
    Route(
        "api-households-list",
        "household-list",
        "GET",
        lambda w: reverse("household-list") + "?limit=1000",
        _listing(api=True),
        "list",
        target="household",
        listed=_api_ids,
    ),
    Route(
        "api-households-create",
        "household-list",
        "POST",
        lambda w: reverse("household-list"),
        _change(api=True, ok=201),
        "change",
        target="loose",
        body=lambda w: {
            "members": [{"person": str(w.loose.public_id), "relationship": Relationship.PRINCIPAL}]
        },
    ),
    Route(
        "api-household-get",
        "household-detail",
        "GET",
        _household_url,
        _view(api=True),
        "view",
        target="household",
    ),
    Route(
        "api-household-add-member",
        "household-add-member",
        "POST",
        lambda w: reverse("household-add-member", kwargs={"id": w.household.public_id}),
        _change(api=True),
        "change",
        target="household",
        body=lambda w: {"person": str(w.loose.public_id), "relationship": Relationship.SON},
    ),
    Route(
        "api-household-remove-member",
        "household-remove-member",
        "DELETE",
        lambda w: reverse(
            "household-remove-member",
            kwargs={"id": w.household.public_id, "person_id": w.member.public_id},
        ),
        _change(api=True),
        "change",
        target="household",
    ),
    Route(
        "api-household-principal",
        "household-change-principal",
        "POST",
        lambda w: reverse("household-change-principal", kwargs={"id": w.household.public_id}),
        _change(api=True),
        "change",
        target="household",
        body=lambda w: {
            "person": str(w.member.public_id),
            "former_principal_relationship": Relationship.HUSBAND,
        },
    ),
    # API: documents
    Route(
        "api-documents-list",
        "document-list",
        "GET",
        lambda w: reverse("document-list") + "?limit=1000",
        _listing(api=True),
        "list",
        target="document",
        listed=_api_ids,
    ),
    Route(
        "api-documents-create",
        "document-list",
        "POST",
        lambda w: reverse("document-list"),
        _change(api=True, ok=201),
        "change",
        target="person",
        body=lambda w: {
            "person": _person_id(w),
            "type": DocumentType.PASSPORT,
            "number": "N 7654321",
        },
    ),
    Route(
        "api-document-get",
        "document-detail",
        "GET",
        _document_url,
        _view(api=True),
        "view",
        target="document",
    ),
    Route(
        "api-document-patch",
        "document-detail",
        "PATCH",
        _document_url,
        _change(api=True),
        "change",
        target="document",
        body=lambda w: {"issuer": "Changed"},
    ),
    # API: status periods
    Route(
        "api-periods-list",
        "status-period-list",
        "GET",
        lambda w: reverse("status-period-list") + "?limit=1000",
        _listing(api=True),
        "list",
        target="period",
        listed=_api_ids,
    ),
    Route(
        "api-periods-create",
        "status-period-list",
        "POST",
        lambda w: reverse("status-period-list"),
        _change(api=True, ok=201),
        "change",
        target="person",
        body=lambda w: {
            "person": _person_id(w),
            "status": LegalStatus.REFUGEE,
            "effective_from": "2025-02-01",
        },
    ),
    Route(
        "api-period-get",
        "status-period-detail",
        "GET",
        _period_url,
        _view(api=True),
        "view",
        target="period",
    ),
    Route(
        "api-period-patch",
        "status-period-detail",
        "PATCH",
        _period_url,
        _change(api=True),
        "change",
        target="period",
        body=lambda w: {"basis": "Decision 17"},
    ),
]

ROUTES += [
    Route(
        "web-share-add-get",
        "people:share-add",
        "GET",
        lambda w: reverse("people:share-add", kwargs={"public_id": _person_id(w)}),
        _sharing(api=False),
        "share",
    ),
    Route(
        "web-share-add-post",
        "people:share-add",
        "POST",
        lambda w: reverse("people:share-add", kwargs={"public_id": _person_id(w)}),
        _sharing(api=False, ok=302),
        "share",
        body=lambda w: {
            "agreement": str(w.standing.agreement_record.public_id),  # ngo-a with ngo-c
            "purpose": "Legal counselling",
            "expires_on": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            "field_groups": ["identity", "legal_status"],
        },
    ),
    Route(
        "web-share-revoke-post",
        "people:share-revoke",
        "POST",
        lambda w: reverse("people:share-revoke", kwargs={"public_id": w.standing.public_id}),
        _sharing(api=False, ok=302),
        "share",
    ),
    Route(
        "api-shares-list",
        "share-list",
        "GET",
        lambda w: reverse("share-list"),
        _sharing(api=True),
        "share",
    ),
    Route(
        "api-shares-create",
        "share-list",
        "POST",
        lambda w: reverse("share-list"),
        _sharing(api=True, ok=201),
        "share",
        body=lambda w: {
            "organisation": "ngo-c",
            "person": str(w.loose.public_id),
            "agreement": w.standing.agreement_record.reference,
            "purpose": "Legal counselling",
            "expires_on": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        },
    ),
    Route(
        "api-share-get",
        "share-detail",
        "GET",
        lambda w: reverse("share-detail", kwargs={"id": w.standing.public_id}),
        _sharing(api=True),
        "share",
    ),
    Route(
        "api-share-revoke",
        "share-revoke",
        "POST",
        lambda w: reverse("share-revoke", kwargs={"id": w.standing.public_id}),
        _sharing(api=True),
        "share",
    ),
]
# Reminders: everyone who sees the record's organisation's work sees its reminder (the agency
# office of the country too); NGO A and the agency office of the country mark it done (who may
# change records there). A share opens no reminder.
ROUTES += [
    Route(
        "web-reminders",
        "reminders:list",
        "GET",
        lambda w: reverse("reminders:list"),
        _listing(api=False),
        "list",
        target="reminder",
        listed=_reminder_ids,
    ),
    Route(
        "web-reminder-done",
        "reminders:done",
        "POST",
        lambda w: reverse("reminders:done", kwargs={"public_id": w.reminder.public_id}),
        {
            **_everyone(404),
            "ngo_a": 302,
            "clerk": 302,
            "officer": 302,
            "stats": 403,
            ANONYMOUS: 302,
        },
        "change",
        target="reminder",
    ),
]


# The register page's htmx member block, and the household page with its changes.
def _household_page(name: str, **kwargs: Any) -> Callable[[World], str]:
    return lambda w: reverse(
        f"people:{name}",
        kwargs={"public_id": w.household.public_id}
        | {key: getattr(w, value).public_id for key, value in kwargs.items()},
    )


def _household_version(w: World) -> int:
    w.household.refresh_from_db()
    return w.household.version


ROUTES += [
    Route(
        "web-register-member-get",
        "people:register-member",
        "GET",
        lambda w: reverse("people:register-member") + "?members-TOTAL_FORMS=2",
        _creating(api=False, ok=200),
        "create",
    ),
    Route(
        "web-household-get",
        "people:household",
        "GET",
        _household_page("household"),
        _change(api=False),
        "change",
        target="household",
    ),
    Route(
        "web-household-member-new-get",
        "people:household-member-new",
        "GET",
        _household_page("household-member-new"),
        _change(api=False),
        "change",
        target="household",
    ),
    Route(
        "web-household-member-new-post",
        "people:household-member-new",
        "POST",
        _household_page("household-member-new"),
        _change(api=False, ok=302),
        "change",
        target="household",
        body=lambda w: {
            "given_name": "Жаңа",
            "sex": Sex.FEMALE,
            "relationship": Relationship.DAUGHTER,
            "version": _household_version(w),
        },
    ),
    Route(
        "web-household-member-add-post",
        "people:household-member-add",
        "POST",
        _household_page("household-member-add"),
        _change(api=False, ok=302),
        "change",
        target="household",
        body=lambda w: {
            "add-registration_number": w.loose.registration_number,
            "add-relationship": Relationship.SON,
            "add-version": _household_version(w),
        },
    ),
    Route(
        "web-household-member-remove-post",
        "people:household-member-remove",
        "POST",
        _household_page("household-member-remove", person_id="member"),
        _change(api=False, ok=302),
        "change",
        target="household",
        body=lambda w: {"version": _household_version(w)},
    ),
    Route(
        "web-household-principal-post",
        "people:household-principal",
        "POST",
        _household_page("household-principal"),
        _change(api=False, ok=302),
        "change",
        target="household",
        body=lambda w: {
            "principal-person": str(w.member.public_id),
            "principal-former_principal_relationship": Relationship.HUSBAND,
            "principal-version": _household_version(w),
        },
    ),
]
ROUTES_BY_ID = {route.id: route for route in ROUTES}


def _target_id(world: World, target: str) -> str:
    record = {
        "person": world.principal,
        "household": world.household,
        "document": world.document,
        "period": world.period,
        "loose": world.loose,
        "reminder": world.reminder,
    }[target]
    return str(record.public_id)


def _send(client: Client, route: Route, world: World) -> Any:
    url = route.url(world)
    body = route.body(world) if route.body else None
    if not route.api:
        return client.generic(route.method, url) if body is None else client.post(url, body)
    if body is None:
        return client.generic(route.method, url)
    return client.generic(route.method, url, json.dumps(body), content_type="application/json")


def _check_redirect(response: Any, route: Route, persona: str) -> None:
    if response.status_code != 302:
        return
    to_login = response["Location"].startswith(reverse("login"))
    assert to_login == (persona == ANONYMOUS and route.login_required), response["Location"]


# --- the matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(route, persona, world, login):
    response = _send(login(world.users[persona]), route, world)

    assert response.status_code == route.expected[persona], response.content[:300]
    assert_protective_headers(response, persona=persona, case=route.id)
    _check_redirect(response, route, persona)
    if route.listed is not None and response.status_code == 200:
        shown = route.listed(response)
        assert (_target_id(world, route.target) in shown) == (persona in SEES_RECORD)


# --- shares ------------------------------------------------------------------------------

SHARE_STATES = ("person", "household", "expired", "revoked")
# What an NGO B caseworker may view in each state of the share of NGO A's record.
# A share lets its recipient read the person's status periods but not their documents (the
# field policy's default scope of a share, people/fields.py).
SHARED_TARGETS = {
    "person": {"person", "period"},
    "household": {"household", "person", "period"},
    "expired": set(),
    "revoked": set(),
}
SHARE_ROUTES = [r for r in ROUTES if r.kind in {"view", "change", "list"} and r.target]


def _share(world: World, state: str) -> Share:
    record = {"household": world.household} if state == "household" else {"person": world.principal}
    share = share_grant_agreed(
        actor=world.sharer,
        recipient=world.orgs["ngo_b"],
        agreement="DTA 2024/07",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        **record,
    )
    if state == "revoked":
        share_revoke(actor=world.sharer, share=share)
    return share


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_current_timezone())


@pytest.mark.parametrize("state", SHARE_STATES)
@pytest.mark.parametrize("route", SHARE_ROUTES, ids=[r.id for r in SHARE_ROUTES])
def test_it_lets_a_share_recipient_view_but_never_change(route, state, world, login):
    share = _share(world, state)
    visible = route.target in SHARED_TARGETS[state]
    after_expiry = _noon(share.expires_on + dt.timedelta(days=1))
    with time_machine.travel(after_expiry) if state == "expired" else nullcontext():
        response = _send(login(world.users["ngo_b"]), route, world)

    if route.kind == "list":
        assert response.status_code == 200
        assert (_target_id(world, route.target) in route.listed(response)) == visible
    elif route.kind == "view":
        assert response.status_code == (200 if visible else 404)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("days", "code"), [(0, 200), (1, 404)], ids=["on-expiry-day", "day-after"])
def test_it_ends_a_share_after_its_expiry_date(days, code, world, login):
    share = _share(world, "person")

    with time_machine.travel(_noon(share.expires_on + dt.timedelta(days=days))):
        response = login(world.users["ngo_b"]).get(_person_url(world))

    assert response.status_code == code


def test_it_shows_a_share_recipient_no_edit_link(world, login):
    _share(world, "person")

    response = login(world.users["ngo_b"]).get(
        reverse("people:detail", kwargs={"public_id": _person_id(world)})
    )

    assert response.status_code == 200
    assert response.context["can_change"] is False
    assert reverse("people:edit", kwargs={"public_id": _person_id(world)}) not in (
        response.content.decode()
    )


# --- nothing changes behind an outsider's request ----------------------------------------

OUTSIDERS = ("ngo_b", "ngo_b_shared", "liaison", "stats", "kgz", ANONYMOUS)
WRITES = ("web-edit-post", "api-person-put", "api-person-patch")


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_it_leaves_the_person_unchanged_after_an_outsider_writes(outsider, write, world, login):
    if outsider == "ngo_b_shared":
        _share(world, "household")
    user = world.users[outsider.removesuffix("_shared")]
    before = Person.objects.get(pk=world.principal.pk)
    history = before.history.count()

    response = _send(login(user), ROUTES_BY_ID[write], world)

    assert response.status_code in {302, 401, 403, 404}
    assert response.status_code != 302 or outsider == ANONYMOUS
    after = Person.objects.get(pk=world.principal.pk)
    assert after.version == before.version
    assert (after.family_name, after.given_name) == (before.family_name, before.given_name)
    assert after.history.count() == history


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_it_leaves_documents_and_status_unchanged_after_an_outsider_writes(outsider, world, login):
    if outsider == "ngo_b_shared":
        _share(world, "household")
    client = login(world.users[outsider.removesuffix("_shared")])

    for route_id in (
        "api-document-patch",
        "api-period-patch",
        "api-documents-create",
        "api-periods-create",
        "api-household-remove-member",
        "api-household-principal",
        "web-household-member-remove-post",
        "web-household-principal-post",
        "web-document-add-post",
        "web-status-add-post",
    ):
        code = _send(client, ROUTES_BY_ID[route_id], world).status_code
        assert code in {401, 403, 404} or (code == 302 and outsider == ANONYMOUS)

    world.document.refresh_from_db()
    world.period.refresh_from_db()
    world.member.refresh_from_db()
    world.principal.refresh_from_db()
    assert (world.principal.relationship, world.member.relationship) == ("principal", "wife")
    assert world.document.issuer == "Migration Service"
    assert world.period.basis == ""
    assert world.principal.documents.count() == 1
    assert world.principal.status_periods.count() == 1
    assert world.member.household_id == world.household.pk


def test_it_refuses_to_move_an_outsiders_person_into_a_household(world, login, make_person):
    """Neither side may mix in a record it cannot change: the household and the person are
    both gated."""
    ngo_b_person = make_person(world.users["ngo_b"], world.orgs["ngo_b"])
    url = reverse("household-add-member", kwargs={"id": world.household.public_id})
    body = json.dumps({"person": str(ngo_b_person.public_id), "relationship": "son"})

    by_ngo_a = login(world.users["ngo_a"]).post(url, body, content_type="application/json")
    by_ngo_b = login(world.users["ngo_b"]).post(url, body, content_type="application/json")

    assert (by_ngo_a.status_code, by_ngo_b.status_code) == (404, 404)
    ngo_b_person.refresh_from_db()
    assert ngo_b_person.household_id is None


# --- every route is in the matrix --------------------------------------------------------

# Case and identity routes have their own matrices (procedures/tests/test_case_access.py,
# identity/tests/test_identity_access.py, statistics/tests/test_statistics_access.py,
# rights/tests/test_rights_access.py, partners/tests/test_partners_access.py); the account
# and two-factor routes theirs
# (twofactor/tests/test_reset.py, test_sign_in.py).
_NOT_PERSON_ROUTES = (
    "admin/", "i18n/", "static/", "api/schema/", "api/docs/", "cases/", "api/v1/cases",
    "identity/", "statistics/", "api/v1/statistics", "figures/", "organisations/", "requests/",
    "retention/", "account/", "partners/", "api/v1/services",
    "api/v1/agreements",
    "agreements/",  # partners/tests/test_agreement_pages_access.py
    # List exports: every persona in exports/tests/test_exports_matrix.py.
    "exports/", "api/v1/exports",
    # Web imports and their API: every persona in imports/tests/test_web_import_access.py.
    "imports/", "api/v1/imports",
    "api/v1/requests",  # rights/tests/test_requests_api.py
    # The public help site and its pages' editing: help/tests/test_help_access.py.
    "help/", "help-pages/",
    # Hotline desk and the public inquiry form: hotline/tests/test_hotline_access.py.
    "hotline/", "api/v1/tickets",
    # Funding names no person: every persona in funding/tests/test_pages.py and test_api.py.
    "funding/", "api/v1/funding",
    "pledges/", "api/v1/pledges",  # pledges/tests/test_pledges_access.py
    "legal/", "api/v1/legal",  # legal/tests/test_legal_access.py
    "referrals/", "api/v1/referrals",  # referrals/tests/test_referrals_access.py
    "api/v1/referral-figures",  # referrals/tests/test_referrals_access.py
)  # fmt: skip
# Sign-in routes, tested in web/tests/ (test_password_change.py, test_api_tokens.py).
_NOT_PERSON_NAMES = {
    *("login", "logout", "api-root", "schema", "api-docs", "password-change"),
    "rights:new",
    *("api-token", "api-logout", "api-logout-all"),
}


def _is_format_suffix(path: str) -> bool:
    return "(?P<format>" in path or "<drf_format_suffix:" in path


def test_it_covers_every_route_in_the_matrix():
    covered = {(r.name, r.method) for r in ROUTES}
    covered_names = {r.name for r in ROUTES}
    missing = []
    for path, name, pattern in url_routes():
        if path.replace("^", "").startswith(_NOT_PERSON_ROUTES) or name in _NOT_PERSON_NAMES:
            continue
        if _is_format_suffix(path):
            continue
        # DRF adds HEAD (the GET handler) to a route's actions when it is first requested.
        methods = {m.upper() for m in getattr(pattern.callback, "actions", {})} - {"HEAD"}
        if methods:
            missing += [(name, m) for m in sorted(methods) if (name, m) not in covered]
        elif name not in covered_names:
            missing.append((name, path))

    assert missing == []


def test_it_states_every_persona_for_every_route():
    assert all(set(route.expected) == set(PERSONAS) for route in ROUTES)
    assert len(ROUTES_BY_ID) == len(ROUTES)
