"""The referrals' monthly figures per partner and service (issue 17): of the referrals sent in
the month, how many were answered within the deadline, accepted and completed, and the median
days to the answer and to the start of the service.

A referral counts in the month it was sent, once for each of its services. "Answered within
the deadline": accepted or declined no later than its answer deadline. "Accepted" and
"completed": it reached that step (whatever it is now). Days run from sending.

Exact for the organisations' own staff; ``policy`` (figures to be published or leaving the
system through the API) applies the statistics' disclosure control: counts from 1 to the
threshold - 1 are suppressed (``*``), and a median is given only when at least ``threshold``
referrals stand behind it."""

from __future__ import annotations

import datetime as dt
import statistics as stats
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.partners.models import Service
from qorgau.referrals.access import figures_referrals
from qorgau.referrals.machine import Step
from qorgau.referrals.models import Referral, ReferralEvent
from qorgau.statistics.disclosure import Grid, Policy, Published, protect, published

COUNTS = ("sent", "answered_in_time", "accepted", "completed")


@dataclass(frozen=True)
class FigureRow:
    partner: Organisation
    service: Service
    sent: Published
    answered_in_time: Published
    accepted: Published
    completed: Published
    median_days_to_answer: float | None
    median_days_to_service: float | None


def month_bounds(month: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The month's first moment and the next month's, in Qorgau's time zone."""
    start = timezone.make_aware(dt.datetime(month.year, month.month, 1))
    end = timezone.make_aware(dt.datetime(month.year + month.month // 12, month.month % 12 + 1, 1))
    return start, end


def _days(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).total_seconds() / 86400


def _median(values: list[float], policy: Policy | None) -> float | None:
    if not values or (policy is not None and len(values) < max(policy.threshold, 1)):
        return None
    return round(stats.median(values), 1)


def referral_figures(
    user: User | AnonymousUser, *, month: dt.date, policy: Policy | None = None
) -> list[FigureRow]:
    """The month's figures of the referrals the user reads figures of, one row per receiving
    partner and service, by partner name and the catalogue's order."""
    start, end = month_bounds(month)
    referrals = (
        figures_referrals(user)
        .filter(sent_at__gte=start, sent_at__lt=end)
        .annotate(
            was_accepted=Exists(
                ReferralEvent.objects.filter(referral=OuterRef("pk"), step=Step.ACCEPT)
            ),
            was_completed=Exists(
                ReferralEvent.objects.filter(referral=OuterRef("pk"), step=Step.COMPLETE)
            ),
        )
        .select_related("recipient")
        .prefetch_related("services")
    )
    groups: dict[tuple[Organisation, Service], list[Referral]] = defaultdict(list)
    for referral in referrals:
        for service in referral.services.all():
            groups[(referral.recipient, service)].append(referral)
    keys = sorted(groups, key=lambda k: (k[0].name, k[1].position, k[1].code))
    counts = {key: _counts(groups[key]) for key in keys}
    shown = _protected(counts, policy)
    rows = []
    for key in keys:
        group = groups[key]
        answers = [_days(r.sent_at, r.answered_at) for r in group if r.answered_at and r.sent_at]
        starts = [
            _days(r.sent_at, r.service_started_at)
            for r in group
            if r.service_started_at and r.sent_at
        ]
        rows.append(
            FigureRow(
                partner=key[0],
                service=key[1],
                **{name: shown[key][name] for name in COUNTS},
                median_days_to_answer=_median(answers, policy),
                median_days_to_service=_median(starts, policy),
            )
        )
    return rows


def _answered_in_time(referral: Referral) -> bool:
    answered, due = referral.answered_at, referral.answer_due
    return answered is not None and due is not None and answered <= due


def _counts(group: list[Referral]) -> dict[str, int]:
    return {
        "sent": len(group),
        "answered_in_time": sum(1 for r in group if _answered_in_time(r)),
        "accepted": sum(1 for r in group if getattr(r, "was_accepted", False)),
        "completed": sum(1 for r in group if getattr(r, "was_completed", False)),
    }


def _protected(
    counts: dict[tuple[Organisation, Service], dict[str, int]], policy: Policy | None
) -> dict[tuple[Organisation, Service], dict[str, Published]]:
    """The counts as shown: exact, or through the disclosure control. No row or column adds
    up (a referral counts under each of its services, and the columns are subsets of "sent"),
    so the table has no lines: only the small counts themselves are suppressed."""
    if policy is None:
        return {key: dict(values) for key, values in counts.items()}
    index = {key: str(i) for i, key in enumerate(counts)}
    entries = {
        (index[key], name): n for key, values in counts.items() for name, n in values.items()
    }
    grid = Grid(entries=entries, line_rows=frozenset(), line_columns=frozenset())
    shown = published(grid, protect(grid, policy), policy)
    return {key: {name: shown[(index[key], name)] for name in COUNTS} for key in counts}
