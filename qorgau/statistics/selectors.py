"""Aggregate reads for statistics: counts grouped in SQL, never a person.

Stocks come from the legal-status periods in force on the reference date, flows from the
periods that start in a span (``people.selectors``: merged records count once). Each function
is one query; dimensions are grouped by foreign-key ids and named afterwards from the small
reference tables, so the big tables are scanned once and joined only to ``people_person``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Min, Q

from qorgau.organisations.models import Organisation
from qorgau.people.models import LegalStatus, Person, Sex
from qorgau.people.selectors import status_periods_in_force, status_periods_started
from qorgau.reference.models import Country, Region
from qorgau.statistics.ages import age_band

REFUGEE_STATUSES = (LegalStatus.REFUGEE, LegalStatus.REFUGEE_LIKE, LegalStatus.ASYLUM_SEEKER)
STATELESS_STATUSES = (LegalStatus.STATELESS, LegalStatus.UNDETERMINED)
STOCK_STATUSES = REFUGEE_STATUSES + STATELESS_STATUSES
ACQUISITION_STATUSES = (LegalStatus.NATURALISED, LegalStatus.NATIONALITY_CONFIRMED)
UNKNOWN = "unknown"
OTHER_SEX = "other_or_unknown"


def _code(names: dict[int, str], key: int | None) -> str:
    return names.get(key, UNKNOWN) if key is not None else UNKNOWN


def stocks_by_origin(*, country: str, on: dt.date) -> dict[tuple[str, str], int]:
    """(status, origin ISO3 or ``unknown``) → people, on ``on``. Two queries: people by status,
    which needs no person row, and people of a known origin by status and origin, which joins
    only those people; the rest of each status is of unknown origin. Ordered by status, then
    unknown origin, then origin id.

    The people of a known origin are named twice: as a list, which SQLite checks in memory
    before it looks up a person (most people in stock, the stateless, have no known origin),
    and on the joined person, which PostgreSQL's planner needs to hash only those people."""
    periods = status_periods_in_force(country=country, on=on).filter(status__in=STOCK_STATUSES)
    by_status = periods.values_list("status").annotate(count=Count("*")).order_by("status")
    of_known_origin = Person.objects.filter(origin_country__isnull=False).values("pk")
    known = (
        periods.filter(person__origin_country__isnull=False, person_id__in=of_known_origin)
        .values_list("status", "person__origin_country_id")
        .annotate(count=Count("*"))
        .order_by()
    )
    origins: dict[str, list[tuple[int, int]]] = {}
    for status, origin, count in known:
        origins.setdefault(status, []).append((origin, count))
    iso3 = dict(Country.objects.values_list("id", "iso3"))
    counts: dict[tuple[str, str], int] = {}
    for status, total in by_status:
        of_known = sorted(origins.get(status, []))
        if unknown := total - sum(count for _, count in of_known):
            counts[(status, UNKNOWN)] = unknown
        for origin, count in of_known:
            key = (status, _code(iso3, origin))
            counts[key] = counts.get(key, 0) + count
    return counts


def stocks_by_person(*, country: str, on: dt.date) -> dict[tuple[str, str, str, str, str], int]:
    """(status, sex, age band, region code, registering organisation type) → people, on
    ``on``: every breakdown of a stock in one scan."""
    rows = (
        status_periods_in_force(country=country, on=on)
        .filter(status__in=STOCK_STATUSES)
        .values_list("status", "person__sex", "person__region_id", "person__registered_by_id")
        .annotate(band=age_band(on), count=Count("id"))
        .values_list(
            "status",
            "person__sex",
            "band",
            "person__region_id",
            "person__registered_by_id",
            "count",
        )
        .order_by()
    )
    regions = dict(Region.objects.values_list("id", "code"))
    types = dict(Organisation.objects.values_list("id", "type"))
    counts: dict[tuple[str, str, str, str, str], int] = {}
    for status, sex, band, region, organisation, count in rows:
        sex_code = sex if sex in (Sex.FEMALE, Sex.MALE) else OTHER_SEX
        key = (status, sex_code, band, _code(regions, region), _code(types, organisation))
        counts[key] = counts.get(key, 0) + count
    return counts


def acquisitions(*, country: str, since: dt.date, until: dt.date) -> dict[tuple[int, str], int]:
    """(year, NAT or NCF) → acquisitions of citizenship from ``since`` to ``until``, both
    included: periods of those statuses that start in the span. Grouped by day, in the order
    of the (status, effective_from) index, and summed per year here: no date function runs
    per row (on SQLite it would call back into Python)."""
    rows = (
        status_periods_started(country=country, statuses=ACQUISITION_STATUSES)
        .filter(effective_from__gte=since, effective_from__lte=until)
        .values_list("status", "effective_from")
        .annotate(count=Count("*"))
        .order_by()
    )
    counts: dict[tuple[int, str], int] = {}
    for status, day, count in rows:
        key = (day.year, status)
        counts[key] = counts.get(key, 0) + count
    return counts


def stocks_on_dates(
    *, country: str, dates: Sequence[dt.date], statuses: tuple[str, ...]
) -> dict[tuple[dt.date, str], int]:
    """(date, status) → people, for several dates in one scan (a trend)."""
    if not dates:
        return {}
    periods = status_periods_started(country=country, statuses=statuses).filter(
        effective_from__lte=max(dates)
    )
    sums = {
        f"d{index}": Count(
            "id",
            filter=Q(effective_from__lte=day)
            & (Q(effective_to__isnull=True) | Q(effective_to__gt=day)),
        )
        for index, day in enumerate(dates)
    }
    rows: Any = periods.values("status").annotate(**sums).order_by()
    return {
        (day, row["status"]): row[f"d{index}"] for row in rows for index, day in enumerate(dates)
    }


def first_record_date(*, country: str) -> dt.date | None:
    """When the country's status history begins."""
    periods = status_periods_started(country=country, statuses=tuple(LegalStatus.values))
    first: dt.date | None = periods.aggregate(first=Min("effective_from"))["first"]
    return first
