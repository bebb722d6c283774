"""Reads of the funding app: the funded share of an operation's year as of any date, by area,
with the series and breakdowns its charts and CSV files show (docs/adr/0049-money.md).

The share counts contributions to the operation (the representation counts its country
offices' too) for the year, received on or before the date, each converted to US dollars at
the rate that counts on the day it was received; a contribution whose rate is missing stops
the figure with an error naming it, never a guess."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from qorgau.errors import Invalid
from qorgau.funding import access, errors, money
from qorgau.funding.models import (
    FLEXIBLE,
    Area,
    Contribution,
    Donor,
    DonorKind,
    Earmarking,
    ExchangeRate,
    Operation,
    Requirement,
)
from qorgau.organisations.models import User


@dataclass(frozen=True)
class Converted:
    contribution: Contribution
    usd: Decimal


@dataclass(frozen=True)
class AreaShare:
    area: Area | None  # None: contributions not earmarked for an area
    required_usd: Decimal
    funded_usd: Decimal

    @property
    def percent(self) -> Decimal | None:
        return money.percent(self.funded_usd, self.required_usd)


@dataclass(frozen=True)
class FundedShare:
    operation: Operation
    year: int
    as_of: dt.date
    required_usd: Decimal
    funded_usd: Decimal
    contributions: list[Converted] = field(default_factory=list)
    areas: list[AreaShare] = field(default_factory=list)

    @property
    def percent(self) -> Decimal | None:
        """Per cent funded to a tenth (pages, CSV)."""
        return money.percent(self.funded_usd, self.required_usd)

    @property
    def percent_whole(self) -> Decimal | None:
        """Per cent funded to a whole number (the fact sheet)."""
        return money.percent(self.funded_usd, self.required_usd, money.ONE)

    @property
    def gap_usd(self) -> Decimal:
        return max(self.required_usd - self.funded_usd, Decimal(0))

    def by_key(self, key: str) -> list[tuple[str, Decimal]]:
        """USD by ``donor`` or ``earmarking``, largest first."""
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for row in self.contributions:
            c = row.contribution
            sums[c.donor.name if key == "donor" else c.get_earmarking_display()] += row.usd
        return sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))

    def cumulative(self) -> list[tuple[dt.date, Decimal]]:
        """Funded USD after each day a contribution was received."""
        total, days = Decimal(0), {}
        for row in sorted(self.contributions, key=lambda r: r.contribution.received_on):
            total += row.usd
            days[row.contribution.received_on] = total
        return list(days.items())


def operation_scope(operation: Operation) -> Q:
    """The operation and, for the representation, its country offices."""
    return Q(operation=operation) | Q(operation__parent=operation)


def converted(contributions: list[Contribution]) -> list[Converted]:
    """Each contribution in US dollars at the rate that counts on its day received; ``Invalid``
    naming the first contribution without one."""
    currencies = {c.currency for c in contributions} - {money.USD}
    rates: dict[str, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for currency, valid_from, units in ExchangeRate.objects.filter(
        currency__in=currencies
    ).values_list("currency", "valid_from", "units_per_usd"):
        rates[currency].append((valid_from, units))
    out = []
    for c in contributions:
        if c.currency == money.USD:
            out.append(Converted(c, c.amount))
            continue
        rate = money.rate_on(rates[c.currency], c.received_on)
        if rate is None:
            raise Invalid(
                errors.MISSING_RATE, code="missing_rate", field="currency",
                params={"currency": c.currency, "date": c.received_on.isoformat(),
                        "donor": c.donor.name, "amount": c.amount},
            )  # fmt: skip
        out.append(Converted(c, money.to_usd(c.amount, rate)))
    return out


def funded_share(*, operation: Operation, year: int, as_of: dt.date) -> FundedShare:
    """How much of ``operation``'s ``year`` is funded as of ``as_of``, in total and by area."""
    scope = operation_scope(operation)
    required: dict[int | None, Decimal] = defaultdict(Decimal)
    areas: dict[int | None, Area | None] = {None: None}
    for row in Requirement.objects.filter(scope, year=year).select_related("area"):
        required[row.area_id] += row.amount_usd
        areas[row.area_id] = row.area
    rows: list[Converted] = converted(
        list(
            Contribution.objects.filter(scope, year=year, received_on__lte=as_of)
            .select_related("donor", "area")
            .order_by("received_on", "id")
        )
    )
    funded: dict[int | None, Decimal] = defaultdict(Decimal)
    for line in rows:
        funded[line.contribution.area_id] += line.usd
        areas.setdefault(line.contribution.area_id, line.contribution.area)
    ordered = sorted(
        (k for k in areas if k is not None),
        key=lambda k: (areas[k].position, k),  # type: ignore[union-attr]
    )
    by_area = [AreaShare(areas[k], required[k], funded[k]) for k in ordered]
    if funded[None] or required[None]:
        by_area.append(AreaShare(None, required[None], funded[None]))
    return FundedShare(
        operation=operation,
        year=year,
        as_of=as_of,
        required_usd=sum(required.values(), Decimal(0)),
        funded_usd=sum(funded.values(), Decimal(0)),
        contributions=rows,
        areas=by_area,
    )


def funding_operations() -> list[Operation]:
    return list(Operation.objects.select_related("country", "parent"))


def operation_for_country(country_iso3: str) -> Operation | None:
    """The operation whose funding a country's fact sheet shows: the representation its
    country office belongs to (or the office itself when it stands alone)."""
    office = Operation.objects.select_related("parent").filter(country__iso3=country_iso3).first()
    if office is None:
        return None
    return office.parent or office


def funding_years(operation: Operation) -> list[int]:
    years = set(
        Requirement.objects.filter(operation_scope(operation)).values_list("year", flat=True)
    )
    return sorted(years)


@dataclass(frozen=True)
class FundingBlock:
    """The fact sheet's funding block and donors list, in one language (names resolved)."""

    operation: str
    countries: list[str]
    year: int
    as_of: dt.date
    required_usd: Decimal
    funded_usd: Decimal
    percent: Decimal
    donors: list[str]
    private_donors: list[str]


def _fact_sheet_order(donor: Donor) -> str:
    """The fact sheet's order in every language: the English name, letters only."""
    return "".join(ch for ch in donor.name_en.casefold() if ch.isalnum())


def factsheet_funding(*, country: str, as_of: dt.date, language: str) -> FundingBlock | None:
    """The funding of the operation a country's office belongs to, for the year of ``as_of``,
    as of that date; None when that year has no requirement. Donors thanked: governments and
    institutions with a contribution received by then that is unearmarked or softly earmarked,
    or made directly to the country's office; private donors: every private donor who gave
    by then."""
    office = Operation.objects.select_related("parent").filter(country__iso3=country).first()
    operation = operation_for_country(country)
    if office is None or operation is None:
        return None
    share = funded_share(operation=operation, year=as_of.year, as_of=as_of)
    if share.required_usd <= 0 or share.percent_whole is None:
        return None
    thanked: dict[int, Donor] = {}
    private: dict[int, Donor] = {}
    for line in share.contributions:
        c = line.contribution
        if c.donor.kind == DonorKind.PRIVATE:
            private[c.donor_id] = c.donor
        elif c.earmarking in FLEXIBLE or c.operation_id == office.pk:
            thanked[c.donor_id] = c.donor

    def names(donors: dict[int, Donor]) -> list[str]:
        ordered = sorted(donors.values(), key=_fact_sheet_order)
        return [getattr(d, f"name_{language}") or d.name_en for d in ordered]

    offices = list(operation.offices.select_related("country").order_by("position")) or [office]
    return FundingBlock(
        operation=getattr(operation, f"name_{language}") or operation.name_en,
        countries=[
            getattr(o.country, f"name_{language}") or o.country.name_en
            for o in offices
            if o.country is not None
        ],
        year=as_of.year,
        as_of=as_of,
        required_usd=share.required_usd,
        funded_usd=share.funded_usd,
        percent=share.percent_whole,
        donors=names(thanked),
        private_donors=names(private),
    )


@dataclass(frozen=True)
class ContributionChange:
    """One version of a contribution: when, by whom, why, and the values it held."""

    at: dt.datetime
    user: str
    created: bool
    reason: str  # the corrector's words; empty for the first recording
    amount: Decimal
    currency: str
    received_on: dt.date
    earmarking: str


def contribution_history(contribution: Contribution) -> list[ContributionChange]:
    """The contribution's versions, newest first, read as values."""
    labels = dict(Earmarking.choices)
    rows = contribution.history.order_by("-history_date", "-history_id").values_list(
        "history_date", "history_user__username", "history_type", "history_change_reason",
        "amount", "currency", "received_on", "earmarking",
    )  # fmt: skip
    return [
        ContributionChange(
            at,
            user or "",
            kind == "+",
            "" if kind == "+" else reason or "",
            amount,
            currency,
            day,
            str(labels[mark]),
        )
        for at, user, kind, reason, amount, currency, day, mark in rows
    ]


def requirement_current(*, operation: Operation, year: int, area: Area) -> Requirement | None:
    return Requirement.objects.filter(operation=operation, year=year, area=area).first()


def donor_list(user: User | AnonymousUser) -> QuerySet[Donor]:
    """The donors, with how many contributions name each (a donor who gave is kept)."""
    return (
        access.visible_donors(user)
        .annotate(contribution_count=Count("contributions"))
        .order_by("name_en", "kind")
    )


def rate_list(user: User | AnonymousUser) -> QuerySet[ExchangeRate]:
    return access.visible_rates(user).order_by("currency", "-valid_from")


@dataclass(frozen=True)
class RateEffect:
    """The contributions a rate converts (those received in its month on or after its day,
    before the next rate of that month), each in US dollars at the rate, and their total."""

    rate: ExchangeRate
    contributions: list[Converted]

    @property
    def total_usd(self) -> Decimal:
        return sum((line.usd for line in self.contributions), Decimal(0))


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def rate_effect(rate: ExchangeRate) -> RateEffect:
    """What ``rate`` converts now: a correction changes exactly these lines and this total."""
    end = _month_end(rate.valid_from)
    later = (
        ExchangeRate.objects.filter(
            currency=rate.currency, valid_from__gt=rate.valid_from, valid_from__lte=end
        )
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )
    until = later - dt.timedelta(days=1) if later is not None else end
    rows = (
        Contribution.objects.filter(
            currency=rate.currency, received_on__gte=rate.valid_from, received_on__lte=until
        )
        .select_related("donor", "operation")
        .order_by("received_on", "id")
    )
    return RateEffect(
        rate, [Converted(c, money.to_usd(c.amount, rate.units_per_usd)) for c in rows]
    )


@dataclass(frozen=True)
class RateChange:
    """One version of an exchange rate: when, by whom, why, and the value it held."""

    at: dt.datetime
    user: str
    created: bool
    reason: str
    units: Decimal  # as shown (``money.rate_shown``)


def rate_history(rate: ExchangeRate) -> list[RateChange]:
    """The rate's versions, newest first."""
    rows = rate.history.order_by("-history_date", "-history_id").values_list(
        "history_date", "history_user__username", "history_type", "history_change_reason",
        "units_per_usd",
    )  # fmt: skip
    return [
        RateChange(
            at,
            user or "",
            kind == "+",
            "" if kind == "+" else reason or "",
            money.rate_shown(units),
        )
        for at, user, kind, reason, units in rows
    ]
