"""Reads of the hotline desk: the queue with its filters and overdue flags, a ticket's page,
the answer templates, and the monthly figures. Every read starts from ``hotline.access``."""

from __future__ import annotations

import datetime as dt
import statistics as stats
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from qorgau.hotline.access import visible_answer_templates, visible_tickets
from qorgau.hotline.models import (
    AnswerTemplate,
    Channel,
    Language,
    State,
    Ticket,
    TicketEvent,
    Topic,
    Urgency,
)
from qorgau.organisations.models import Organisation, User
from qorgau.people.access import visible_persons
from qorgau.people.models import Person
from qorgau.statistics.disclosure import Grid, Policy, protect, published


def answer_target(urgency: str) -> dt.timedelta:
    """How long a ticket of ``urgency`` may wait for its first answer (the settings)."""
    return dt.timedelta(hours=settings.HOTLINE_TARGET_HOURS[urgency])


def answer_due(received_at: dt.datetime, urgency: str) -> dt.datetime:
    """When the first answer is due: the target counted from receipt, round the clock (the
    hotline answers by phone and email; a working-hours calendar is not modelled)."""
    return received_at + answer_target(urgency)


def is_overdue(ticket: Ticket, now: dt.datetime | None = None) -> bool:
    """Not closed, not yet answered, and past its target."""
    now = now or timezone.now()
    return (
        ticket.state != State.CLOSED
        and ticket.first_answered_at is None
        and answer_due(ticket.received_at, ticket.urgency) < now
    )


def overdue_condition(now: dt.datetime) -> Q:
    """``is_overdue`` as a database condition, one branch per urgency."""
    late = Q()
    for urgency in Urgency.values:
        late |= Q(urgency=urgency, received_at__lt=now - answer_target(urgency))
    return late & ~Q(state=State.CLOSED) & Q(first_answered_at__isnull=True)


@dataclass(frozen=True)
class QueueFilters:
    state: str = ""
    urgency: str = ""
    topic: str = ""
    overdue: bool = False
    assignee: str = ""  # "me", "nobody" or ""


def ticket_queue(user: User | AnonymousUser, filters: QueueFilters) -> QuerySet[Ticket]:
    """The user's desks' tickets, open ones first by default (closed only when asked for)."""
    rows = visible_tickets(user).select_related("assignee")
    # Closed tickets only when asked for.
    rows = rows.filter(state=filters.state) if filters.state else rows.exclude(state=State.CLOSED)
    if filters.urgency:
        rows = rows.filter(urgency=filters.urgency)
    if filters.topic:
        rows = rows.filter(topic=filters.topic)
    if filters.overdue:
        rows = rows.filter(overdue_condition(timezone.now()))
    if filters.assignee == "me" and isinstance(user, User):
        rows = rows.filter(assignee=user)
    elif filters.assignee == "nobody":
        rows = rows.filter(assignee__isnull=True)
    return rows.order_by("received_at", "id")


@dataclass
class TicketPage:
    ticket: Ticket
    events: list[TicketEvent]
    overdue: bool
    due_at: dt.datetime
    person: Person | None
    templates: list[AnswerTemplate]
    desk_members: list[User]


def ticket_page(user: User, ticket: Ticket) -> TicketPage:
    """What the ticket's page shows. A linked person is shown only to a user who may see
    them (a colleague of another desk organisation never learns of the record)."""
    person = None
    if ticket.person_id is not None:
        person = visible_persons(user).filter(pk=ticket.person_id).first()
    from qorgau.organisations.permissions import Perm, role_grants

    members = (
        User.objects.filter(memberships__organisation_id=ticket.organisation_id, is_active=True)
        .prefetch_related("memberships")
        .distinct()
        .order_by("username")
    )
    desk = [
        m
        for m in members
        if any(
            role_grants(ms.role, Perm.HOTLINE_ANSWER)
            for ms in m.memberships.all()
            if ms.organisation_id == ticket.organisation_id
        )
    ]
    return TicketPage(
        ticket=ticket,
        events=list(ticket.events.select_related("actor")),
        overdue=is_overdue(ticket),
        due_at=answer_due(ticket.received_at, ticket.urgency),
        person=person,
        templates=list(
            visible_answer_templates(user).filter(
                organisation_id=ticket.organisation_id, topic=ticket.topic
            )
        ),
        desk_members=desk,
    )


def answer_templates(user: User | AnonymousUser) -> QuerySet[AnswerTemplate]:
    return visible_answer_templates(user).select_related("organisation")


@dataclass
class MonthlyFigures:
    month: dt.date
    volume: int | str
    channels: dict[str, int | str] = field(default_factory=dict)
    topics: dict[str, int | str] = field(default_factory=dict)
    languages: dict[str, int | str] = field(default_factory=dict)
    answered: int = 0
    median_hours: float | None = None
    within_target: float | None = None  # share of answered tickets, 0..1


def _breakdown(
    rows: list[Ticket], name: str, codes: list[str], policy: Policy | None
) -> tuple[dict[str, int | str], int | str]:
    counts = {code: sum(1 for t in rows if getattr(t, name) == code) for code in codes}
    if policy is None:
        return dict(counts), len(rows)
    entries = {("all", code): n for code, n in counts.items()} | {("all", "total"): len(rows)}
    grid = Grid(entries=entries, line_rows=frozenset({"all"}), line_columns=frozenset())
    shown = published(grid, protect(grid, policy), policy)
    return {code: shown[("all", code)] for code in codes}, shown[("all", "total")]


def monthly_figures(
    user: User | AnonymousUser,
    organisation: Organisation,
    month: dt.date,
    policy: Policy | None = None,
) -> MonthlyFigures:
    """The month's tickets of ``organisation``'s desk (received in the month): volume by
    channel, topic and language, the median time to the first answer and the share answered
    within the target. With ``policy`` (figures to be published), small counts are suppressed
    by the statistics' disclosure control, and the time figures are published only when at
    least ``policy.threshold`` tickets were answered."""
    start = timezone.make_aware(dt.datetime(month.year, month.month, 1))
    end = timezone.make_aware(dt.datetime(month.year + month.month // 12, month.month % 12 + 1, 1))
    rows = list(
        visible_tickets(user)
        .filter(organisation=organisation, received_at__gte=start, received_at__lt=end)
        .only("channel", "topic", "language", "urgency", "received_at", "first_answered_at")
    )
    channels, volume = _breakdown(rows, "channel", Channel.values, policy)
    topics, _ = _breakdown(rows, "topic", Topic.values, policy)
    languages, _ = _breakdown(rows, "language", Language.values, policy)
    answered = [t for t in rows if t.first_answered_at is not None]
    figures = MonthlyFigures(
        month=month.replace(day=1),
        volume=volume,
        channels=channels,
        topics=topics,
        languages=languages,
        answered=len(answered),
    )
    if answered and (policy is None or len(answered) >= max(policy.threshold, 1)):
        waits = [(t.first_answered_at - t.received_at) for t in answered]  # type: ignore[operator]
        figures.median_hours = round(stats.median(w.total_seconds() for w in waits) / 3600, 1)
        within = sum(
            1 for t, w in zip(answered, waits, strict=True) if w <= answer_target(t.urgency)
        )
        figures.within_target = within / len(answered)
    return figures
