"""Money arithmetic of the funding app, pure Python (docs/adr/0049-money.md).

* Amounts are ``Decimal`` with two decimal places; a float never enters.
* Currencies are ISO 4217 codes, checked against pycountry's list of current codes.
* Which rate counts for an amount received on a day: the latest rate record of its currency
  valid from a day on or before it *in the same calendar month*. A rate of an earlier month is
  never carried forward: no rate of that month by that day is an error, never a guess.
* A contribution in US dollars is \u201cconverted\u201d at 1 and needs no rate.
* Conversion divides by the rate (units of the currency per US dollar) and rounds each
  contribution to the cent, half to even; sums are of the rounded cents; the funded share is
  the sum over the requirement, rounded half up to whole per cent for the fact sheet and to a
  tenth of a per cent for pages and exports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import cache

import pycountry

USD = "USD"
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
ONE = Decimal("1")


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)


def is_currency(code: str) -> bool:
    return code in currency_codes()


def rate_on(rates: Iterable[tuple[dt.date, Decimal]], day: dt.date) -> Decimal | None:
    """The rate that counts on ``day`` among ``(valid_from, units_per_usd)`` of one currency:
    the latest valid from a day on or before it in the same month; None when there is none."""
    month_start = day.replace(day=1)
    found = [(valid, rate) for valid, rate in rates if month_start <= valid <= day]
    return max(found)[1] if found else None


def to_usd(amount: Decimal, units_per_usd: Decimal) -> Decimal:
    return (amount / units_per_usd).quantize(CENT, rounding=ROUND_HALF_EVEN)


def percent(part: Decimal, whole: Decimal, step: Decimal = TENTH) -> Decimal | None:
    """``part`` over ``whole`` in per cent, rounded half up to ``step``; None without a whole."""
    if whole <= 0:
        return None
    return (part * 100 / whole).quantize(step, rounding=ROUND_HALF_UP)


def rate_shown(units_per_usd: Decimal) -> Decimal:
    """A rate without the trailing zeros of its eight stored decimal places (470.00000000 is
    shown 470, 0.92150000 as 0.9215), never in exponent notation."""
    if units_per_usd == units_per_usd.to_integral_value():
        return units_per_usd.quantize(ONE)
    return units_per_usd.normalize()
