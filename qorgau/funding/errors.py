"""Messages of the funding services and figures, translatable; tests reuse them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NOT_EDITOR = _(
    "Only managers of the agency office of one of the operation's countries may edit its "
    "funding records."
)
NOT_FUNDING_EDITOR = _("Only managers of an agency office may edit funding records.")
AMOUNT_NOT_POSITIVE = _("Enter an amount greater than zero.")
AMOUNT_NEGATIVE = _("Enter an amount of zero or more.")
AMOUNT_TOO_PRECISE = _("Enter an amount with at most two decimal places.")
AMOUNT_TOO_LARGE = _("Enter an amount below 100 trillion.")
UNKNOWN_CURRENCY = _("“%(value)s” is not an ISO 4217 currency code (such as USD, EUR or KZT).")
USD_NEEDS_NO_RATE = _("The US dollar needs no exchange rate: it is the unit of every figure.")
RATE_NOT_POSITIVE = _("Enter a rate greater than zero.")
RATE_EXISTS = _("A rate of %(currency)s valid from %(date)s is already recorded.")
OUTSIDE_YEAR = _("The date received (%(date)s) is not in the contribution's year %(year)s.")
MISSING_RATE = _(
    "No exchange rate of %(currency)s for %(date)s: record the %(currency)s rate valid on "
    "that day (from the first of its month at the latest) before the contribution of "
    "%(donor)s (%(amount)s %(currency)s received on %(date)s) can be counted."
)
NO_REQUIREMENT = _("%(operation)s has no requirement recorded for %(year)s.")
STALE = _("Someone else changed this record while you were editing it: open it again.")
DONOR_EXISTS = _("A donor named “%(name)s” is already recorded.")
REASON_REQUIRED = _("Give the reason for the correction.")
REASON_TOO_LONG = _("Keep the reason to %(limit)s characters.")
DONOR_IN_USE = _(
    "%(donor)s cannot be removed: contributions from this donor are recorded (%(count)s). A "
    "donor who gave is kept, so that the figures and fact sheets of past dates do not change."
)
REQUIREMENT_EXISTS = _(
    "%(area)s already has a requirement for %(operation)s in %(year)s (USD %(amount)s): open "
    "that one from the funding page to change it."
)
RATE_UNCHANGED = _("Enter a rate different from the one recorded.")
RATE_OUT_OF_RANGE = _("Enter a rate below one trillion with at most eight decimal places.")
