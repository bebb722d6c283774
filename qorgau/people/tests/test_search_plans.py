"""Search plans: every kind of look-up is served by an index, never by reading every person.

Asked of the database itself (``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN`` on PostgreSQL with
sequential scans and sorts discouraged, since a test's tables are too small for the planner to
prefer an index on its own: a sort still appears where no index can give the order). At a million people a scan of ``people_person`` costs seconds (ADR 0014).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.selectors import person_search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def people(
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    tables_as_new: Callable[..., None],
) -> list[Person]:
    tables_as_new(Person)
    return [
        make_person(clerk, agency, family_name="Сейтқазиев", given_name="Ерлан"),
        make_person(clerk, agency, family_name="Kazbekova", given_name="Aliya", sex="female"),
    ]


@pytest.fixture
def planner() -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A sort is discouraged too: where the index can give the order, the plan takes it.
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("SET enable_sort = off")
        yield
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")
    else:
        yield


class _Statements:
    """The statements a search runs, recorded as the database receives them."""

    def __init__(self) -> None:
        self.run: list[tuple[str, Any]] = []

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.run.append((sql, params))
        return execute(sql, params, many, context)


def _plans(user: User, query: str) -> list[tuple[str, str]]:
    """Each statement ``person_search`` runs for ``query``, with the database's plan of it."""
    statements = _Statements()
    with connection.execute_wrapper(statements):
        person_search(user=user, query=query)
    plans = []
    with connection.cursor() as cursor:
        for sql, params in statements.run:
            if connection.vendor == "sqlite":
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            else:
                cursor.execute(f"EXPLAIN {sql}", params)
                plan = "\n".join(str(row[0]) for row in cursor.fetchall())
            plans.append((sql, plan))
    return plans


def _reads_every_person(plan: str) -> bool:
    if connection.vendor == "sqlite":
        return any(line.startswith("SCAN people_person") for line in plan.splitlines())
    return "Seq Scan on people_person" in plan


def _walks_the_name_key_index(plan: str) -> bool:
    if connection.vendor == "sqlite":
        return "INDEX name_key_person (key>? AND key<?)" in plan
    return (
        "Index Only Scan using name_key_person" in plan
        or "Index Scan using name_key_person" in plan
    )


def _sorts(plan: str) -> bool:
    """Whether the rows are sorted after reading them (not read in the index's order)."""
    if connection.vendor == "sqlite":
        return "TEMP B-TREE FOR" in plan and "ORDER BY" in plan
    return any(line.strip().startswith("Sort") or "->  Sort" in line for line in plan.splitlines())


@pytest.mark.usefixtures("planner")
@pytest.mark.parametrize("query", ["Сейтқаз", "Сейтқаз Ерлан", "Aliya Kazbekova 1990"])
def test_a_name_is_walked_in_the_order_of_the_name_key_index(clerk: User, query: str) -> None:
    plans = _plans(clerk, query)
    walks = [plan for sql, plan in plans if "ORDER BY" in sql and "people_personnamekey" in sql]

    assert len(walks) == 1, plans
    assert _walks_the_name_key_index(walks[0]), walks[0]
    assert not _sorts(walks[0]), walks[0]
    for _, plan in plans:
        assert not _reads_every_person(plan), plan


@pytest.mark.usefixtures("planner")
@pytest.mark.parametrize("query", ["Бақыт", "Нұрлан Бақытов"])
def test_an_organisations_own_people_are_walked_on_the_registrant_index(
    ngo_a: User, ngo_a_org: Organisation, make_person: Callable[..., Person], query: str
) -> None:
    make_person(ngo_a, ngo_a_org, family_name="Бақытов", given_name="Нұрлан")

    plans = _plans(ngo_a, query)
    walks = [plan for sql, plan in plans if "ORDER BY" in sql and "people_personnamekey" in sql]

    # One walk of its own people's keys (nobody is shared with it).
    assert len(walks) == 1, plans
    assert "name_key_registrant" in walks[0], walks[0]
    assert not _sorts(walks[0]), walks[0]
    for _, plan in plans:
        assert not _reads_every_person(plan), plan


@pytest.mark.usefixtures("planner")
def test_a_registration_number_is_found_from_its_unique_index(
    clerk: User, people: list[Person]
) -> None:
    (plan,) = [plan for _, plan in _plans(clerk, people[0].registration_number.lower())]

    assert not _reads_every_person(plan), plan
    if connection.vendor == "sqlite":
        assert "(registration_number=?)" in plan, plan
    else:
        assert "Index Cond: ((registration_number)::text = " in plan, plan


@pytest.mark.usefixtures("planner")
@pytest.mark.parametrize("query", ["AB1234567", "+7 701 234 5678", "Seitkaziev 1984"])
def test_numbers_and_years_are_found_from_indexes_too(clerk: User, query: str) -> None:
    for _, plan in _plans(clerk, query):
        assert not _reads_every_person(plan), plan


def test_a_name_found_by_its_beginning_is_case_sensitive_on_folded_keys(
    clerk: User, people: list[Person]
) -> None:
    # Keys are folded to lower case; upper-case input is folded before the look-up.
    assert person_search(user=clerk, query="SEITKAZ").ids == [people[0].pk]
    assert person_search(user=clerk, query="kazbekov").ids == [people[1].pk]
