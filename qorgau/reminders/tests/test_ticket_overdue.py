"""Overdue hotline tickets remind their assignee, or the desk's team while nobody is assigned:
once per ticket and due day, whatever the number of runs, and no longer once answered."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from qorgau.hotline.models import Ticket
from qorgau.hotline.services import ticket_answer, ticket_assign, ticket_close, ticket_triage
from qorgau.hotline.tests.factories import ticket_logged
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.reminders.access import may_mark_reminder, visible_reminders
from qorgau.reminders.models import OPEN, Reminder, ReminderKind
from qorgau.reminders.services import reminder_done, reminders_refresh

pytestmark = pytest.mark.django_db

RECEIVED = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _refresh(at: dt.datetime) -> None:
    with time_machine.travel(at, tick=False):
        reminders_refresh(today=timezone.localdate())


def _urgent(actor: User, organisation: Organisation) -> Ticket:
    """An urgent phone call (target 4 hours) received at ``RECEIVED``."""
    with time_machine.travel(RECEIVED, tick=False):
        ticket = ticket_logged(actor, organisation, urgency="urgent")
        return ticket_triage(
            actor=actor, ticket=ticket, version=1, topic="asylum", urgency="urgent"
        )


def _ticket_reminders() -> list[Reminder]:
    return list(Reminder.objects.filter(kind=ReminderKind.TICKET_OVERDUE))


@pytest.fixture
def officer(agency: Organisation) -> User:
    return user_make("desk-officer", agency, Role.PROTECTION_OFFICER)


def test_it_reminds_nobody_before_the_target_and_the_assignee_after(clerk, officer, agency):
    ticket = _urgent(clerk, agency)
    ticket = ticket_assign(actor=clerk, ticket=ticket, version=2, assignee=officer)

    _refresh(RECEIVED + dt.timedelta(hours=3))
    assert _ticket_reminders() == []

    _refresh(RECEIVED + dt.timedelta(hours=5))
    [reminder] = _ticket_reminders()
    assert (reminder.ticket_id, reminder.organisation_id) == (ticket.pk, agency.pk)
    assert reminder.due_on == timezone.localdate(RECEIVED + dt.timedelta(hours=4))
    assert list(visible_reminders(officer)) == [reminder]
    assert list(visible_reminders(clerk)) == []  # another desk member: not theirs
    assert may_mark_reminder(officer, reminder)
    assert not may_mark_reminder(clerk, reminder)


def test_it_reminds_the_whole_desk_or_the_team_while_nobody_is_assigned(clerk, officer, agency):
    ticket = _urgent(clerk, agency)
    _refresh(RECEIVED + dt.timedelta(hours=5))
    assert (
        set(visible_reminders(clerk)) == set(visible_reminders(officer)) == set(_ticket_reminders())
    )

    ticket_assign(
        actor=clerk, ticket=ticket, version=2, assignee=None, team=Role.PROTECTION_OFFICER
    )

    assert list(visible_reminders(officer)) == _ticket_reminders()
    assert list(visible_reminders(clerk)) == []


def test_it_is_idempotent(clerk, agency):
    _urgent(clerk, agency)

    _refresh(RECEIVED + dt.timedelta(hours=5))
    _refresh(RECEIVED + dt.timedelta(hours=6))
    _refresh(RECEIVED + dt.timedelta(days=1))

    assert len(_ticket_reminders()) == 1


def test_it_stops_when_the_ticket_is_answered(clerk, agency):
    ticket = _urgent(clerk, agency)
    _refresh(RECEIVED + dt.timedelta(hours=5))

    with time_machine.travel(RECEIVED + dt.timedelta(hours=6), tick=False):
        ticket_answer(actor=clerk, ticket=ticket, version=2, text="Come on Monday.")
    _refresh(RECEIVED + dt.timedelta(hours=7))
    _refresh(RECEIVED + dt.timedelta(days=2))

    [reminder] = _ticket_reminders()
    assert reminder.closed_at is not None
    assert not Reminder.objects.filter(OPEN, kind=ReminderKind.TICKET_OVERDUE).exists()


def test_it_stops_when_the_ticket_is_closed_unanswered(clerk, agency):
    ticket = _urgent(clerk, agency)
    _refresh(RECEIVED + dt.timedelta(hours=5))

    ticket_close(actor=clerk, ticket=ticket, version=2, text="Duplicate of a call.")
    _refresh(RECEIVED + dt.timedelta(hours=7))

    assert not Reminder.objects.filter(OPEN, kind=ReminderKind.TICKET_OVERDUE).exists()


def test_a_reminder_marked_done_never_comes_back(clerk, agency):
    _urgent(clerk, agency)
    _refresh(RECEIVED + dt.timedelta(hours=5))
    [reminder] = _ticket_reminders()

    reminder_done(actor=clerk, reminder=reminder)
    _refresh(RECEIVED + dt.timedelta(hours=9))

    assert len(_ticket_reminders()) == 1
    assert not Reminder.objects.filter(OPEN, kind=ReminderKind.TICKET_OVERDUE).exists()


def test_a_changed_urgency_moves_the_reminder_to_the_new_due_day(clerk, agency):
    ticket = _urgent(clerk, agency)
    _refresh(RECEIVED + dt.timedelta(hours=5))

    ticket_triage(actor=clerk, ticket=ticket, version=2, topic="asylum", urgency="low")
    _refresh(RECEIVED + dt.timedelta(hours=6))  # within the low urgency's 120 hours
    assert not Reminder.objects.filter(OPEN, kind=ReminderKind.TICKET_OVERDUE).exists()

    _refresh(RECEIVED + dt.timedelta(hours=121))
    [_closed, reminder] = sorted(_ticket_reminders(), key=lambda r: r.due_on)
    assert reminder.due_on == timezone.localdate(RECEIVED + dt.timedelta(hours=120))
    assert reminder.is_open


def test_other_organisations_and_the_agency_country_view_never_see_it(
    clerk, agency, ngo_a, liaison, gov_clerk, stats
):
    _urgent(clerk, agency)
    _refresh(RECEIVED + dt.timedelta(hours=5))
    [reminder] = _ticket_reminders()

    for user in (ngo_a, liaison, gov_clerk, stats):
        assert list(visible_reminders(user)) == []
        assert not may_mark_reminder(user, reminder)


def test_the_reminders_page_links_the_ticket(clerk, agency, login):
    ticket = _urgent(clerk, agency)
    _refresh(RECEIVED + dt.timedelta(hours=5))

    page = login(clerk).get("/reminders/")

    assert page.status_code == 200
    assert ticket.reference in page.text
    assert f"/hotline/{ticket.public_id}/" in page.text
