"""Dates of birth as the source lists write them: the shared partial date
(:mod:`qorgau.names.dates`), read with the engine's rules.

Accepted: ``dd.mm.yyyy`` and ``yyyy-mm-dd`` (day and month may have one digit), ``yyyy``
(the year only) and empty (unknown). A month without a day is refused, since the model compares
days and years only; anything else is refused rather than guessed: ``03/04/1990`` is the 3rd of
April in Kazakhstan and the 4th of March in an English spreadsheet.
"""

from __future__ import annotations

from typing import Final

from qorgau.names.dates import DateError, PartialDate, Precision

FORMATS: Final = "dd.mm.yyyy, yyyy-mm-dd, yyyy or empty"


def parse_birth_date(text: str) -> PartialDate | None:
    """The date written in ``text``, ``None`` when empty; :class:`ValueError` otherwise.

    >>> parse_birth_date("07.03.1990").date(), str(parse_birth_date("1990"))
    (datetime.date(1990, 3, 7), '1990')
    """
    text = text.strip()
    try:
        born = PartialDate.parse(text)
    except DateError:
        born = None
    if born is None or born.precision == Precision.MONTH:
        raise ValueError(f"unknown date format {text!r} (expected {FORMATS})")
    if born.precision == Precision.UNKNOWN:
        return None
    try:
        born.date()
    except DateError:
        raise ValueError(f"{text!r} is not a date") from None
    return born
