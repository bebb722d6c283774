"""Writes of reminders: the daily refresh, and a user marking one done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import batched
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from qorgau.errors import NotAllowed
from qorgau.hotline.models import Ticket
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.partners.models import Agreement
from qorgau.people.access import visible_persons
from qorgau.people.models import Document
from qorgau.procedures.models import Case
from qorgau.referrals.emails import referral_overdue_notify
from qorgau.referrals.models import Referral
from qorgau.reminders import errors
from qorgau.reminders.access import may_mark_reminder
from qorgau.reminders.due import (
    agreements_due,
    certificates_due,
    deadlines_due,
    principal_of_household,
    referrals_unanswered,
    ticket_due_day,
    tickets_due,
)
from qorgau.reminders.models import OPEN, Reminder, ReminderKind

BATCH = 2000


@dataclass(frozen=True)
class RefreshResult:
    """Reminders written (a concurrent run may have written a few of them first), closed
    because they no longer apply, and opened again because they apply again."""

    created: int
    closed: int
    reopened: int = 0


def reminders_refresh(
    *,
    today: dt.date,
    document_days: int | None = None,
    deadline_days: int | None = None,
    agreement_days: int | None = None,
    now: dt.datetime | None = None,
    escalation_hours: int | None = None,
) -> RefreshResult:
    """Create the reminders due on ``today`` that do not exist yet; close the open ones that no
    longer apply (certificate renewed or no longer needed, deadline met, moved or stopped,
    referral answered or withdrawn). Referrals unanswered at ``now`` (by default the time of the
    run) past their answer deadline remind the receiving partner; ``escalation_hours`` later
    (``QORGAU_REFERRAL_ESCALATION_HOURS``) they remind the sending organisation, whose
    protection officers are emailed.

    Hotline tickets overdue at ``now`` (by default the current time) remind their assignee, or
    the desk's team while nobody is assigned; an answer, a closure or a changed urgency ends
    the reminder.

    Idempotent: a second run on the same day creates and closes nothing. Not one transaction:
    each batch is written on its own, so the job never holds the database for long, and a run
    stopped half-way is completed by the next one.
    """
    document_days = settings.REMINDER_DOCUMENT_DAYS if document_days is None else document_days
    deadline_days = settings.REMINDER_DEADLINE_DAYS if deadline_days is None else deadline_days
    agreement_days = settings.REMINDER_AGREEMENT_DAYS if agreement_days is None else agreement_days
    if escalation_hours is None:
        escalation_hours = settings.REFERRAL_ESCALATION_HOURS
    certificates = certificates_due(today, document_days)
    deadlines = deadlines_due(today, deadline_days)
    agreements = agreements_due(today, agreement_days)
    # A referral's deadline is a moment, not a day: asked at the time the job runs.
    now = timezone.now() if now is None else now
    unanswered = referrals_unanswered(now)
    escalated = referrals_unanswered(now, escalation_hours)
    tickets = tickets_due(now)
    due = (
        _matching(certificates, deadlines)
        | _agreements_matching(agreements)
        | _referrals_matching(unanswered, escalated)
        | _tickets_matching(tickets)
    )
    closed = _close_stale(due)
    reopened = _reopen(due)
    created = (
        _create(_certificate_reminders(certificates))
        + _create(_deadline_reminders(deadlines))
        + _create(_agreement_reminders(agreements))
        + _referral_reminders(unanswered, ReminderKind.REFERRAL_UNANSWERED, 0)
        + _referral_reminders(escalated, ReminderKind.REFERRAL_ESCALATED, escalation_hours)
        + _create(_ticket_reminders(tickets))
    )
    return RefreshResult(created=created, closed=closed, reopened=reopened)


def _matching(certificates: QuerySet[Document], deadlines: QuerySet[Case]) -> Q:
    """Reminders of what is due today: same document and expiry, same case, deadline and date.
    The ``__in`` terms let the database start from the (small) set of what is due."""
    document = certificates.filter(pk=OuterRef("document_id"), expires_on=OuterRef("due_on"))
    case = deadlines.filter(
        pk=OuterRef("case_id"), due_deadline=OuterRef("deadline"), due_on=OuterRef("due_on")
    )
    return Q(
        Exists(document),
        kind=ReminderKind.DOCUMENT_EXPIRY,
        document_id__in=certificates.values("pk"),
    ) | Q(Exists(case), kind=ReminderKind.DEADLINE, case_id__in=deadlines.values("pk"))


def _agreements_matching(agreements: QuerySet[Agreement]) -> Q:
    """Reminders of the agreements due today, at their current expiry date."""
    agreement = agreements.filter(pk=OuterRef("agreement_id"), expires_on=OuterRef("due_on"))
    return Q(
        Exists(agreement),
        kind=ReminderKind.AGREEMENT_EXPIRY,
        agreement_id__in=agreements.values("pk"),
    )


def _agreement_reminders(agreements: QuerySet[Agreement]) -> Iterable[Reminder]:
    """One reminder per agreement and expiry date, for the sharing organisation (which holds
    the records and must renew or stop sharing)."""
    known = Reminder.objects.filter(agreement_id=OuterRef("pk"), due_on=OuterRef("expires_on"))
    rows = agreements.filter(~Exists(known)).values_list(
        "pk", "expires_on", "provider_id", "provider__country_id"
    )
    for agreement_id, expires_on, organisation_id, country_id in _keyset(rows):
        yield Reminder(
            kind=ReminderKind.AGREEMENT_EXPIRY,
            agreement_id=agreement_id,
            due_on=expires_on,
            organisation_id=organisation_id,
            country_id=country_id,
        )


def _referrals_matching(unanswered: QuerySet[Referral], escalated: QuerySet[Referral]) -> Q:
    """Reminders of the referrals still unanswered past their deadline (and, for the
    escalation, past the further period): an answer closes both."""
    return Q(kind=ReminderKind.REFERRAL_UNANSWERED, referral_id__in=unanswered.values("pk")) | Q(
        kind=ReminderKind.REFERRAL_ESCALATED, referral_id__in=escalated.values("pk")
    )


def _referral_reminders(referrals: QuerySet[Referral], kind: str, hours_late: int) -> int:
    """One reminder per referral and kind, for ever: the unanswered one for the receiving
    partner, the escalated one for the sending organisation. Each new one emails its side a
    link (no person data, ADR 0044) once its row is committed; a row another run wrote first is
    skipped and emails nobody, so a second run makes no second reminder nor a second email.
    Unanswered referrals are few (a partner's backlog, not the registry): inserted one by one."""
    known = Reminder.objects.filter(referral_id=OuterRef("pk"), kind=kind)
    organisation = "recipient_id" if kind == ReminderKind.REFERRAL_UNANSWERED else "sender_id"
    rows = (
        referrals.filter(~Exists(known))
        .annotate(country_id=Coalesce("person__country_office_id", "household__country_office_id"))
        .values_list("pk", "answer_due", organisation, "country_id")
    )
    created = 0
    for referral_id, answer_due, organisation_id, country_id in _keyset(rows):
        reminder = Reminder(
            kind=kind,
            referral_id=referral_id,
            due_on=timezone.localdate(answer_due + dt.timedelta(hours=hours_late)),
            organisation_id=organisation_id,
            country_id=country_id,
        )
        try:
            with transaction.atomic():
                reminder.save()
        except IntegrityError:
            continue  # a concurrent run wrote it (and emailed)
        created += 1
        referral_overdue_notify(
            Referral.objects.select_related("sent_by").get(pk=referral_id),
            escalated=kind == ReminderKind.REFERRAL_ESCALATED,
        )
    return created


def _tickets_matching(tickets: QuerySet[Ticket]) -> Q:
    """Reminders of the tickets overdue now, at the day their answer was due."""
    ticket = tickets.annotate(due_day=ticket_due_day()).filter(
        pk=OuterRef("ticket_id"), due_day=OuterRef("due_on")
    )
    return Q(Exists(ticket), kind=ReminderKind.TICKET_OVERDUE, ticket_id__in=tickets.values("pk"))


def _ticket_reminders(tickets: QuerySet[Ticket]) -> Iterable[Reminder]:
    """One reminder per overdue ticket and due day, for the ticket's desk organisation; who is
    reminded (assignee or team) is read from the ticket itself (``reminders.access``), so that
    a reassignment moves the reminder."""
    known = Reminder.objects.filter(ticket_id=OuterRef("pk"), due_on=OuterRef("due_day"))
    rows = (
        tickets.annotate(due_day=ticket_due_day())
        .filter(~Exists(known))
        .values_list("pk", "due_day", "organisation_id", "organisation__country_id")
    )
    for ticket_id, due_day, organisation_id, country_id in _keyset(rows):
        yield Reminder(
            kind=ReminderKind.TICKET_OVERDUE,
            ticket_id=ticket_id,
            due_on=due_day,
            organisation_id=organisation_id,
            country_id=country_id,
        )


def _close_stale(due: Q) -> int:
    return Reminder.objects.filter(OPEN).exclude(due).update(closed_at=timezone.now())


def _reopen(due: Q) -> int:
    """A reminder the job closed that applies again (a pause lifted the day it began, a status
    restored, a newer certificate deleted) opens again; one marked done stays done."""
    closed = Reminder.objects.filter(closed_at__isnull=False, done_at__isnull=True)
    return closed.filter(due).update(closed_at=None)


def _certificate_reminders(certificates: QuerySet[Document]) -> Iterable[Reminder]:
    known = Reminder.objects.filter(document_id=OuterRef("pk"), due_on=OuterRef("expires_on"))
    rows = certificates.filter(~Exists(known)).values_list(
        "pk", "expires_on", "person_id", "person__registered_by_id", "person__country_office_id"
    )
    for document_id, expires_on, person_id, organisation_id, country_id in _keyset(rows):
        yield Reminder(
            kind=ReminderKind.DOCUMENT_EXPIRY,
            document_id=document_id,
            due_on=expires_on,
            person_id=person_id,
            organisation_id=organisation_id,
            country_id=country_id,
        )


def _deadline_reminders(deadlines: QuerySet[Case]) -> Iterable[Reminder]:
    known = Reminder.objects.filter(
        case_id=OuterRef("pk"), deadline=OuterRef("due_deadline"), due_on=OuterRef("due_on")
    )
    rows = (
        deadlines.filter(~Exists(known))
        .annotate(subject_id=Coalesce("person_id", principal_of_household()))
        .values_list("pk", "due_deadline", "due_on", "subject_id", "organisation_id", "country_id")
    )
    for case_id, deadline, due_on, person_id, organisation_id, country_id in _keyset(rows):
        yield Reminder(
            kind=ReminderKind.DEADLINE,
            case_id=case_id,
            deadline=deadline,
            due_on=due_on,
            person_id=person_id,
            organisation_id=organisation_id,
            country_id=country_id,
        )


def _keyset(rows: QuerySet[Any, tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """The rows in batches by primary key (first column): bounded memory, and no cursor left
    open on tables that the caller writes to meanwhile."""
    last = 0
    while True:
        batch = list(rows.filter(pk__gt=last).order_by("pk")[:BATCH])
        yield from batch
        if len(batch) < BATCH:
            return
        last = batch[-1][0]


def _create(reminders: Iterable[Reminder]) -> int:
    """Insert in batches; a reminder another run inserted meanwhile is skipped, not an error."""
    created = 0
    for batch in batched(reminders, BATCH):
        Reminder.objects.bulk_create(batch, ignore_conflicts=True)
        created += len(batch)
    return created


def reminder_done(*, actor: User, reminder: Reminder) -> Reminder:
    """Mark the reminder done by ``actor``: a user who may act on it (``may_mark_reminder``,
    checked here whatever the caller checked). Marking it again keeps the first mark."""
    if not may_mark_reminder(actor, reminder):
        raise NotAllowed(errors.NOT_YOURS_TO_MARK, code="not_yours_to_mark")
    person = reminder.person_id
    if (
        person is not None
        and not visible_persons(actor, Perm.PERSON_CHANGE).filter(pk=person).exists()
    ):
        # Only those who may change the person act on its reminders (never a share).
        raise NotAllowed(errors.NOT_YOURS_TO_MARK, code="not_yours_to_mark")
    Reminder.objects.filter(pk=reminder.pk, done_at__isnull=True).update(
        done_at=timezone.now(), done_by=actor
    )
    reminder.refresh_from_db()
    return reminder
