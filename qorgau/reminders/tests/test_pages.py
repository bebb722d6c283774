"""The "My reminders" page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.audit.models import AccessLog
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.reminders.models import Reminder
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import TODAY, asylum_case_registered, holder

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
URL = reverse("reminders:list")


@pytest.fixture
def two_reminders(ngo_a: User, ngo_a_org: Organisation, make_person) -> list[Person]:
    """One certificate expiring in twenty days, another already expired: overdue comes first."""
    soon = make_person(ngo_a, ngo_a_org, given_name="Soon")
    late = make_person(ngo_a, ngo_a_org, given_name="Late")
    holder(ngo_a, ngo_a_org, soon, dt.date.today() + 20 * DAY)
    holder(ngo_a, ngo_a_org, late, dt.date.today() - 2 * DAY)
    reminders_refresh(today=dt.date.today())
    return [late, soon]


def test_it_requires_login() -> None:
    response = Client().get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_requires_login_to_mark_done(ngo_a, ngo_a_org, person) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY)
    reminders_refresh(today=TODAY)
    url = reverse("reminders:done", kwargs={"public_id": Reminder.objects.get().public_id})

    response = Client().post(url)

    assert response.status_code == 302
    assert Reminder.objects.get().done_at is None


def test_it_refuses_a_user_who_may_see_no_person(stats, login) -> None:
    assert login(stats).get(URL).status_code == 403


def test_it_lists_overdue_first_with_links_to_the_people(two_reminders, ngo_a, login) -> None:
    response = login(ngo_a).get(URL)

    assert response.status_code == 200
    assert [row.reminder.person for row in response.context["rows"]] == two_reminders
    assert [row.days_left for row in response.context["rows"]] == [-2, 20]
    page = response.content.decode()
    for person in two_reminders:
        assert reverse("people:detail", kwargs={"public_id": person.public_id}) in page
    assert page.count('class="overdue"') == 1


def test_it_logs_the_people_it_shows(two_reminders, ngo_a, login) -> None:
    login(ngo_a).get(URL)

    logged = set(AccessLog.objects.filter(user=ngo_a).values_list("object_id", flat=True))
    assert logged == {person.public_id for person in two_reminders}


def test_it_offers_mark_done_to_those_who_may_act_on_the_reminder(
    two_reminders, clerk, ngo_a, agency, login
) -> None:
    """The responsible organisation and the agency office act on it; a view-only role in the
    agency office follows it without the button."""
    follower = user_make("agency-liaison", agency, Role.GOVERNMENT_LIAISON)
    by_clerk = login(clerk).get(URL)
    by_ngo_a = login(ngo_a).get(URL)
    by_follower = login(follower).get(URL)

    assert [row.can_mark for row in by_clerk.context["rows"]] == [True, True]
    assert [row.can_mark for row in by_ngo_a.context["rows"]] == [True, True]
    assert [row.can_mark for row in by_follower.context["rows"]] == [False, False]
    assert "Mark done" not in by_follower.content.decode()


def test_it_refuses_mark_done_by_get(ngo_a, ngo_a_org, person, login) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY)
    reminders_refresh(today=TODAY)
    url = reverse("reminders:done", kwargs={"public_id": Reminder.objects.get().public_id})

    assert login(ngo_a).get(url).status_code == 405


def test_it_refuses_mark_done_without_the_csrf_token(ngo_a, ngo_a_org, person) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY)
    reminders_refresh(today=TODAY)
    url = reverse("reminders:done", kwargs={"public_id": Reminder.objects.get().public_id})
    client = Client(enforce_csrf_checks=True)
    client.force_login(ngo_a, backend="django.contrib.auth.backends.ModelBackend")

    assert client.post(url).status_code == 403
    assert Reminder.objects.get().done_at is None


def test_it_names_the_procedure_and_deadline_of_a_case(actor, agency, person, clerk, login) -> None:
    asylum_case_registered(actor, agency, person)
    reminders_refresh(today=dt.date.today())

    response = login(clerk).get(URL, HTTP_ACCEPT_LANGUAGE="ru")

    [row] = [row for row in response.context["rows"] if row.reminder.case is not None]
    assert row.what.endswith(": Дактилоскопия")
    assert row.link is not None


def test_a_page_sorts_the_reminders_alone_and_joins_only_its_own_rows(
    two_reminders: list[Person], ngo_a: User, login
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(ngo_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)

    page = [q["sql"] for q in queries.captured_queries if "reminders_reminder" in q["sql"]]
    # The page's slice ends the statement (a subquery's LIMIT 1 stands inside it).
    sorted_ids = [
        sql for sql in page if re.search(r"ORDER BY [^()]* LIMIT \d+( OFFSET \d+)?$", sql)
    ]
    joined = [sql for sql in page if "JOIN" in sql]
    assert [r.reminder.person for r in response.context["rows"]] == two_reminders
    assert len(sorted_ids) == 1, sorted_ids
    assert "JOIN" not in sorted_ids[0], sorted_ids
    assert len(joined) == 1, joined
    assert "IN (" in joined[0], joined
