"""Dates of birth as the source lists write them: the shared partial date
(:mod:`qorgau.names.dates`), read with the engine's rules.

Accepted: ``dd.mm.yyyy`` and ``yyyy-mm-dd`` (day and month may have one digit), ``yyyy``
(the year only) and empty (unknown). A month without a day is refused, since the model compares
days and years only; anything else is refused rather than guessed: ``03/04/1990`` is the 3rd of
April in Kazakhstan and the 4th of March in an English spreadsheet.

A date in a known format that cannot be a date of birth (``30.02.1973``, a day in the future,
a year before 1900) is *impossible*: :class:`ImpossibleDate`. Lists carry such typing errors;
one of them does not stop a run. The engine compares it as missing (never as evidence) and the
run's summary reports it (:func:`birth_date_or_none`, :mod:`qorgau.matching.records`).
"""

from __future__ import annotations

from typing import Final

from qorgau.names.dates import DateError, PartialDate, Precision

FORMATS: Final = "dd.mm.yyyy, yyyy-mm-dd, yyyy or empty"

#: Why a date is impossible, by :class:`DateError` code, as the run's summary says it.
REASONS: Final = {
    "date_impossible": "not a day of the calendar",
    "date_in_future": "in the future",
    "date_too_early": "before 1900",
}


class ImpossibleDate(ValueError):
    """A date in a known format that cannot be a date of birth; ``reason`` says why."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r} is not a possible date of birth ({reason})")
        self.text = text
        self.reason = reason


def parse_birth_date(text: str) -> PartialDate | None:
    """The date written in ``text``, ``None`` when empty; :class:`ImpossibleDate` for an
    impossible date, :class:`ValueError` for an unknown format.

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
        born.validate()
    except DateError as error:
        raise ImpossibleDate(text, REASONS.get(error.code, error.code)) from None
    return born


def birth_date_or_none(text: str) -> PartialDate | None:
    """:func:`parse_birth_date`, with an impossible date read as missing (``None``).

    >>> birth_date_or_none("30.02.1973") is None, birth_date_or_none("1899") is None
    (True, True)
    """
    try:
        return parse_birth_date(text)
    except ImpossibleDate:
        return None
