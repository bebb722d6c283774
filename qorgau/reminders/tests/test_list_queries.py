"""The reminders page costs as many queries for twelve reminders as for two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.tests.factories import PersonFactory
from qorgau.reminders.models import Reminder
from qorgau.reminders.selectors import reminders_for
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import asylum_case_registered, holder

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _reminders(actor: User, organisation: Organisation, count: int) -> None:
    """``count`` people whose certificates expire (half of them already expired), each with a
    registered asylum case whose fingerprinting is overdue."""
    today = dt.date.today()
    for index, person in enumerate(
        PersonFactory.create_batch(count, actor=actor, organisation=organisation)
    ):
        holder(actor, organisation, person, today + (20 if index % 2 else -2) * DAY)
        asylum_case_registered(actor, organisation, person)
    reminders_refresh(today=today)


@pytest.mark.parametrize("params", [{}, {"due": "overdue"}, {"kind": "deadline"}])
def test_the_reminders_cost_the_same_queries_for_two_as_for_twelve(
    params: dict[str, str],
    actor: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    client = login(actor)
    path = reverse("reminders:list")
    _reminders(actor, agency, 2)
    rows_of_two = len(client.get(path, params).context["rows"])

    two, twelve = list_queries(client, path, grow=lambda: _reminders(actor, agency, 10), **params)

    assert len(client.get(path, params).context["rows"]) > rows_of_two > 0
    assert twelve == two


def test_a_page_of_open_reminders_is_read_without_reading_every_reminder(
    actor: User, agency: Organisation, tables_as_new: Callable[..., None]
) -> None:
    """PostgreSQL reads a page's ids as the first entries of ``reminder_open_by_due`` that pass
    the visibility filter, neither reading every open reminder nor sorting them (at a million
    people it read and sorted the 36,650 open reminders of the country for each page: 19 ms
    of a 0.06 ms query). SQLite, which served the page in 25 ms, searches one index for each
    side of the filter's OR; it never scans the table either."""
    tables_as_new(Reminder, Person)
    _reminders(actor, agency, 2)
    ids = reminders_for(actor, today=dt.date.today()).values_list("pk", flat=True)[:50]
    sql, params = ids.query.sql_with_params()

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert "SCAN reminders_reminder" not in plan, plan
        else:
            # A test's table is too small for the planner to prefer an index on its own.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(str(row[0]) for row in cursor.fetchall())
            assert "Index Only Scan using reminder_open_by_due" in plan, plan
            assert "Sort" not in plan, plan
    assert len(list(ids)) > 0


def test_a_long_list_is_counted_no_further_than_the_cap_past_the_page(
    actor: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A country's agency office follows tens of thousands of open reminders: the page counts
    them no further than ``COUNT_CAP`` rows past itself, says there are more pages, and the
    next pages count further on, so that every reminder can still be paged to."""
    monkeypatch.setattr("qorgau.reminders.views.PAGE_SIZE", 2)
    monkeypatch.setattr("qorgau.reminders.views.COUNT_CAP", 2)
    _reminders(actor, agency, 4)  # a certificate and a deadline each: 8 reminders
    client = login(actor)
    path = reverse("reminders:list")

    first = client.get(path)
    last = client.get(path, {"page": 4})

    assert first.context["page"].paginator.is_capped
    assert first.context["page"].paginator.num_pages == 2
    assert "Page 1 of more than 2" in first.content.decode()
    assert last.context["page"].number == 4
    assert client.get(path, {"page": 99}).context["page"].number == 4
    assert client.get(path, {"page": 0}).context["page"].number == 1
    assert client.get(path, {"page": -3}).context["page"].paginator.is_capped
    assert client.get(path, {"page": "x"}).context["page"].number == 1
    assert not last.context["page"].paginator.is_capped
    assert "Page 4 of 4" in last.content.decode()
    seen = [
        row.reminder.pk
        for n in (1, 2, 3, 4)
        for row in client.get(path, {"page": n}).context["rows"]
    ]
    assert sorted(seen) == sorted(
        reminders_for(actor, today=dt.date.today()).values_list("pk", flat=True)
    )


def test_the_list_reads_reminders_in_two_statements(
    actor: User, agency: Organisation, login: Callable[[User | None], Client]
) -> None:
    """The page's ids with the count up to the cap in one statement, then those rows with
    what they show: no separate COUNT, and the gate's filter compiled once."""
    _reminders(actor, agency, 3)
    client = login(actor)
    client.get(reverse("reminders:list"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reminders:list"))

    reads = [q["sql"] for q in queries if 'FROM "reminders_reminder"' in q["sql"]]
    assert len(response.context["rows"]) == 6
    assert len(reads) == 2, reads
    assert not any("COUNT(" in sql for sql in reads)
