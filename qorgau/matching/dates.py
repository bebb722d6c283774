"""Dates of birth as the source lists write them, with their precision.

Accepted: ``dd.mm.yyyy`` (day and month may have one digit), ``yyyy-mm-dd``, ``yyyy``
(the year only) and empty (unknown). Anything else is refused rather than guessed:
``03/04/1990`` is the 3rd of April in Kazakhstan and the 4th of March in an English
spreadsheet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

_DOTTED: Final = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO: Final = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR: Final = re.compile(r"^(\d{4})$")
FORMATS: Final = "dd.mm.yyyy, yyyy-mm-dd, yyyy or empty"


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth known to the day (``day`` set) or to the year only."""

    year: int
    day: dt.date | None = None

    @property
    def iso(self) -> str | None:
        """``yyyy-mm-dd`` when known to the day."""
        return self.day.isoformat() if self.day else None


def parse_birth_date(text: str) -> BirthDate | None:
    """The date written in ``text``, ``None`` when empty; :class:`ValueError` otherwise.

    >>> parse_birth_date("07.03.1990"), parse_birth_date("1990")
    (BirthDate(year=1990, day=datetime.date(1990, 3, 7)), BirthDate(year=1990, day=None))
    """
    text = text.strip()
    if not text:
        return None
    if match := _YEAR.match(text):
        return BirthDate(int(match[1]))
    if match := _DOTTED.match(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    elif match := _ISO.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        raise ValueError(f"unknown date format {text!r} (expected {FORMATS})")
    try:
        return BirthDate(year, dt.date(year, month, day))
    except ValueError:
        raise ValueError(f"{text!r} is not a date") from None
