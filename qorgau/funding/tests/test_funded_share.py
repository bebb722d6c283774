"""The funded share as of any date: contributions received up to the date, each at the rate
that counts on its own day, over the requirement; by operation and by area."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils.translation import override

from qorgau.errors import Invalid
from qorgau.funding import services
from qorgau.funding.models import ExchangeRate
from qorgau.funding.selectors import funded_share

D = dt.date


@pytest.fixture
def required(manager, rca, kaz_office, area):
    services.requirement_set(
        actor=manager, operation=rca, year=2024, area=area("operations_support"),
        amount_usd="600000",
    )  # fmt: skip
    services.requirement_set(
        actor=manager, operation=kaz_office, year=2024, area=area("statelessness"),
        amount_usd="400000",
    )  # fmt: skip


def _rate(manager, currency, day, rate):
    services.exchange_rate_record(
        actor=manager, currency=currency, valid_from=day, units_per_usd=rate
    )


def test_it_counts_contributions_received_up_to_the_date(required, give, rca):
    give("100000", D(2024, 3, 1))
    give("50000", D(2024, 7, 11))

    before = funded_share(operation=rca, year=2024, as_of=D(2024, 2, 29))
    on_day = funded_share(operation=rca, year=2024, as_of=D(2024, 3, 1))
    after = funded_share(operation=rca, year=2024, as_of=D(2024, 12, 31))

    assert (before.funded_usd, before.percent) == (Decimal(0), Decimal("0.0"))
    assert (on_day.funded_usd, on_day.percent) == (Decimal("100000.00"), Decimal("10.0"))
    assert (after.funded_usd, after.percent_whole) == (Decimal("150000.00"), Decimal(15))
    assert after.required_usd == Decimal("1000000.00")


def test_each_contribution_keeps_the_rate_of_its_own_day(required, give, manager, rca):
    _rate(manager, "EUR", D(2024, 3, 1), "0.92")
    give("92000", D(2024, 3, 10), currency="EUR")  # 100,000 USD at 0.92
    _rate(manager, "EUR", D(2024, 3, 15), "0.80")  # a rate change later in the month
    give("80000", D(2024, 3, 20), currency="EUR")  # 100,000 USD at 0.80

    share = funded_share(operation=rca, year=2024, as_of=D(2024, 3, 31))

    assert [r.usd for r in share.contributions] == [Decimal("100000.00")] * 2
    assert share.percent == Decimal("20.0")


def test_it_rounds_each_contribution_to_the_cent_half_to_even(required, give, manager, rca):
    _rate(manager, "KZT", D(2024, 5, 1), "3")
    give("0.05", D(2024, 5, 2), currency="KZT")  # 0.016666… → 0.02
    give("100.01", D(2024, 5, 2), currency="KZT")  # 33.336666… → 33.34

    share = funded_share(operation=rca, year=2024, as_of=D(2024, 5, 31))

    assert [r.usd for r in share.contributions] == [Decimal("0.02"), Decimal("33.34")]


def test_it_splits_the_share_by_area(required, give, rca, kaz_office, area):
    give("100000", D(2024, 3, 1), area=area("statelessness"), earmarking="earmarked")
    give("60000", D(2024, 3, 1))

    share = funded_share(operation=rca, year=2024, as_of=D(2024, 6, 30))
    office = funded_share(operation=kaz_office, year=2024, as_of=D(2024, 6, 30))

    lines = {(a.area.code if a.area else None): (a.required_usd, a.percent) for a in share.areas}
    assert lines == {
        "operations_support": (Decimal("600000.00"), Decimal("0.0")),
        "statelessness": (Decimal("400000.00"), Decimal("25.0")),
        None: (Decimal(0), None),
    }
    assert office.required_usd == Decimal("400000.00")
    assert office.percent == Decimal("40.0")


def test_a_missing_rate_stops_the_figure_naming_the_contribution(
    required, give, manager, donor, rca
):
    _rate(manager, "EUR", D(2024, 3, 1), "0.92")
    give("920", D(2024, 3, 10), currency="EUR")
    ExchangeRate.objects.all().delete()  # the record lost after the contribution

    with pytest.raises(Invalid) as caught, override("kk"):
        funded_share(operation=rca, year=2024, as_of=D(2024, 12, 31))

    with override("kk"):
        text = str(caught.value)
    assert caught.value.code == "missing_rate"
    assert "EUR" in text
    assert "2024-03-10" in text
    assert donor.name_kk in text
    assert "No exchange rate" not in text  # in Kazakh
