"""Dates and counts as people read them, in the active language: the one mechanism every page, the
fact sheet and the PDF use (docs/adr/0012-dates-and-numbers.md).

Dates go through the formats modules' DATE_FORMAT (``qorgau/formats/<language>/formats.py``, then
Django's own): "2 December 2026", "2 декабря 2026", "2026 ж. 2 желтоқсан". Counts get the
language's thousand separator: "7,892", "7 892" (a no-break space). Form inputs and exports keep ISO
dates and plain numbers; they never call these functions.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def local_date(value: object) -> object:
    """A date, a datetime (shown in the local time zone) or an ISO day ("2026-12-02") in the
    language's DATE_FORMAT / DATETIME_FORMAT. Anything else (None, "", "—", free text) is returned
    unchanged, so a template can pass whatever a record holds."""
    if isinstance(value, str) and _ISO_DAY.match(value):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return value


# Languages that write a month's name in lower case ("март 1984"), where Django's catalogue
# capitalises the name on its own (YEAR_MONTH_FORMAT's "F").
_LOWER_CASE_MONTHS = frozenset({"ru", "kk"})


def partial_date(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """A date of birth with an unknown day or month: the full date, the month and year
    (YEAR_MONTH_FORMAT) or the year alone; "" when even the year is unknown."""
    if not year:
        return ""
    if month and day:
        try:
            return formats.date_format(dt.date(year, month, day), "DATE_FORMAT")
        except ValueError:
            return f"{year:04d}-{month:02d}-{day:02d}"
    if month:
        text = formats.date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT")
        if (get_language() or "").split("-")[0] in _LOWER_CASE_MONTHS:
            name = str(MONTHS[month])
            text = text.replace(name, name.lower())
        return text
    return str(year)


def local_number(value: object) -> object:
    """A count or amount with the language's separators; a suppressed cell ("*"), None or any other
    text is returned unchanged. Booleans are not numbers here."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return formats.number_format(value, force_grouping=True)


def chart_number_locale() -> dict[str, Any]:
    """The active language's separators as a d3-format locale, for the charts' axis labels and
    numbers (Vega-Lite groups thousands with "," unless told otherwise)."""
    return {
        "decimal": str(formats.get_format("DECIMAL_SEPARATOR")),
        "thousands": str(formats.get_format("THOUSAND_SEPARATOR")),
        "grouping": [int(formats.get_format("NUMBER_GROUPING")) or 3],
        "currency": ["", ""],
    }
