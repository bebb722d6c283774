"""Search plans: every kind of look-up is served by an index, never by reading every person.

Asked of the database itself (``EXPLAIN QUERY PLAN`` on SQLite, ``EXPLAIN`` on PostgreSQL with
sequential scans discouraged, since a test's tables are too small for the planner to prefer an
index on its own). At a million people a scan of ``people_person`` costs seconds (ADR 0014).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.db import connection
from django.db.models import QuerySet

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.selectors import person_search, person_search_ordered
from qorgau.web.pagination import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def people(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> list[Person]:
    return [
        make_person(clerk, agency, family_name="Сейтқазиев", given_name="Ерлан"),
        make_person(clerk, agency, family_name="Kazbekova", given_name="Aliya", sex="female"),
    ]


@pytest.fixture
def planner() -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off")
        yield
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
    else:
        yield


def _plan(queryset: QuerySet) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(str(row[0]) for row in cursor.fetchall())


def _reads_every_person(plan: str) -> bool:
    if connection.vendor == "sqlite":
        return any(line.startswith("SCAN people_person") for line in plan.splitlines())
    return "Seq Scan on people_person" in plan


def _uses_name_key_index(plan: str) -> bool:
    if connection.vendor == "sqlite":
        return "INDEX name_key_person (key>? AND key<?)" in plan
    return "name_key_person" in plan


@pytest.mark.usefixtures("planner")
def test_it_finds_a_name_from_the_name_key_index(clerk: User) -> None:
    plan = _plan(person_search_ordered(user=clerk, query="Сейтқаз Ерлан"))

    assert _uses_name_key_index(plan), plan
    assert not _reads_every_person(plan), plan


@pytest.mark.usefixtures("planner")
def test_it_finds_a_registration_number_from_its_unique_index(
    clerk: User, people: list[Person]
) -> None:
    number = people[0].registration_number.lower()

    plan = _plan(person_search_ordered(user=clerk, query=number))

    assert not _reads_every_person(plan), plan
    if connection.vendor == "sqlite":
        assert "(registration_number=?)" in plan, plan
    else:
        assert "Index Cond: ((registration_number)::text = " in plan, plan


@pytest.mark.usefixtures("planner")
def test_it_counts_at_most_a_thousand_and_one_from_the_index(clerk: User) -> None:
    paginator = CappedPaginator(person_search_ordered(user=clerk, query="Seitkaziev"), 25)
    first = paginator.object_list.order_by().values("pk")[: paginator.cap + 1]

    plan = _plan(first)

    assert _uses_name_key_index(plan), plan
    assert not _reads_every_person(plan), plan
    assert paginator.count == 1


@pytest.mark.usefixtures("planner")
@pytest.mark.parametrize("query", ["AB1234567", "+7 701 234 5678", "Seitkaziev 1984"])
def test_numbers_and_years_are_found_from_indexes_too(clerk: User, query: str) -> None:
    plan = _plan(person_search(user=clerk, query=query))

    assert not _reads_every_person(plan), plan


def test_a_name_found_by_its_beginning_is_case_sensitive_on_folded_keys(
    clerk: User, people: list[Person]
) -> None:
    # Keys are folded to lower case; upper-case input is folded before the look-up.
    assert list(person_search(user=clerk, query="SEITKAZ")) == [people[0]]
    assert list(person_search(user=clerk, query="kazbekov")) == [people[1]]
