"""The case lists cost as many queries for twelve cases as for two: the work list, the
managers' pipeline and the API's list of cases; and a case's steps as many for seven as for two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.routes import route_to
from qorgau.procedures.tests.factories import START, CaseFactory, walk

pytestmark = pytest.mark.django_db

LISTS = [
    (reverse("procedures:list"), {}),
    (reverse("procedures:list"), {"due": "overdue"}),
    (
        reverse("procedures:pipeline"),
        {"country": "KAZ", "date_from": "2025-01-01", "date_to": "2025-12-31"},
    ),
    ("/api/v1/cases/", {}),
    ("/api/v1/cases/", {"closed": "1"}),
]


def _cases(actor: User, agency: Organisation, count: int) -> None:
    """``count`` cases, every other one registered (so that stages and deadlines differ)."""
    for index in range(count):
        case = CaseFactory.create(actor=actor, organisation=agency, assigned_to=actor)
        if index % 2:
            walk(case, actor, route_to(procedure_for("KAZ", "asylum"), "registered"))


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_a_list_of_cases_costs_the_same_queries_for_two_as_for_twelve(
    path: str,
    params: dict[str, str],
    actor: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    _cases(actor, agency, 2)

    two, twelve = list_queries(login(actor), path, grow=lambda: _cases(actor, agency, 10), **params)

    assert twelve == two


def test_the_lists_show_every_case(
    actor: User, agency: Organisation, login: Callable[[User | None], Client]
) -> None:
    """The counts above are of full lists, not of empty ones."""
    _cases(actor, agency, 12)
    client = login(actor)

    page: Any = client.get(reverse("procedures:list"))
    api = client.get("/api/v1/cases/").json()

    assert len(page.context["rows"]) == 12
    assert api["count"] == 12


@pytest.mark.parametrize("api", [False, True], ids=["page", "api"])
def test_a_case_costs_the_same_queries_for_two_steps_as_for_seven(
    api: bool,
    actor: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    """The case page and the API's case list the steps taken."""
    procedure = procedure_for("KAZ", "asylum")
    case = CaseFactory.create(actor=actor, organisation=agency)
    walk(case, actor, route_to(procedure, "registered"))
    path = f"/api/v1/cases/{case.public_id}/" if api else f"/cases/{case.public_id}/"

    def grow() -> None:
        case.refresh_from_db()
        walk(case, actor, route_to(procedure, "appeal")[1:], start=START + dt.timedelta(days=1))

    two, seven = list_queries(login(actor), path, grow=grow)

    assert case.steps.count() == 7
    assert seven == two


def test_the_work_list_reads_cases_in_two_statements(
    actor: User, agency: Organisation, login: Callable[[User | None], Client]
) -> None:
    """The page's ids with the count up to the cap in one statement, then those cases with
    what the list shows: no separate COUNT, and the gate's filter compiled once."""
    _cases(actor, agency, 3)
    client = login(actor)
    client.get(reverse("procedures:list"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("procedures:list"))

    reads = [q["sql"] for q in queries if 'FROM "procedures_case"' in q["sql"]]
    assert len(response.context["rows"]) == 3
    assert len(reads) == 2, reads
    assert not any("COUNT(" in sql for sql in reads)
    assert "Page 1 of" not in response.content.decode()  # one page: no pages shown
