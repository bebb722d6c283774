"""An unanswered referral past its answer deadline: the reminders job reminds the receiving
partner, then, ``QORGAU_REFERRAL_ESCALATION_HOURS`` later, the sender's protection officers;
once for ever, until the referral is answered; the emails hold a link only."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from qorgau.referrals.services import referral_accept, referral_acknowledge, referral_send
from qorgau.reminders.access import access_reminder_to_mark, visible_reminders
from qorgau.reminders.models import Reminder, ReminderKind
from qorgau.reminders.services import RefreshResult, reminder_done, reminders_refresh

pytestmark = pytest.mark.django_db

# Sent tomorrow on the hour (within the agreement): medium urgency, due 72 hours later.
SENT = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)


def _refresh(at: dt.datetime, capture) -> RefreshResult:
    """The daily job as run at ``at`` (time moved), its emails sent."""
    with time_machine.travel(at, tick=False), capture(execute=True):
        return reminders_refresh(today=timezone.localdate())


@pytest.fixture
def sent(refer, ngo_a, ngo_a_officer, settings):
    settings.REFERRAL_ESCALATION_HOURS = 24
    ngo_a.email = "caseworker@ngo-a.example.org"
    ngo_a.save()
    ngo_a_officer.email = "officer@ngo-a.example.org"
    ngo_a_officer.save()
    draft = refer(reason="Сейтқазиев needs a lawyer")
    with time_machine.travel(SENT, tick=False):
        return referral_send(actor=ngo_a, referral=draft, version=1)


def _reminders() -> list[tuple[str, str, bool]]:
    return [
        (r.kind, r.organisation.code, r.is_open)
        for r in Reminder.objects.filter(referral__isnull=False).order_by("pk")
    ]


def test_it_reminds_nobody_before_the_deadline(sent, django_capture_on_commit_callbacks):
    result = _refresh(SENT + 71 * HOUR, django_capture_on_commit_callbacks)

    assert result.created == 0
    assert _reminders() == []
    assert mail.outbox == []


def test_it_reminds_the_partner_then_escalates_to_the_senders_officers(
    sent, ngo_a_org, ngo_b_org, django_capture_on_commit_callbacks
):
    _refresh(SENT + 73 * HOUR, django_capture_on_commit_callbacks)

    assert _reminders() == [(ReminderKind.REFERRAL_UNANSWERED, ngo_b_org.code, True)]
    assert [m.to for m in mail.outbox] == [["desk@ngo.example.org"]]

    _refresh(SENT + 96 * HOUR, django_capture_on_commit_callbacks)  # 24 hours late: not yet
    assert len(_reminders()) == 1

    _refresh(SENT + 97 * HOUR, django_capture_on_commit_callbacks)

    assert _reminders() == [
        (ReminderKind.REFERRAL_UNANSWERED, ngo_b_org.code, True),
        (ReminderKind.REFERRAL_ESCALATED, ngo_a_org.code, True),
    ]
    assert mail.outbox[1].to == ["caseworker@ngo-a.example.org", "officer@ngo-a.example.org"]
    escalated = Reminder.objects.get(kind=ReminderKind.REFERRAL_ESCALATED)
    assert escalated.due_on == timezone.localdate(SENT + 96 * HOUR)


def test_it_makes_no_second_reminder_nor_email_when_run_again(
    sent, django_capture_on_commit_callbacks
):
    first = _refresh(SENT + 100 * HOUR, django_capture_on_commit_callbacks)
    rows = list(Reminder.objects.values_list("pk", "closed_at"))

    second = _refresh(SENT + 101 * HOUR, django_capture_on_commit_callbacks)

    assert (first.created, second.created, second.closed) == (2, 0, 0)
    assert list(Reminder.objects.values_list("pk", "closed_at")) == rows
    assert len(mail.outbox) == 2


def test_it_keeps_reminding_while_only_acknowledged(
    sent, ngo_b, django_capture_on_commit_callbacks
):
    referral_acknowledge(actor=ngo_b, referral=sent, version=sent.version)

    _refresh(SENT + 73 * HOUR, django_capture_on_commit_callbacks)

    assert [kind for kind, _, _ in _reminders()] == [ReminderKind.REFERRAL_UNANSWERED]


def test_it_stops_once_answered(sent, ngo_b, django_capture_on_commit_callbacks):
    _refresh(SENT + 100 * HOUR, django_capture_on_commit_callbacks)
    with time_machine.travel(SENT + 101 * HOUR, tick=False):
        referral_accept(actor=ngo_b, referral=sent, version=sent.version)

    result = _refresh(SENT + 200 * HOUR, django_capture_on_commit_callbacks)

    assert (result.created, result.closed) == (0, 2)
    assert [is_open for _, _, is_open in _reminders()] == [False, False]
    assert len(mail.outbox) == 2


def test_it_emails_a_link_and_no_person_data(sent, django_capture_on_commit_callbacks):
    _refresh(SENT + 100 * HOUR, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert f"/referrals/{sent.public_id}/" in message.body
        text = message.subject + message.body
        assert "Сейтқазиев" not in text
        assert "lawyer" not in text
        assert sent.person.registration_number not in text


def test_each_side_sees_and_marks_only_its_own_reminder(
    sent, ngo_a, ngo_b, liaison, django_capture_on_commit_callbacks
):
    _refresh(SENT + 100 * HOUR, django_capture_on_commit_callbacks)
    unanswered = Reminder.objects.get(kind=ReminderKind.REFERRAL_UNANSWERED)
    escalated = Reminder.objects.get(kind=ReminderKind.REFERRAL_ESCALATED)

    assert list(visible_reminders(ngo_b)) == [unanswered]
    assert list(visible_reminders(ngo_a)) == [escalated]
    assert list(visible_reminders(liaison)) == []

    reminder_done(
        actor=ngo_b, reminder=access_reminder_to_mark(user=ngo_b, public_id=unanswered.public_id)
    )
    unanswered.refresh_from_db()
    assert unanswered.done_by == ngo_b
