"""UNHCR age bands of a person as of a reference date, computed in SQL.

A date of birth is stored with its precision, and a missing day or month is never invented in
the record. For an age, though, a date is needed: a missing month is taken as the middle of the
year (1 July) and a missing day as the middle of the month (the 15th). An age from a year alone
is then right to within six months either way instead of always too old (1 January) or too
young (31 December). "Estimated" years count like known ones; no year at all is ``unknown``.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, F, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan

UNKNOWN = "unknown"
BANDS: tuple[tuple[str, int], ...] = (("0-4", 5), ("5-11", 12), ("12-17", 18), ("18-59", 60))
"""Each band and the age its people have not reached yet; the last band is 60+."""
OLDEST = "60+"
AGE_BANDS = (*(name for name, _ in BANDS), OLDEST, UNKNOWN)
MID_YEAR = 701  # 1 July as month * 100 + day
MID_MONTH = 15


def birth_key(prefix: str = "person__") -> Combinable:
    """year * 10000 + month * 100 + day, with the middle of the year or month filled in."""
    month_day = F(f"{prefix}birth_month") * 100 + Coalesce(
        F(f"{prefix}birth_day"), Value(MID_MONTH)
    )
    return F(f"{prefix}birth_year") * 10000 + Coalesce(month_day, Value(MID_YEAR))


def _key(on: dt.date, years_before: int) -> int:
    return (on.year - years_before) * 10000 + on.month * 100 + on.day


def age_band(on: dt.date, prefix: str = "person__") -> Case:
    """The band of the age on ``on``: someone is younger than N when their N-th birthday
    (birth key + N years) falls after ``on``."""
    key = birth_key(prefix)
    return Case(
        When(**{f"{prefix}birth_year__isnull": True}, then=Value(UNKNOWN)),
        *(
            When(GreaterThan(key, Value(_key(on, limit))), then=Value(name))
            for name, limit in BANDS
        ),
        default=Value(OLDEST),
        output_field=CharField(),
    )


def age_band_of(birth_year: int | None, month: int | None, day: int | None, on: dt.date) -> str:
    """The same rule in Python, for one date (tests and forms)."""
    if birth_year is None:
        return UNKNOWN
    key = birth_year * 10000 + (month * 100 + (day or MID_MONTH) if month else MID_YEAR)
    for name, limit in BANDS:
        if key > _key(on, limit):
            return name
    return OLDEST
