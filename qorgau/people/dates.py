"""Dates of birth in the registry: the shared partial date (:mod:`qorgau.names.dates`), whose
problems are worded for the people who type them.

The type, its formats, precisions and checks are :class:`qorgau.names.dates.PartialDate`; the
registry's :class:`PartialDate` only raises Django's :class:`ValidationError` with the
translated messages of :mod:`qorgau.people.errors`, and checks the future against the local day.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.names import dates
from qorgau.people import errors

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

__all__ = ["PartialDate"]

#: The message shown for each problem code of :class:`qorgau.names.dates.DateError`.
MESSAGES: dict[str, _StrPromise] = {
    "date_format": errors.DATE_FORMAT,
    "estimated_year": errors.ESTIMATED_NEEDS_YEAR_ONLY,
    "date_impossible": errors.DATE_IMPOSSIBLE,
    "date_in_future": errors.DATE_IN_FUTURE,
    "date_too_early": errors.DATE_TOO_EARLY,
}


class PartialDate(dates.PartialDate):
    """:class:`qorgau.names.dates.PartialDate` raising translated validation errors."""

    @classmethod
    def error(cls, code: str, text: str = "") -> Exception:
        return ValidationError(MESSAGES[code], code=code)

    @classmethod
    def today(cls) -> dt.date:
        return timezone.localdate()
