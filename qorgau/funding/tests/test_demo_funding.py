"""The demo's funding reproduces the fact sheet from contributions: USD 10.03 million
required in 2024, 45% funded as of 10 July 2024; and the donors it thanks come from records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from qorgau.funding.models import Operation
from qorgau.funding.selectors import factsheet_funding, funded_share
from qorgau.population.funding import funding_demo_seed

FLEXIBLE_DONORS = [
    "Australia", "Belgium", "Denmark", "European Union", "France", "Germany", "Ireland",
    "Netherlands", "Norway", "Republic of Korea", "Sweden", "Switzerland",
    "United Kingdom of Great Britain and Northern Ireland", "U.S.A.",
]  # fmt: skip
PRIVATE_DONORS = [
    "Australia for UNHCR", "España con ACNUR", "Italy", "Japan for UNHCR", "Republic of Korea",
    "UNO-Flüchtlingshilfe",
]  # fmt: skip


@pytest.fixture
def demo(manager):
    assert funding_demo_seed(manager)


def test_it_reproduces_the_fact_sheet_figure(demo):
    rca = Operation.objects.get(code="RCA")

    share = funded_share(operation=rca, year=2024, as_of=dt.date(2024, 7, 10))

    assert share.required_usd == Decimal("10030000.00")
    assert share.funded_usd == Decimal("4513500.00")
    assert share.percent_whole == 45
    assert share.percent == Decimal("45.0")


def test_later_contributions_raise_the_share(demo):
    rca = Operation.objects.get(code="RCA")

    assert funded_share(operation=rca, year=2024, as_of=dt.date(2024, 7, 11)).percent == Decimal(
        "46.0"
    )
    # 460,000 EUR on 16 September at September's 0.90: 511,111.11 USD.
    assert funded_share(operation=rca, year=2024, as_of=dt.date(2024, 12, 31)).funded_usd == (
        Decimal("4513500.00") + Decimal("100000.00") + Decimal("511111.11")
    )


@pytest.mark.parametrize(
    ("language", "first", "eu"),
    [("en", "Australia", "European Union"), ("ru", "Австралия", "Европейский союз"),
     ("kk", "Аустралия", "Еуропалық одақ")],
)  # fmt: skip
def test_the_fact_sheet_block_comes_from_the_records(demo, language, first, eu):
    block = factsheet_funding(country="KAZ", as_of=dt.date(2024, 7, 10), language=language)

    assert block is not None
    assert (block.year, block.percent, block.required_usd) == (2024, 45, Decimal("10030000.00"))
    assert len(block.countries) == 5
    assert block.donors[0] == first
    assert eu in block.donors
    assert len(block.donors) == len(FLEXIBLE_DONORS)
    assert len(block.private_donors) == len(PRIVATE_DONORS)


def test_the_donors_are_those_of_the_fact_sheet_in_its_order(demo):
    block = factsheet_funding(country="KAZ", as_of=dt.date(2024, 7, 10), language="en")

    assert block is not None
    assert block.donors == FLEXIBLE_DONORS
    assert block.private_donors == PRIVATE_DONORS


def test_it_loads_once(demo, manager):
    assert not funding_demo_seed(manager)
