"""Case deadlines: a reminder to the responsible organisation while the deadline approaches or
has passed, none for a closed or paused case, a new one when the deadline moves."""

from __future__ import annotations

import datetime as dt

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.procedures.models import Case
from qorgau.procedures.services import case_extend, case_pause
from qorgau.procedures.tests.factories import START
from qorgau.reminders.models import Reminder, ReminderKind
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import asylum_case_registered, case_take

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
FINGERPRINT_DUE = START + 4 * DAY


def _open_reminders(today: dt.date) -> list[Reminder]:
    """The open deadline reminders (registration also issued a certificate, which may expire)."""
    reminders_refresh(today=today, deadline_days=7)
    return list(Reminder.objects.filter(kind=ReminderKind.DEADLINE, done_at=None, closed_at=None))


def _pause(case: Case, actor: User, *, resume: bool) -> None:
    """Pause (or resume) the case on the day after its registration."""
    case.refresh_from_db()
    case_pause(
        actor=actor,
        case=case,
        version=case.version,
        occurred_on=START + 2 * DAY,
        reasons="Applicant in hospital.",
        resume=resume,
    )


def test_it_reminds_the_responsible_organisation_of_an_approaching_deadline(
    actor: User, agency: Organisation, person: Person
) -> None:
    """NGO A registered the person; the agency is responsible for the case."""
    case = asylum_case_registered(actor, agency, person)
    assert (case.due_deadline, case.due_on) == ("fingerprint", FINGERPRINT_DUE)

    [reminder] = _open_reminders(FINGERPRINT_DUE - 7 * DAY)

    assert reminder.kind == ReminderKind.DEADLINE
    assert (reminder.case, reminder.deadline, reminder.due_on) == (
        case,
        "fingerprint",
        FINGERPRINT_DUE,
    )
    assert (reminder.organisation, reminder.person) == (agency, person)


def test_it_reminds_of_an_overdue_deadline(
    actor: User, agency: Organisation, person: Person
) -> None:
    asylum_case_registered(actor, agency, person)

    [reminder] = _open_reminders(FINGERPRINT_DUE + 30 * DAY)

    assert reminder.due_on == FINGERPRINT_DUE


def test_it_gives_none_before_the_lead_time(
    actor: User, agency: Organisation, person: Person
) -> None:
    asylum_case_registered(actor, agency, person)

    assert _open_reminders(FINGERPRINT_DUE - 8 * DAY) == []


def test_it_gives_none_for_a_closed_case(actor: User, agency: Organisation, person: Person) -> None:
    case = asylum_case_registered(actor, agency, person)
    case_take(case, actor, "close", START + 2 * DAY)

    assert _open_reminders(FINGERPRINT_DUE) == []


def test_it_closes_the_reminder_of_a_paused_case(
    actor: User, agency: Organisation, person: Person
) -> None:
    case = asylum_case_registered(actor, agency, person)
    [reminder] = _open_reminders(FINGERPRINT_DUE)

    _pause(case, actor, resume=False)

    assert _open_reminders(FINGERPRINT_DUE) == []
    reminder.refresh_from_db()
    assert reminder.closed_at is not None


def test_it_closes_the_reminder_of_a_met_deadline(
    actor: User, agency: Organisation, person: Person
) -> None:
    """Fingerprinting done: the next deadline (the decision, three months on) is not near."""
    case = asylum_case_registered(actor, agency, person)
    [reminder] = _open_reminders(FINGERPRINT_DUE)

    case = case_take(case, actor, "fingerprint", START + 3 * DAY)

    assert case.due_deadline == "decide"
    assert _open_reminders(FINGERPRINT_DUE) == []
    reminder.refresh_from_db()
    assert reminder.closed_at is not None


def test_it_reminds_again_of_an_extended_deadline(
    actor: User, agency: Organisation, person: Person
) -> None:
    case = asylum_case_registered(actor, agency, person)
    case = case_take(case, actor, "fingerprint", START + 3 * DAY)
    decide_due = case.due_on
    assert decide_due is not None
    [before] = _open_reminders(decide_due - DAY)

    case_extend(
        actor=actor,
        case=case,
        version=case.version,
        deadline="decide",
        until=decide_due + 60 * DAY,
        occurred_on=START + 10 * DAY,
        reasons="Country of origin information needed.",
    )

    assert _open_reminders(decide_due - DAY) == []
    [after] = _open_reminders(decide_due + 55 * DAY)
    assert (after.deadline, after.due_on) == ("decide", decide_due + 60 * DAY)
    before.refresh_from_db()
    assert before.closed_at is not None


def test_it_reopens_the_reminder_when_a_pause_is_lifted_the_day_it_began(
    actor: User, agency: Organisation, person: Person
) -> None:
    """The deadline is the same again: the reminder the job closed applies again."""
    case = asylum_case_registered(actor, agency, person)
    [reminder] = _open_reminders(FINGERPRINT_DUE)
    for resume in (False, True):
        _pause(case, actor, resume=resume)
        _open_reminders(FINGERPRINT_DUE)

    assert _open_reminders(FINGERPRINT_DUE) == [reminder]
    assert Reminder.objects.filter(kind=ReminderKind.DEADLINE).count() == 1
