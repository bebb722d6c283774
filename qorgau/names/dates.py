"""Dates of birth as people and lists write them, with their precision: the one partial-date
type of Qorgau, shared by the registry (:mod:`qorgau.people.dates`) and the matching engine
(:mod:`qorgau.matching.dates`).

An unknown day or month is never invented: ``1990`` stays a year, ``1990-03`` a month.
Ambiguous writings are refused rather than guessed: ``03/04/1990`` is the 3rd of April in
Kazakhstan and the 4th of March in an English spreadsheet.

It lives here, beside the names, because this is the lowest floor of the house: pure Python,
importing nothing from Django or another Qorgau package, so the registry (a Django app) and the
matching engine (usable without Django) can both build on it without importing each other. A
date of birth is, with the name, what identifies a person in both.

Errors are :class:`DateError` (a :class:`ValueError`) with a ``code``; a reader that speaks to
users words them itself (the registry as translated Django validation errors) by overriding
:meth:`PartialDate.error`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Self


class Precision(StrEnum):
    """How much of a date is known; the values are those the registry stores
    (``people.models.DatePrecision``)."""

    EXACT = "exact"
    MONTH = "month"
    YEAR = "year"
    ESTIMATED = "estimated"
    UNKNOWN = "unknown"


#: The writings read, most specific first, with the parts their groups hold.
PATTERNS: Final = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{1,2})\.(\d{4})$"), ("m", "y")),
    (re.compile(r"^(\d{4})$"), ("y",)),
)
#: A date of birth before this year is not plausible.
EARLIEST_YEAR: Final = 1900
#: Dates of birth further apart than this many days are "more than a year" apart.
YEAR_DAYS: Final = 366


class DateError(ValueError):
    """A date that cannot be read or cannot be a date of birth. ``code`` says which:
    ``date_format``, ``estimated_year``, ``date_impossible``, ``date_in_future``,
    ``date_too_early``."""

    def __init__(self, code: str, text: str = "") -> None:
        super().__init__(f"{code}: {text!r}" if text else code)
        self.code = code
        self.text = text


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, to the month, to the year, as an estimated year, or not at all."""

    year: int | None
    month: int | None = None
    day: int | None = None
    precision: str = Precision.EXACT

    @classmethod
    def error(cls, code: str, text: str = "") -> Exception:
        """The exception raised for a problem ``code`` with ``text``: a :class:`DateError`."""
        return DateError(code, text)

    @classmethod
    def unknown(cls) -> Self:
        return cls(None, None, None, Precision.UNKNOWN)

    @classmethod
    def parse(cls, text: str, *, estimated: bool = False) -> Self:
        """Read ``YYYY-MM-DD``, ``DD.MM.YYYY``, ``YYYY-MM``, ``MM.YYYY`` or ``YYYY``; empty is
        unknown. The precision follows from what was given.

        >>> PartialDate.parse("7.3.1990"), str(PartialDate.parse("03.1990"))
        (PartialDate(year=1990, month=3, day=7, precision=<Precision.EXACT: 'exact'>), '1990-03')
        """
        text = (text or "").strip()
        if not text:
            return cls.unknown()
        for pattern, parts in PATTERNS:
            match = pattern.match(text)
            if match:
                values = dict(zip(parts, (int(g) for g in match.groups()), strict=True))
                break
        else:
            raise cls.error("date_format", text)
        year, month, day = values["y"], values.get("m"), values.get("d")
        if estimated:
            if month is not None:
                raise cls.error("estimated_year", text)
            return cls(year, None, None, Precision.ESTIMATED)
        if day is not None:
            return cls(year, month, day, Precision.EXACT)
        if month is not None:
            return cls(year, month, None, Precision.MONTH)
        return cls(year, None, None, Precision.YEAR)

    @classmethod
    def today(cls) -> dt.date:
        """The day against which :meth:`validate` refuses future dates."""
        return dt.date.today()  # the registry overrides this with its local day

    def validate(self, *, today: dt.date | None = None) -> None:
        """Refuse impossible dates, dates in the future and implausibly early ones."""
        if self.year is None:
            return
        today = today or self.today()
        try:
            earliest = dt.date(self.year, self.month or 1, self.day or 1)
        except ValueError as exc:
            raise self.error("date_impossible", self.isoformat()) from exc
        if earliest > today:
            raise self.error("date_in_future", self.isoformat())
        if self.year < EARLIEST_YEAR:
            raise self.error("date_too_early", self.isoformat())

    def date(self) -> dt.date | None:
        """The day, when known to the day; ``None`` otherwise. Raises :class:`DateError`
        (``date_impossible``) for a day that does not exist."""
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            raise self.error("date_impossible", self.isoformat()) from None

    def isoformat(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or empty: exactly what is known."""
        if self.year is None:
            return ""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        text = self.isoformat()
        return f"~{text}" if self.precision == Precision.ESTIMATED else text


def is_full_date(born: PartialDate | None) -> bool:
    """Whether ``born`` is a full date that can be evidence against: known to the day and
    not 1 January (the usual placeholder for an unknown day and month)."""
    return (
        born is not None
        and born.precision == Precision.EXACT
        and born.day is not None
        and (born.month, born.day) != (1, 1)
    )


def years_apart(one: PartialDate | None, other: PartialDate | None) -> int | None:
    """The date rule (ADR 0040): how many years apart two full dates of birth
    (:func:`is_full_date`) are when they differ by more than a year (366 days); ``None``
    when the rule does not apply. A day and month swapped keeps the year, so it is never
    more than a year apart; one digit mistyped or two adjacent digits swapped
    (``1985-03-12``/``1958-03-12``, a keying error) are not the rule either. Such dates
    are strong evidence that the two records are different people (namesakes, siblings):
    the engine's level "dates of birth differ by more than a year" is this rule in SQL, and
    the registration check
    (:mod:`qorgau.people.likely`) warns with it.

    >>> D = PartialDate
    >>> years_apart(D(2006, 5, 17), D(1985, 5, 17)), years_apart(D(1990, 3, 7), D(1991, 3, 7))
    (21, None)
    >>> years_apart(D(1990, 3, 7), D(1990, 7, 3)), years_apart(D(1990, 1, 1), D(1970, 5, 2))
    (None, None)
    >>> years_apart(D(1985, 3, 12), D(1958, 3, 12)), years_apart(D(1985, 3, 12), D(1975, 3, 12))
    (None, None)
    """
    if one is None or other is None or not (is_full_date(one) and is_full_date(other)):
        return None
    first, second = one.date(), other.date()
    if first is None or second is None or abs((first - second).days) <= YEAR_DAYS:
        return None
    if _one_typo(first.isoformat(), second.isoformat()):
        return None
    return max(abs(first.year - second.year), 1)


#: How far apart two years of birth may be when one of the dates is only an estimate (a year
#: only, a 1 January placeholder, an estimated date) before they are evidence of two people:
#: an estimated age can be some years off (ADR 0040, the engine's level "years of birth
#: differ by more than five years").
YEARS_APART_ESTIMATE: Final = 5


def years_apart_estimated(one: PartialDate | None, other: PartialDate | None) -> int | None:
    """The date rule's second level (ADR 0040): how many years apart the years of birth are
    when at least one of the two dates is not a full date (:func:`is_full_date`: a year only,
    a 1 January, an estimate) and they are more than :data:`YEARS_APART_ESTIMATE` apart, the
    last two digits not swapped (``1985``/``1958``, a keying error); ``None`` otherwise (and
    when both are full dates: that is :func:`years_apart`). The engine's level is this rule
    in SQL.

    >>> D = PartialDate
    >>> years_apart_estimated(D(1966), D(1986, 12, 30)), years_apart_estimated(D(1980), D(1984))
    (20, None)
    >>> years_apart_estimated(D(1985, 1, 1), D(1958, 3, 2)), years_apart_estimated(D(1990), None)
    (None, None)
    """
    if one is None or other is None or one.year is None or other.year is None:
        return None
    if is_full_date(one) and is_full_date(other):
        return None
    years = abs(one.year - other.year)
    if years <= YEARS_APART_ESTIMATE:
        return None
    if one.year % 10 == other.year // 10 % 10 and other.year % 10 == one.year // 10 % 10:
        return None
    return years


def _one_typo(one: str, other: str) -> bool:
    """Whether two strings of one length differ by one character or two adjacent ones
    swapped (a Damerau-Levenshtein distance of 1, as the engine's "one digit different")."""
    differ = [index for index, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
    if len(differ) == 1:
        return True
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and one[differ[0]] == other[differ[1]]
        and one[differ[1]] == other[differ[0]]
    )
