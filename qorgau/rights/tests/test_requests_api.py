"""The API of data-subject requests (``/api/v1/requests/``) × every persona, for a person NGO A
registered: the organisations that may change the person list, record, read and answer their
requests; another organisation gets 404 (as for a missing request), a view-only role 403, a
share recipient 404 on every record route and nothing in its list, the anonymous caller 401.
Bad input is refused with a translated message and nothing stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from qorgau.audit.models import AccessLog
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, url_routes
from qorgau.rights import errors
from qorgau.rights.models import RequestStatus, SubjectRequest
from qorgau.rights.tests.test_rights_access import (  # noqa: F401 (the matrix's fixtures)
    CHANGERS,
    World,
    shared,
    world,
)

pytestmark = pytest.mark.django_db


def _statuses(ok: int) -> dict[str, int]:
    return {
        **{p: (ok if p in CHANGERS else 404) for p in PERSONAS},
        "liaison": 403,
        "stats": 403,
        ANONYMOUS: 401,
    }


@dataclass(frozen=True)
class Route:
    id: str
    method: str
    url: Callable[[World], str]
    expected: dict[str, int]
    body: Callable[[World], dict[str, Any]] | None = None


def _one(w: World) -> str:
    return reverse("subject-request-detail", args=[w.access.public_id])


def _create_body(w: World) -> dict[str, Any]:
    return {
        "person": str(w.person.public_id),
        "kind": "correction",
        "received_on": timezone.localdate().isoformat(),
        "received_via": "email",
    }


def _answer_body(w: World) -> dict[str, Any]:
    return {
        "version": w.access.version,
        "answer": "Sent the record by post.",
        "answered_on": timezone.localdate().isoformat(),
    }


ROUTES = [
    Route(
        "list",
        "GET",
        lambda w: reverse("subject-request-list"),
        {**_statuses(200), "ngo_b": 200, "kgz": 200},
    ),
    Route("read", "GET", _one, _statuses(200)),
    Route(
        "create", "POST", lambda w: reverse("subject-request-list"), _statuses(201), _create_body
    ),
    Route(
        "answer",
        "POST",
        lambda w: reverse("subject-request-answer", args=[w.access.public_id]),
        _statuses(200),
        _answer_body,
    ),
]


def _send(client: Any, route: Route, w: World) -> Any:
    url = route.url(w)
    if route.method == "GET":
        return client.get(url)
    body = route.body(w) if route.body else {}
    return client.post(url, body, content_type="application/json")


def _stored() -> list[tuple[Any, ...]]:
    return list(
        SubjectRequest.objects.order_by("id").values_list(
            "public_id", "status", "answer", "version"
        )
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(route, persona, world, login):  # noqa: F811
    before = _stored()

    response = _send(login(world.users[persona]), route, world)

    assert response.status_code == route.expected[persona], response.content[:300]
    assert "no-store" in response.get("Cache-Control", "")
    if response.status_code not in (200, 201) or route.method == "GET":
        assert _stored() == before
    if route.id == "list" and response.status_code == 200:
        ids = {row["id"] for row in response.json()["results"]}
        assert (str(world.access.public_id) in ids) == (persona in CHANGERS)


@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_a_share_recipient_neither_sees_nor_writes(route, shared, login):  # noqa: F811
    before = _stored()

    response = _send(login(shared.users["ngo_b"]), route, shared)

    assert _stored() == before
    if route.id == "list":
        assert response.status_code == 200
        assert response.json()["results"] == []
    else:
        assert response.status_code == 404


def test_it_records_a_request_with_its_deadline(world, login, settings):  # noqa: F811
    response = login(world.users["ngo_a"]).post(
        reverse("subject-request-list"), _create_body(world), content_type="application/json"
    )

    assert response.status_code == 201
    body = response.json()
    recorded = SubjectRequest.objects.get(public_id=body["id"])
    assert (recorded.person, recorded.kind, recorded.status) == (
        world.person,
        "correction",
        RequestStatus.OPEN,
    )
    due = timezone.localdate() + dt.timedelta(days=settings.RIGHTS_ANSWER_DAYS)
    assert body["due_on"] == due.isoformat()
    assert body["person"] == str(world.person.public_id)
    assert body["overdue"] is False


def test_it_answers_once_and_refuses_a_stale_version(world, login):  # noqa: F811
    client = login(world.users["ngo_a"])
    url = reverse("subject-request-answer", args=[world.access.public_id])

    first = client.post(url, _answer_body(world), content_type="application/json")
    stale = client.post(url, _answer_body(world), content_type="application/json")

    assert first.status_code == 200
    assert first.json()["status"] == "answered"
    assert stale.status_code == 409
    world.access.refresh_from_db()
    assert (world.access.answer, world.access.version) == ("Sent the record by post.", 2)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"received_on": "2999-01-01"}, "received_on", errors.IN_FUTURE),
        ({"kind": "erase_everything"}, "kind", None),
        ({"received_via": "pigeon"}, "received_via", None),
        ({"person": "not-a-uuid"}, "person", None),
    ],
)
def test_it_refuses_bad_input_and_stores_nothing(world, login, change, field, message):  # noqa: F811
    before = _stored()

    with translation.override("ru"):
        response = login(world.users["ngo_a"]).post(
            reverse("subject-request-list"),
            {**_create_body(world), **change},
            content_type="application/json",
            headers={"Accept-Language": "ru"},
        )

    assert response.status_code == 400
    assert field in response.json()
    if message is not None:
        with translation.override("ru"):
            assert str(message) in response.content.decode()
    assert _stored() == before


def test_it_refuses_an_empty_answer_and_one_before_receipt(world, login):  # noqa: F811
    client = login(world.users["ngo_a"])
    url = reverse("subject-request-answer", args=[world.access.public_id])
    before = _stored()

    empty = client.post(url, {**_answer_body(world), "answer": ""}, content_type="application/json")
    early = client.post(
        url,
        {**_answer_body(world), "answered_on": "2000-01-01"},
        content_type="application/json",
    )

    assert (empty.status_code, early.status_code) == (400, 400)
    assert "answer" in empty.json()
    assert str(errors.ANSWER_BEFORE_RECEIPT) in early.content.decode()
    assert _stored() == before


def test_it_lists_by_status_and_logs_the_people_read(world, login):  # noqa: F811
    user = world.users["ngo_a"]
    client = login(user)

    answered = client.get(reverse("subject-request-list"), {"status": "answered"})
    everything = client.get(reverse("subject-request-list"))
    one = client.get(_one(world))

    assert answered.json()["results"] == []
    assert {row["id"] for row in everything.json()["results"]} == {
        str(world.access.public_id),
        str(world.deletion.public_id),
    }
    assert one.json()["kind"] == "access"
    reads = AccessLog.objects.filter(user=user, object_type="person")
    assert {(r.action, r.object_id) for r in reads} == {
        ("list", world.person.public_id),
        ("view", world.person.public_id),
    }
    # The list logs the person once though two of their requests are shown.
    assert reads.filter(action="list").count() == 1


def test_it_covers_every_route_and_method_of_the_requests_api():
    served = {
        (name, method.upper())
        for _, name, pattern in url_routes()
        if name.startswith("subject-request")
        for method in getattr(pattern.callback, "actions", {})
        if method != "head"
    }

    assert served == {
        ("subject-request-list", "GET"),
        ("subject-request-list", "POST"),
        ("subject-request-detail", "GET"),
        ("subject-request-answer", "POST"),
    }
    assert len(ROUTES) == len(served)
