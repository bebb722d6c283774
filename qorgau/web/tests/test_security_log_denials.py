"""Refused attempts on the security log (ADR 0034): a 403 or 404 from an access gate writes a
``denied`` event naming the user, the record's type, the id asked for and the address, and the
answer reveals nothing more than before (another organisation's record answers as a missing
one)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.procedures.services import case_open
from qorgau.procedures.tests.factories import START

pytestmark = pytest.mark.django_db

Login = Callable[[User | None], Client]


@pytest.fixture
def person(ngo_a: User, ngo_a_org: Organisation, make_person: Callable[..., Person]) -> Person:
    return make_person(ngo_a, ngo_a_org, family_name="Тестов")


def _share(person: Person, owner: Organisation, recipient: Organisation) -> None:
    """A view-only share of ``person`` with ``recipient``, granted by the owner's administrator."""
    share_grant_agreed(
        actor=user_make(f"{owner.code}-admin", owner, Role.ADMINISTRATOR),
        recipient=recipient,
        agreement="DTA 2024/07",
        purpose="Legal counselling",
        expires_on=dt.date.today() + dt.timedelta(days=30),
        person=person,
    )


def _denied(user: User) -> SecurityEvent:
    return SecurityEvent.objects.get(event="denied", user=user)


def test_it_logs_a_read_of_another_organisations_person(
    person: Person, ngo_b: User, login: Login
) -> None:
    client = login(ngo_b)
    refused = client.get(f"/people/{person.public_id}/", REMOTE_ADDR="203.0.113.9")
    missing = client.get(f"/people/{uuid.uuid4()}/")

    assert (refused.status_code, missing.status_code) == (404, 404)
    assert refused.content.count(b"\n") == missing.content.count(b"\n")
    assert person.family_name.encode() not in refused.content
    events = SecurityEvent.objects.filter(event="denied", user=ngo_b).order_by("id")
    assert [e.object_type for e in events] == ["person", "person"]
    first = events[0]
    assert (first.object_id, first.address) == (person.public_id, "203.0.113.9")
    assert first.detail == {
        "status": 404,
        "code": "not_found",
        "route": "people:detail",
        "method": "GET",
    }


# A view-only share's recipient reads the person, then writes: page form, API PATCH.
SHARE_WRITES = [
    ("/people/{id}/", "post", "/people/{id}/edit/", "people:edit", {}),
    ("/api/v1/persons/{id}/", "patch", "/api/v1/persons/{id}/", "person-detail",
     {"content_type": "application/json"}),
]  # fmt: skip


@pytest.mark.parametrize(("read", "method", "write", "route", "options"), SHARE_WRITES)
def test_it_logs_a_write_through_a_view_only_share(
    read: str, method: str, write: str, route: str, options: dict[str, str], person: Person,
    ngo_b: User, ngo_a_org: Organisation, ngo_b_org: Organisation, login: Login,
) -> None:  # fmt: skip
    _share(person, ngo_a_org, ngo_b_org)
    client = login(ngo_b)
    assert client.get(read.format(id=person.public_id)).status_code == 200

    body = {"given_name": "Changed", "version": person.version}
    response = getattr(client, method)(write.format(id=person.public_id), body, **options)

    assert response.status_code == 404
    event = _denied(ngo_b)
    assert (event.object_type, event.object_id) == ("person", person.public_id)
    assert (event.detail["route"], event.detail["method"]) == (route, method.upper())
    assert Person.objects.get(pk=person.pk).version == person.version


def test_it_logs_an_api_read_of_another_organisations_person(
    person: Person, ngo_b: User, login: Login
) -> None:
    client = login(ngo_b)
    refused = client.get(f"/api/v1/persons/{person.public_id}/")
    missing = client.get(f"/api/v1/persons/{uuid.uuid4()}/")

    assert (refused.status_code, refused.json()) == (missing.status_code, missing.json())
    assert refused.status_code == 404
    event = SecurityEvent.objects.filter(event="denied", user=ngo_b).order_by("id").first()
    assert event is not None
    assert (event.object_type, event.object_id) == ("person", person.public_id)
    assert event.detail["route"] == "person-detail"
    assert event.address == "127.0.0.1"


def test_it_logs_a_read_of_another_organisations_case(
    person: Person, ngo_a: User, ngo_a_org: Organisation, ngo_b: User, login: Login
) -> None:
    case = case_open(
        actor=ngo_a, organisation=ngo_a_org, procedure="asylum", person=person, opened_on=START
    )

    assert login(ngo_b).get(f"/cases/{case.public_id}/").status_code == 404
    assert login(ngo_b).get(f"/api/v1/cases/{case.public_id}/").status_code == 404

    events = SecurityEvent.objects.filter(event="denied", user=ngo_b)
    assert {(e.object_type, e.object_id) for e in events} == {("case", case.public_id)}
    assert {e.detail["route"] for e in events} == {"procedures:detail", "case-detail"}


def test_it_logs_a_malformed_id_without_its_text(ngo_b: User, login: Login) -> None:
    assert login(ngo_b).get("/people/N18594777/").status_code == 404

    event = _denied(ngo_b)
    assert (event.object_type, event.object_id) == ("person", None)
    assert event.detail["id"] == "malformed"
    assert "N18594777" not in str(event.detail)


def test_it_logs_a_permission_held_nowhere(stats: User, person: Person, login: Login) -> None:
    assert login(stats).get(f"/people/{person.public_id}/").status_code == 403

    event = _denied(stats)
    assert (event.object_type, event.object_id) == ("", None)
    assert event.detail["status"] == 403


def test_it_logs_an_api_permission_held_nowhere(stats: User, login: Login) -> None:
    assert login(stats).get("/api/v1/persons/").status_code == 403

    event = _denied(stats)
    assert event.detail == {
        "status": 403,
        "code": "permission_denied",
        "route": "person-list",
        "method": "GET",
    }


@pytest.mark.parametrize("path", ["/people/{id}/", "/api/v1/persons/{id}/"])
def test_it_logs_nothing_for_an_anonymous_visitor(path: str, person: Person, login: Login) -> None:
    response = login(None).get(path.format(id=person.public_id))

    assert response.status_code in {302, 401}
    assert not SecurityEvent.objects.filter(event="denied").exists()


def test_it_logs_nothing_for_a_record_the_user_may_see(
    person: Person, ngo_a: User, login: Login, settings: Any
) -> None:
    assert login(ngo_a).get(f"/people/{person.public_id}/").status_code == 200
    assert not SecurityEvent.objects.filter(event="denied").exists()
