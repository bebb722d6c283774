"""Pledge indicators measured from Qorgau's own records, as of any date (ADR 0050).

- Border referral: border referrals per month (the ``refer`` step of ``border_referral`` cases,
  by its legal date) and the median days from the referral to the registration of the asylum
  application (the same case's ``register`` step), over the cases registered by the date.
- Naturalisation: acquisitions of citizenship per year (periods of the NAT and NCF statuses
  that start in the year, as the fact sheet counts them: ``statistics.selectors.acquisitions``).
- Access to services: referrals of the country's records by service and by where each stood
  on the date (sent, accepted, declined, completed, …: ``service_referrals``).

Counts are the whole country's, as the statistics app's are; they leave the system only through
``published``, which applies disclosure control (``statistics.disclosure``): small counts and
what would reveal them become ``*``, and a median of fewer cases than the threshold too.
"""

from __future__ import annotations

import datetime as dt
import statistics as stats
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from qorgau.pledges.models import Area
from qorgau.procedures.models import CaseStep, StepKind
from qorgau.referrals.models import Referral, ReferralEvent
from qorgau.statistics.disclosure import SUPPRESSED, Policy, Published, protect, published
from qorgau.statistics.selectors import acquisitions
from qorgau.statistics.tables import ALL, TOTAL, one_way

BORDER_PROCEDURE = "border_referral"


@dataclass(frozen=True)
class Indicator:
    """One indicator of a pledge as of a date: its series (period label → count) with the
    total, and for the border pledge the median days to registration; ``None`` where the
    pledge's area has no indicator."""

    code: str
    as_of: dt.date
    series: dict[str, Published]
    total: Published
    median_days: Published | None = None
    median_of: Published = 0


def _month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def _months(since: dt.date, until: dt.date) -> list[str]:
    months, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def border_referrals(
    *, country: str, since: dt.date, as_of: dt.date
) -> tuple[dict[str, int], list[int]]:
    """(referrals per month from ``since`` to ``as_of``, days from referral to registration of
    every case registered by ``as_of``). Dates are the steps' legal dates (``occurred_on``),
    so a step recorded late counts in the month it happened."""
    steps = (
        CaseStep.objects.filter(
            case__country__iso3=country,
            case__procedure=BORDER_PROCEDURE,
            kind=StepKind.TRANSITION,
            transition__in=("refer", "register"),
            occurred_on__lte=as_of,
        )
        .values_list("case_id", "transition", "occurred_on")
        .order_by()
    )
    referred: dict[int, dt.date] = {}
    registered: dict[int, dt.date] = {}
    for case_id, transition, day in steps:
        (referred if transition == "refer" else registered)[case_id] = day
    per_month = dict.fromkeys(_months(since, as_of), 0)
    for day in referred.values():
        if day >= since:
            per_month[_month(day)] += 1
    days = sorted(
        (registered[case] - day).days for case, day in referred.items() if case in registered
    )
    return per_month, days


def naturalisations(*, country: str, since: dt.date, as_of: dt.date) -> dict[str, int]:
    """Acquisitions of citizenship per year from ``since`` to ``as_of``."""
    years = {str(year): 0 for year in range(since.year, as_of.year + 1)}
    for (year, _status), count in acquisitions(country=country, since=since, until=as_of).items():
        years[str(year)] += count
    return years


def service_referrals(*, country: str, since: dt.date, as_of: dt.date) -> dict[str, int]:
    """Referrals of the country's records sent from ``since`` to ``as_of``, by service and by
    where each stood on ``as_of`` (``service/state`` → count; a referral for two services counts
    under each). The state is the last step taken by the end of ``as_of`` (its history), so a
    later step does not change an earlier date's figures."""
    # Days begin at midnight in Qorgau's time zone (as referrals/figures.month_bounds's months).
    end = timezone.make_aware(dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min))
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    sent = Referral.objects.filter(sent_at__gte=start, sent_at__lt=end).filter(
        Q(person__country_office__iso3=country) | Q(household__country_office__iso3=country)
    )
    state_then = (
        ReferralEvent.objects.filter(referral=OuterRef("pk"), at__lt=end)
        .order_by("-at", "-pk")
        .values("to_state")[:1]
    )
    counts: dict[str, int] = {}
    rows = sent.annotate(then=Subquery(state_then)).values_list("then", "services__code")
    for state, service in rows:
        if service is None or state is None:
            continue
        key = f"{service}/{state}"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def _published(
    counts: dict[str, int], name: str, policy: Policy
) -> tuple[dict[str, Published], Published]:
    grid = one_way(counts, name)
    shown = published(grid, protect(grid, policy), policy)
    return {key: shown[(ALL, key)] for key in counts}, shown[(ALL, TOTAL)]


def _median(days: list[int], policy: Policy) -> Published:
    if not days:
        return 0
    if 0 < len(days) < policy.threshold:
        return SUPPRESSED
    return round(stats.median(days))


def baseline_start(made_on: dt.date) -> dt.date:
    """Where a pledge's series begins: 1 January of the year before it was made (a baseline)."""
    return dt.date(made_on.year - 1, 1, 1)


def pledge_indicator(
    *, area: str, country: str, made_on: dt.date, as_of: dt.date, policy: Policy
) -> Indicator | None:
    """The published indicator of a pledge of ``area``, as of ``as_of``."""
    since = baseline_start(made_on)
    if as_of < since:
        as_of = since
    if area == Area.BORDER_REFERRAL:
        per_month, days = border_referrals(country=country, since=since, as_of=as_of)
        series, total = _published(per_month, "border_referrals", policy)
        cases = len(days)
        median_of: Published = SUPPRESSED if 0 < cases < policy.threshold else cases
        return Indicator("border_referral", as_of, series, total, _median(days, policy), median_of)
    if area == Area.NATURALISATION:
        series, total = _published(
            naturalisations(country=country, since=since, as_of=as_of), "acquired", policy
        )
        return Indicator("naturalisation", as_of, series, total)
    if area == Area.ACCESS_TO_SERVICES:
        series, total = _published(
            service_referrals(country=country, since=since, as_of=as_of), "referrals", policy
        )
        return Indicator("service_referrals", as_of, series, total)
    return None
