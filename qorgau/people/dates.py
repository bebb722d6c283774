"""Dates of birth with their precision: an unknown day or month is never invented."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.people import errors
from qorgau.people.models import DatePrecision

_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{1,2})\.(\d{4})$"), ("m", "y")),
    (re.compile(r"^(\d{4})$"), ("y",)),
)
EARLIEST_YEAR = 1900


@dataclass(frozen=True)
class PartialDate:
    year: int | None
    month: int | None = None
    day: int | None = None
    precision: str = DatePrecision.EXACT

    @classmethod
    def unknown(cls) -> PartialDate:
        return cls(None, None, None, DatePrecision.UNKNOWN)

    @classmethod
    def parse(cls, text: str, *, estimated: bool = False) -> PartialDate:
        """Read ``YYYY-MM-DD``, ``DD.MM.YYYY``, ``YYYY-MM``, ``MM.YYYY`` or ``YYYY``; empty is
        unknown. The precision follows from what was given."""
        text = (text or "").strip()
        if not text:
            return cls.unknown()
        for pattern, parts in _PATTERNS:
            match = pattern.match(text)
            if match:
                values = dict(zip(parts, (int(g) for g in match.groups()), strict=True))
                break
        else:
            raise ValidationError(errors.DATE_FORMAT, code="date_format")
        year, month, day = values["y"], values.get("m"), values.get("d")
        if estimated:
            if month is not None:
                raise ValidationError(errors.ESTIMATED_NEEDS_YEAR_ONLY, code="estimated_year")
            return cls(year, None, None, DatePrecision.ESTIMATED)
        if day is not None:
            return cls(year, month, day, DatePrecision.EXACT)
        if month is not None:
            return cls(year, month, None, DatePrecision.MONTH)
        return cls(year, None, None, DatePrecision.YEAR)

    def validate(self, *, today: dt.date | None = None) -> None:
        """Refuse impossible dates, dates in the future and implausibly early ones."""
        if self.year is None:
            return
        today = today or timezone.localdate()
        try:
            earliest = dt.date(self.year, self.month or 1, self.day or 1)
        except ValueError as exc:
            raise ValidationError(errors.DATE_IMPOSSIBLE, code="date_impossible") from exc
        if earliest > today:
            raise ValidationError(errors.DATE_IN_FUTURE, code="date_in_future")
        if self.year < EARLIEST_YEAR:
            raise ValidationError(errors.DATE_TOO_EARLY, code="date_too_early")

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
        return f"~{text}" if self.precision == DatePrecision.ESTIMATED else text
