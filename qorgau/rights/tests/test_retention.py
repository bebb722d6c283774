"""The retention job: only closed records past their period, never under a legal hold, and a
kept report of what it did (a dry run changes and keeps nothing)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse

from qorgau.people.models import Person
from qorgau.procedures.services import case_open
from qorgau.procedures.tests.factories import START, all_roles_user
from qorgau.reminders.tests.factories import asylum_case_registered, case_take
from qorgau.rights.models import Anonymisation, RetentionReport
from qorgau.rights.services.retention import retention_run, years_before
from qorgau.rights.tasks import retention_task
from qorgau.rights.tests.factories import closed_person, rich_person
from qorgau.web.tests.worker import run_worker

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.RETENTION_YEARS_PERSON = 20
    settings.RETENTION_YEARS_CASE = 1


@pytest.fixture
def records(clerk, agency):
    """People closed 21 and 19 years ago, one open (stateless), one closed 21 years ago with an
    open case; a case closed 16 months ago and one still open."""
    manager = all_roles_user("manager", agency)
    expired = closed_person(clerk, agency, closed_on=dt.date(2005, 3, 1), given_name="Ерлан")
    recent = closed_person(clerk, agency, closed_on=dt.date(2007, 9, 1), given_name="Айгүл")
    open_record = rich_person(clerk, agency, given_name="Асель", since=dt.date(2001, 1, 5))
    held = closed_person(clerk, agency, closed_on=dt.date(2005, 3, 1), given_name="Серік")
    case_open(  # an application not yet registered: the status stays naturalised
        actor=manager, organisation=agency, procedure="asylum", person=held, opened_on=START
    )
    closed_case = case_take(
        asylum_case_registered(manager, agency, open_record), manager, "close", dt.date(2025, 2, 1)
    )
    return {
        "expired": expired,
        "recent": recent,
        "open": open_record,
        "held": held,
        "closed_case": closed_case,
    }


@pytest.mark.django_db
def test_it_anonymises_only_expired_closed_records_and_keeps_a_report(records, agency):
    outcomes = retention_run(today=TODAY)

    names = dict(Person.objects.values_list("pk", "given_name"))
    assert names[records["expired"].pk] == ""
    assert names[records["recent"].pk] == "Айгүл"
    assert names[records["open"].pk] == "Асель"
    assert names[records["held"].pk] == "Серік"
    assert Anonymisation.objects.get().reason == "retention"
    assert Anonymisation.objects.get().actor is None
    assert all(s.reasons == "" and s.fields == {} for s in records["closed_case"].steps.all())

    report = RetentionReport.objects.get(country=agency.country)
    assert (report.persons_anonymised, report.cases_cleared, report.persons_held) == (1, 1, 1)
    assert report.ids == {
        "person": [str(records["expired"].public_id)],
        "case": [str(records["closed_case"].public_id)],
        "held": [str(records["held"].public_id)],
    }
    assert [o.country_id for o in outcomes] == [agency.country_id]


@pytest.mark.django_db
def test_a_second_run_finds_nothing_new(records, agency):
    retention_run(today=TODAY)

    retention_run(today=TODAY)

    latest = RetentionReport.objects.order_by("-id").first()
    assert (latest.persons_anonymised, latest.cases_cleared, latest.persons_held) == (0, 0, 1)
    assert RetentionReport.objects.count() == 2


@pytest.mark.django_db
def test_the_dry_run_changes_and_keeps_nothing(records):
    out = StringIO()

    call_command("retention", "--dry-run", "--today", TODAY.isoformat(), stdout=out)

    assert f"person {records['expired'].public_id}" in out.getvalue()
    assert "1 people would be anonymised" in out.getvalue()
    assert Person.objects.get(pk=records["expired"].pk).given_name == "Ерлан"
    assert not RetentionReport.objects.exists()
    assert records["closed_case"].steps.exclude(fields={}).exists()


@pytest.mark.django_db(transaction=True)
def test_it_runs_in_the_database_worker(clerk, agency):
    expired = closed_person(clerk, agency, closed_on=dt.date(2005, 3, 1))

    result = retention_task.enqueue(TODAY.isoformat())
    assert result.status == TaskResultStatus.READY
    run_worker()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"persons": 1, "cases": 0, "held": 0}
    assert Person.objects.get(pk=expired.pk).given_name == ""


def test_years_before_handles_the_29th_of_february():
    assert years_before(dt.date(2028, 2, 29), 1) == dt.date(2027, 2, 28)
    assert years_before(dt.date(2026, 6, 1), 20) == dt.date(2006, 6, 1)


@pytest.mark.django_db
def test_the_agency_office_sees_the_reports(records, clerk, ngo_a, login):
    retention_run(today=TODAY)

    mine = login(clerk).get(reverse("rights:retention"))
    partner = login(ngo_a).get(reverse("rights:retention"))

    assert str(records["expired"].public_id) in mine.content.decode()
    assert partner.status_code == 200
    assert str(records["expired"].public_id) not in partner.content.decode()
