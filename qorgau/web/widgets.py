"""Form widgets every app's pages share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import formats

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    """``<input type="date">``, whose value is always ISO 8601 (``YYYY-MM-DD``).

    The browser shows the date in the user's own way, but it reads and sends the value only as
    ISO: a value in the language's format (``02.12.2026`` in Kazakh or Russian) leaves the input
    empty, and a required field then answers "This field is required." on a date never touched.
    A date typed in the language's format into an address (an old link) is shown as ISO too.
    The field reads the ISO value back in every language (Django always accepts ISO input).
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str) and value:
            value = _parsed(value) or value
        if isinstance(value, dt.date):
            return value.strftime(ISO_DATE)
        return super().format_value(value)


def _parsed(text: str) -> dt.date | None:
    for pattern in (ISO_DATE, *formats.get_format("DATE_INPUT_FORMATS")):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None
