"""The job can run any number of times: it creates each reminder once, for ever."""

from __future__ import annotations

import datetime as dt

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Household, Person
from qorgau.procedures.models import Case
from qorgau.reminders.access import access_reminder_to_mark
from qorgau.reminders.models import Reminder, ReminderKind
from qorgau.reminders.services import RefreshResult, reminder_done, reminders_refresh
from qorgau.reminders.tests.factories import TODAY, asylum_case_registered, holder

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def due_things(actor: User, agency: Organisation, ngo_a: User, ngo_a_org: Organisation, person):
    """An expiring certificate and an overdue case deadline."""
    holder(ngo_a, ngo_a_org, person, TODAY + 3 * DAY)
    asylum_case_registered(actor, agency, person)


def _rows() -> list[tuple]:
    return list(Reminder.objects.order_by("pk").values_list("pk", "closed_at", "done_at"))


def test_it_creates_nothing_new_when_run_twice(due_things) -> None:
    first = reminders_refresh(today=TODAY)
    rows = _rows()

    second = reminders_refresh(today=TODAY)

    assert first == RefreshResult(created=2, closed=0)
    assert second == RefreshResult(created=0, closed=0)
    assert _rows() == rows


def test_it_never_brings_back_a_reminder_marked_done(due_things, ngo_a: User) -> None:
    reminders_refresh(today=TODAY)
    reminder = Reminder.objects.get(kind=ReminderKind.DOCUMENT_EXPIRY)
    reminder_done(
        actor=ngo_a, reminder=access_reminder_to_mark(user=ngo_a, public_id=reminder.public_id)
    )

    reminders_refresh(today=TODAY + DAY)

    assert Reminder.objects.filter(kind=ReminderKind.DOCUMENT_EXPIRY).count() == 1
    reminder.refresh_from_db()
    assert (reminder.done_by, reminder.closed_at) == (ngo_a, None)


def test_it_keeps_the_first_mark_done(due_things, ngo_a: User, clerk: User) -> None:
    reminders_refresh(today=TODAY)
    reminder = Reminder.objects.get(kind=ReminderKind.DOCUMENT_EXPIRY)
    reminder_done(actor=ngo_a, reminder=reminder)
    done_at = Reminder.objects.get(pk=reminder.pk).done_at

    reminder_done(actor=clerk, reminder=reminder)

    reminder.refresh_from_db()
    assert (reminder.done_by, reminder.done_at) == (ngo_a, done_at)


def test_it_reads_in_batches(
    due_things, monkeypatch: pytest.MonkeyPatch, agency, actor, make_person
) -> None:
    """More due than one batch: every one gets its reminder, once. Each registration issued
    an asylum-seeker certificate, long expired by TODAY: 5 deadlines and 5 certificates."""
    monkeypatch.setattr("qorgau.reminders.services.BATCH", 2)
    for number in range(4):
        asylum_case_registered(actor, agency, make_person(actor, agency, source_id=f"b{number}"))

    assert reminders_refresh(today=TODAY).created == 10
    assert reminders_refresh(today=TODAY).created == 0


def test_it_names_the_principal_applicant_of_a_household_case(
    actor: User, agency: Organisation, person: Person
) -> None:
    """No shipped procedure is followed by a household yet; the model allows it."""
    household = Household.objects.create(
        registration_number="KAZ-26-H000001",
        country_office=person.country_office,
        registered_by=person.registered_by,
    )
    Person.objects.filter(pk=person.pk).update(household=household, relationship="principal")
    Case.objects.create(
        country=person.country_office,
        procedure="asylum",
        household=household,
        organisation=agency,
        stage="registered",
        opened_on=TODAY - 30 * DAY,
        due_on=TODAY,
        due_deadline="decide",
    )

    reminders_refresh(today=TODAY)

    assert Reminder.objects.get(kind=ReminderKind.DEADLINE).person == person
