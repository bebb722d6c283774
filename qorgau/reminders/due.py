"""What needs a reminder on a given day: certificates about to expire, case deadlines,
agreements about to expire and referrals left unanswered past their deadline.

Whole-registry reads for the daily job, as single queries (no loop over people). A certificate
counts when it is

- one of the status certificates (asylum-seeker, refugee, stateless person),
- the person's latest of its type: no other document of the same type expires later, and none
  without an expiry date was issued after it (a renewal ends the reminder),
- needed by the person's legal status in force that day: an asylum-seeker certificate while
  ASY, a refugee certificate while REF, a stateless person certificate while STA. A person who
  was recognised, naturalised, departed or died needs no renewal of the old certificate,
- expiring within the lead time, or already expired (an expired certificate of a person who
  still needs it is the most urgent reminder of all).

A hotline ticket counts while it is overdue (``hotline.selectors.overdue_condition``: not closed,
not answered, past its response-time target); its reminder is due on the day the first answer
was due, in Qorgau's time zone.

A case counts while it is open and not paused and its earliest running deadline (``due_on``,
kept current by the case engine) falls within the lead time or has passed.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate

from qorgau.hotline.models import Ticket, Urgency
from qorgau.hotline.selectors import answer_target, overdue_condition
from qorgau.partners.models import Agreement
from qorgau.people.models import Document, DocumentType, LegalStatus, LegalStatusPeriod, Person
from qorgau.procedures.models import Case as ProcedureCase
from qorgau.referrals.machine import AWAITING_ANSWER
from qorgau.referrals.models import Referral

# The legal status that still needs each certificate.
CERTIFICATE_STATUS: dict[str, str] = {
    DocumentType.ASYLUM_SEEKER_CERTIFICATE: LegalStatus.ASYLUM_SEEKER,
    DocumentType.REFUGEE_CERTIFICATE: LegalStatus.REFUGEE,
    DocumentType.STATELESS_CERTIFICATE: LegalStatus.STATELESS,
}


def certificates_due(today: dt.date, days: int) -> QuerySet[Document]:
    """Certificates whose renewal is due by ``today + days`` (expired ones included)."""
    status_in_force = (
        LegalStatusPeriod.objects.filter(person_id=OuterRef("person_id"), effective_from__lte=today)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=today))
        .order_by()
        .values("status")[:1]
    )
    status_needed = Case(
        *(When(type=type_, then=Value(status)) for type_, status in CERTIFICATE_STATUS.items())
    )
    newer = Document.objects.filter(person_id=OuterRef("person_id"), type=OuterRef("type")).filter(
        Q(expires_on__gt=OuterRef("expires_on"))
        | Q(expires_on__isnull=True, issued_on__gt=OuterRef("issued_on"))
    )
    # The status is looked up by person (a handful of rows each), never by status: an index on
    # status would make the database scan every stateless person for each certificate.
    return (
        Document.objects.filter(
            type__in=list(CERTIFICATE_STATUS), expires_on__lte=today + dt.timedelta(days=days)
        )
        .annotate(status_now=Subquery(status_in_force), status_needed=status_needed)
        .filter(status_now=F("status_needed"))
        .filter(~Exists(newer))
    )


def deadlines_due(today: dt.date, days: int) -> QuerySet[ProcedureCase]:
    """Open, running cases whose next deadline falls by ``today + days`` (passed ones included)."""
    return ProcedureCase.objects.filter(
        closed_on__isnull=True,
        paused_since__isnull=True,
        due_on__lte=today + dt.timedelta(days=days),
    ).exclude(due_deadline="")


def principal_of_household() -> Subquery:
    """The principal applicant of the case's household (for a household case's reminder)."""
    return Subquery(
        Person.objects.filter(
            household_id=OuterRef("household_id"), relationship="principal"
        ).values("pk")[:1]
    )


def agreements_due(today: dt.date, days: int) -> QuerySet[Agreement]:
    """Data-sharing agreements expiring by ``today + days`` (expired ones included) that no
    later agreement between the same two parties replaces (a renewal ends the reminder)."""
    renewed = Agreement.objects.filter(
        provider_id=OuterRef("provider_id"),
        recipient_id=OuterRef("recipient_id"),
        expires_on__gt=OuterRef("expires_on"),
    )
    return Agreement.objects.filter(
        expires_on__lte=today + dt.timedelta(days=days), ended_at__isnull=True
    ).filter(~Exists(renewed))


def referrals_unanswered(now: dt.datetime, hours_late: int = 0) -> QuerySet[Referral]:
    """Referrals still awaiting the partner's answer (sent or acknowledged) whose answer
    deadline passed more than ``hours_late`` hours before ``now``. An answer, a withdrawal or
    a close takes a referral out (and the job closes its reminders)."""
    return Referral.objects.filter(
        state__in=AWAITING_ANSWER, answer_due__lt=now - dt.timedelta(hours=hours_late)
    )


def ticket_due_day() -> TruncDate:
    """The day a ticket's first answer was due (the target per urgency counted from receipt,
    as ``hotline.selectors.answer_due``), in Qorgau's time zone: annotate it where it is used."""
    due_at = Case(
        *(
            When(urgency=urgency, then=F("received_at") + Value(answer_target(urgency)))
            for urgency in Urgency.values
        ),
        output_field=DateTimeField(),
    )
    return TruncDate(due_at)


def tickets_due(now: dt.datetime) -> QuerySet[Ticket]:
    """Hotline tickets overdue at ``now`` (``hotline.selectors.overdue_condition``)."""
    return Ticket.objects.filter(overdue_condition(now))
