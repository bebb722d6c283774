"""Errors of statistics requests. Messages are translatable constants that tests reuse."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UNKNOWN_COUNTRY = _("Unknown country “%(country)s”: use one of %(countries)s.")
NOT_YOUR_COUNTRY = _("You may not see statistics of “%(country)s”.")
BAD_DATE = _("“%(value)s” is not a date: use YYYY-MM-DD.")
FUTURE_DATE = _("%(date)s is in the future: figures exist up to today (%(today)s).")
BEFORE_RECORDS = _("%(date)s is before the records of %(country)s begin (%(first)s).")
NO_RECORDS = _("%(country)s has no status records yet.")
NOT_A_REFERENCE_DATE = _(
    "Figures are published only as of reference dates, so that two dates close together "
    "cannot reveal one person: %(date)s is not one. The last one before it is %(before)s, "
    "the next %(after)s."
)
SINCE_AFTER = _("The start date %(since)s is after the reference date %(date)s.")
BAD_FORMAT = _("Unsupported format “%(value)s”: use one of %(choices)s.")
XLSX_NEEDS_FILE = _("--format xlsx needs --out FILE.")
BAD_LANGUAGE = _("Unsupported language “%(value)s”: use one of %(choices)s.")


class StatisticsInputError(ValueError):
    """A request for figures that cannot be answered; ``message`` says why."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
