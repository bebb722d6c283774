"""Arguments every app's commands share."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError
from django.utils.translation import gettext


def command_date(value: str) -> dt.date:
    """A ``--today``-style argument: an ISO date, or a translated error naming the value."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        # The message statistics requests give for a bad date (one entry in the catalogues).
        message = gettext("“%(value)s” is not a date: use YYYY-MM-DD.")
        raise CommandError(message % {"value": value}) from None
