"""The desk's cycle: a ticket is triaged, assigned, noted, answered and closed, each step by the
desk staff of the ticket's organisation only, on the version they saw, never on a closed one."""

from __future__ import annotations

import pytest
import time_machine
from django.utils import timezone

from qorgau.errors import Invalid, NotAllowed, StaleVersion
from qorgau.hotline import errors
from qorgau.hotline.models import EventKind, State, Ticket
from qorgau.hotline.selectors import QueueFilters, is_overdue, ticket_queue
from qorgau.hotline.services import (
    REFERENCE_ALPHABET,
    ticket_answer,
    ticket_assign,
    ticket_close,
    ticket_note_add,
    ticket_triage,
)
from qorgau.hotline.tests.factories import ticket_logged, ticket_submitted

pytestmark = pytest.mark.django_db


def test_it_takes_an_inquiry_through_triage_answer_and_closure(clerk, officer, agency):
    ticket = ticket_submitted()
    assert ticket.state == State.NEW
    assert ticket.organisation == agency

    ticket = ticket_triage(actor=clerk, ticket=ticket, version=1, topic="asylum", urgency="urgent")
    ticket = ticket_assign(actor=clerk, ticket=ticket, version=2, assignee=officer)
    ticket = ticket_note_add(actor=officer, ticket=ticket, version=3, text="Called back, busy.")
    ticket = ticket_answer(actor=officer, ticket=ticket, version=4, text="Come on Monday.")
    ticket = ticket_close(actor=officer, ticket=ticket, version=5)

    stored = Ticket.objects.get(pk=ticket.pk)
    assert (stored.state, stored.topic, stored.urgency) == (State.CLOSED, "asylum", "urgent")
    assert stored.assignee == officer
    assert stored.first_answered_at is not None
    assert [e.kind for e in stored.events.all()] == [
        EventKind.RECEIVED, EventKind.TRIAGED, EventKind.ASSIGNED, EventKind.NOTE,
        EventKind.ANSWER, EventKind.CLOSED,
    ]  # fmt: skip
    assert [h.history_user for h in stored.history.order_by("history_date")][1:] == [
        clerk,
        clerk,
        officer,
        officer,
        officer,
    ]


def test_it_gives_a_short_unambiguous_reference(db, agency):
    reference = ticket_submitted().reference

    assert len(reference) == 9
    assert reference[4] == "-"
    assert set(reference.replace("-", "")) <= set(REFERENCE_ALPHABET)
    assert not set("0O1IL2Z5S8B") & set(REFERENCE_ALPHABET)


def test_it_refuses_to_answer_a_closed_ticket_again(clerk, agency):
    ticket = ticket_submitted()
    ticket = ticket_triage(actor=clerk, ticket=ticket, version=1, topic="health", urgency="low")
    ticket = ticket_close(actor=clerk, ticket=ticket, version=2)

    with pytest.raises(Invalid) as refused:
        ticket_answer(actor=clerk, ticket=ticket, version=3, text="Too late")

    assert refused.value.message == errors.CLOSED
    assert refused.value.field == "state"
    assert not ticket.events.filter(kind=EventKind.ANSWER).exists()


def test_it_refuses_an_answer_before_triage(clerk, agency):
    ticket = ticket_submitted()

    with pytest.raises(Invalid) as refused:
        ticket_answer(actor=clerk, ticket=ticket, version=1, text="Hello")

    assert refused.value.code == "not_triaged"


def test_it_refuses_a_stale_version(clerk, officer, agency):
    ticket = ticket_submitted()
    ticket_triage(actor=clerk, ticket=ticket, version=1, topic="work", urgency="low")

    with pytest.raises(StaleVersion):
        ticket_triage(actor=officer, ticket=ticket, version=1, topic="health", urgency="urgent")

    assert Ticket.objects.get(pk=ticket.pk).topic == "work"


@pytest.mark.parametrize("outsider", ["ngo_a", "liaison", "stats"])
def test_it_refuses_a_step_by_anyone_outside_the_desk(request, agency, outsider):
    ticket = ticket_submitted()

    with pytest.raises(NotAllowed):
        ticket_note_add(
            actor=request.getfixturevalue(outsider), ticket=ticket, version=1, text="Hi"
        )

    assert Ticket.objects.get(pk=ticket.pk).version == 1


def test_it_refuses_an_assignee_of_another_organisation(clerk, ngo_a, agency):
    ticket = ticket_submitted()

    with pytest.raises(Invalid) as refused:
        ticket_assign(actor=clerk, ticket=ticket, version=1, assignee=ngo_a)

    assert refused.value.field == "assignee"


def test_it_stores_a_script_tag_nowhere(clerk, agency):
    ticket = ticket_submitted()

    with pytest.raises(Invalid) as refused:
        ticket_note_add(actor=clerk, ticket=ticket, version=1, text="<script>alert(1)</script>")

    assert refused.value.message == errors.MARKUP
    assert not ticket.events.filter(kind=EventKind.NOTE).exists()


def test_it_lets_a_partner_desk_log_calls_of_its_own_hotline(ngo_a, ngo_a_org, clerk, agency):
    ticket = ticket_logged(ngo_a, ngo_a_org)

    assert ticket.organisation == ngo_a_org
    assert ticket.channel == "phone"
    with pytest.raises(NotAllowed):
        ticket_logged(ngo_a, agency)
    assert list(ticket_queue(clerk, QueueFilters())) == []


def test_it_flags_a_ticket_overdue_after_its_target(clerk, agency, settings):
    settings.HOTLINE_TARGET_HOURS = {"urgent": 4, "normal": 48, "low": 120}
    with time_machine.travel(dt_aware(2026, 3, 2, 9), tick=False):
        urgent = ticket_submitted()
        urgent = ticket_triage(
            actor=clerk, ticket=urgent, version=1, topic="border", urgency="urgent"
        )
        normal = ticket_submitted()

    with time_machine.travel(dt_aware(2026, 3, 2, 14), tick=False):
        assert is_overdue(urgent)
        assert not is_overdue(normal)
        late = ticket_queue(clerk, QueueFilters(overdue=True))
        assert list(late) == [urgent]

    with time_machine.travel(dt_aware(2026, 3, 4, 10), tick=False):
        assert set(ticket_queue(clerk, QueueFilters(overdue=True))) == {urgent, normal}
        ticket_answer(actor=clerk, ticket=urgent, version=2, text="Answered by phone.")
        assert list(ticket_queue(clerk, QueueFilters(overdue=True))) == [normal]


def dt_aware(*parts: int):
    import datetime as dt

    return timezone.make_aware(dt.datetime(*parts))  # type: ignore[arg-type]
