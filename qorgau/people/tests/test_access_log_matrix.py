"""Every route of the access matrix that shows a record writes an access-log row for it, for
every persona who gets the record, and none for a persona who is refused (ADR 0034).

Walks ``test_access_matrix.ROUTES``: a GET route must be in ``SHOWN`` (the rows it must write)
or in ``SHOWS_NO_RECORD`` (why it writes none), so a new page or API read fails here until it
says what it logs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qorgau.audit.models import AccessLog
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS
from qorgau.people.tests.test_access_matrix import (  # noqa: F401 (the matrix's fixtures)
    ROUTES,
    SEES_RECORD,
    World,
    _module_world,
    _send,
    world,
)

pytestmark = pytest.mark.django_db

Rows = set[tuple[str, str, str]]  # (action, object type, public id)


def _person(action: str = "view") -> Callable[[World], Rows]:
    return lambda w: {(action, "person", str(w.principal.public_id))}


def _household(w: World) -> Rows:
    return {("view", "household", str(w.household.public_id))}


def _members(*labels: str) -> Callable[[World], Rows]:
    return lambda w: {("member", "person", str(getattr(w, label).public_id)) for label in labels}


def _both(*parts: Callable[[World], Rows]) -> Callable[[World], Rows]:
    return lambda w: set().union(*(part(w) for part in parts))


# The rows each read must write (beyond them it may write others: a list logs every row shown).
SHOWN: dict[str, Callable[[World], Rows]] = {
    "web-search-q": _person("search"),
    "web-detail": _both(_person(), _members("member")),
    "web-edit-get": _person(),
    "web-document-add-get": _person(),
    "web-status-add-get": _person(),
    "web-share-add-get": _person(),
    "web-household-get": _both(_household, _members("principal", "member")),
    "web-household-member-new-get": _both(_household, _members("principal")),
    "web-reminders": _person("list"),
    "api-persons-list": _person("list"),
    "api-person-get": _person(),
    "api-households-list": _both(
        lambda w: {("list", "household", str(w.household.public_id))},
        _members("principal", "member"),
    ),
    "api-household-get": _both(_household, _members("principal", "member")),
    "api-documents-list": _person("list"),
    "api-document-get": _person("document"),
    "api-periods-list": _person("list"),
    "api-period-get": _person("status"),
    "api-shares-list": _person("share"),
    "api-share-get": _person("share"),
}
SHOWS_NO_RECORD = {
    "home": "a redirect to the persona's start page",
    "web-search": "the search form, before any search",
    "web-register-get": "an empty registration form",
    "web-register-member-get": "an empty member block",
}
READS = [r for r in ROUTES if r.method == "GET" and r.id in SHOWN]


def _rows(user: object) -> Rows:
    rows = AccessLog.objects.filter(user=user)
    return {(r.action, r.object_type, str(r.object_id)) for r in rows}


def test_it_knows_what_every_read_route_logs() -> None:
    gets = {r.id for r in ROUTES if r.method == "GET"}
    assert gets == set(SHOWN) | set(SHOWS_NO_RECORD)


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != ANONYMOUS])
@pytest.mark.parametrize("route", READS, ids=[r.id for r in READS])
def test_it_logs_every_record_a_route_shows(route, persona, world, login) -> None:  # noqa: F811
    user = world.users[persona]
    assert not _rows(user)  # nothing before the request

    response = _send(login(user), route, world)

    expected = SHOWN[route.id](world)
    logged = _rows(user)
    if response.status_code != 200:
        assert logged == set()  # refused: nothing was read
    elif route.kind == "list" and persona not in SEES_RECORD:
        assert not expected & logged  # the record is not in this persona's list
    else:
        assert expected <= logged, (response.status_code, logged)
    paths = set(AccessLog.objects.filter(user=user).values_list("path", flat=True))
    assert all(path.startswith(route.url(world).partition("?")[0]) for path in paths)
