"""Checking a request for figures, the same for the command line, the API and the pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django_stubs_ext import StrOrPromise

from qorgau.reference.catalogue import CENTRAL_ASIA
from qorgau.statistics import errors
from qorgau.statistics.cached import first_record_date_cached
from qorgau.statistics.disclosure import (
    is_reference_date,
    reference_date_after,
    reference_date_on_or_before,
    reference_months_from_settings,
)
from qorgau.statistics.errors import StatisticsInputError
from qorgau.statistics.figures import SINCE

FORMATS = ("json", "csv", "xlsx")
LANGUAGES = ("en", "ru", "kk")


@dataclass(frozen=True)
class FiguresRequest:
    country: str
    as_of: dt.date
    since: dt.date


def _date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise StatisticsInputError(errors.BAD_DATE % {"value": value}, "bad_date") from None


def country_check(country: str) -> str:
    code = (country or "").strip().upper()
    if code not in CENTRAL_ASIA:
        raise StatisticsInputError(
            errors.UNKNOWN_COUNTRY % {"country": country, "countries": ", ".join(CENTRAL_ASIA)},
            "unknown_country",
        )
    return code


def reference_date_check(day: dt.date, code: str = "not_a_reference_date") -> dt.date:
    """``day`` if it is a reference date (ADR 0036); ``StatisticsInputError`` naming the
    reference dates around it otherwise."""
    months = reference_months_from_settings()
    if not is_reference_date(day, months):
        before = reference_date_on_or_before(day, months)
        after = reference_date_after(day, months)
        raise StatisticsInputError(
            errors.NOT_A_REFERENCE_DATE % {"date": day, "before": before, "after": after}, code
        )
    return day


def figures_request(
    *, country: str, as_of: str | dt.date, since: str | dt.date | None = None, daily: bool
) -> FiguresRequest:
    """A valid request, or ``StatisticsInputError``: an unknown country, a date that is not
    one, in the future or before the country's records begin, or a start after the date.
    Unless ``daily`` (the agency office's managers, the command line), both dates must be
    reference dates (ADR 0036)."""
    code = country_check(country)
    date = _date(as_of)
    if not daily:
        reference_date_check(date)
    today = timezone.localdate()
    if date > today:
        raise StatisticsInputError(
            errors.FUTURE_DATE % {"date": date, "today": today}, "future_date"
        )
    first = first_record_date_cached(country=code)
    if first is None:
        raise StatisticsInputError(errors.NO_RECORDS % {"country": code}, "no_records")
    if date < first:
        raise StatisticsInputError(
            errors.BEFORE_RECORDS % {"date": date, "country": code, "first": first},
            "before_records",
        )
    start = SINCE if since is None else _date(since)
    if not daily:
        reference_date_check(start, "since_not_a_reference_date")
    if start > date:
        raise StatisticsInputError(errors.SINCE_AFTER % {"since": start, "date": date}, "since")
    return FiguresRequest(country=code, as_of=date, since=start)


def choice_check(value: str, choices: tuple[str, ...], message: StrOrPromise) -> str:
    if value not in choices:
        raise StatisticsInputError(
            message % {"value": value, "choices": ", ".join(choices)}, "unsupported"
        )
    return value
