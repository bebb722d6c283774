"""Every case route of the access matrix that shows a case (or the person a case is opened
for) writes an access-log row for it, for every persona who gets it, and none for a persona who
is refused (ADR 0034). A GET route must be in ``SHOWN`` or ``SHOWS_NO_RECORD``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qorgau.audit.models import AccessLog
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS
from qorgau.procedures.tests.test_case_access import (  # noqa: F401 (the matrix's fixture)
    ROUTES,
    SEES_CASE,
    World,
    _send,
    world,
)

pytestmark = pytest.mark.django_db

Rows = set[tuple[str, str, str]]  # (action, object type, public id)


def _case(action: str) -> Callable[[World], Rows]:
    return lambda w: {(action, "case", str(w.case.public_id))}


def _case_and_person(w: World) -> Rows:
    """A case page or answer shows the case and names its person (issue 14)."""
    return _case("view")(w) | {("case", "person", str(w.person.public_id))}


SHOWN: dict[str, Callable[[World], Rows]] = {
    "web-list": _case("list"),
    "web-detail": _case_and_person,
    "web-step-get": _case_and_person,
    "web-open-get": lambda w: {("view", "person", str(w.person.public_id))},
    "api-list": _case("list"),
    "api-detail": _case_and_person,
    "api-transitions-get": _case_and_person,
}
SHOWS_NO_RECORD = {"web-pipeline": "counts per stage, no case or person"}
READS = [r for r in ROUTES if r.method == "GET" and r.id in SHOWN]


def _rows(user: object) -> Rows:
    rows = AccessLog.objects.filter(user=user)
    return {(r.action, r.object_type, str(r.object_id)) for r in rows}


def test_it_knows_what_every_read_route_logs() -> None:
    assert {r.id for r in ROUTES if r.method == "GET"} == set(SHOWN) | set(SHOWS_NO_RECORD)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != ANONYMOUS])
@pytest.mark.parametrize("route", READS, ids=[r.id for r in READS])
def test_it_logs_every_case_a_route_shows(route, persona, world, login) -> None:  # noqa: F811
    user = world.users[persona]
    assert not _rows(user)

    response = _send(login(user), route, world, user)

    expected = SHOWN[route.id](world)
    logged = _rows(user)
    if response.status_code != 200:
        assert logged == set()
    elif route.id.endswith("list") and persona not in SEES_CASE:
        assert not expected & logged
    else:
        assert expected <= logged, (response.status_code, logged)
