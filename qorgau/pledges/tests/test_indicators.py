"""Pledge indicators computed from procedure data, as of dates before and after the steps,
with steps recorded late (dated back) and disclosure control on what is published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.services.status import status_period_record
from qorgau.pledges.indicators import pledge_indicator
from qorgau.pledges.tests.factories import MADE_ON, border_case
from qorgau.statistics.disclosure import NO_CONTROL, SUPPRESSED, Policy


def _border(as_of: dt.date, policy: Policy = NO_CONTROL):  # type: ignore[no-untyped-def]
    return pledge_indicator(
        area="border_referral", country="KAZ", made_on=MADE_ON, as_of=as_of, policy=policy
    )


@pytest.fixture
def people(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> Callable[[int], list[Person]]:
    return lambda n: [make_person(clerk, agency) for _ in range(n)]


def test_it_counts_border_referrals_per_month_and_the_median_days_to_registration(
    actor: User, agency: Organisation, people: Callable[[int], list[Person]]
) -> None:
    a, b, c = people(3)
    border_case(actor, agency, a, dt.date(2024, 3, 4), dt.date(2024, 3, 6))  # 2 days
    border_case(actor, agency, b, dt.date(2024, 3, 20), dt.date(2024, 3, 30))  # 10 days
    border_case(actor, agency, c, dt.date(2024, 5, 2), dt.date(2024, 5, 6))  # 4 days

    indicator = _border(dt.date(2024, 6, 30))

    assert indicator is not None
    assert indicator.series["2024-03"] == 2
    assert indicator.series["2024-05"] == 1
    assert indicator.series["2022-01"] == 0  # the baseline year before the pledge
    assert indicator.total == 3
    assert (indicator.median_days, indicator.median_of) == (4, 3)


def test_it_counts_only_what_happened_by_the_date_asked_for(
    actor: User, agency: Organisation, people: Callable[[int], list[Person]]
) -> None:
    a, b = people(2)
    border_case(actor, agency, a, dt.date(2024, 3, 4), dt.date(2024, 4, 3))  # 30 days
    border_case(actor, agency, b, dt.date(2024, 3, 20))  # not registered yet

    before = _border(dt.date(2024, 3, 10))
    between = _border(dt.date(2024, 3, 31))
    after = _border(dt.date(2024, 4, 30))

    assert before is not None
    assert between is not None
    assert after is not None
    assert (before.total, before.median_of) == (1, 0)
    assert "2024-04" not in between.series
    assert (between.total, between.median_days, between.median_of) == (2, 0, 0)
    assert (after.series["2024-04"], after.median_days, after.median_of) == (0, 30, 1)


def test_it_counts_a_step_recorded_late_in_the_month_it_happened(
    actor: User, agency: Organisation, people: Callable[[int], list[Person]]
) -> None:
    (a,) = people(1)
    with time_machine.travel(dt.datetime(2024, 9, 1, 12, tzinfo=dt.UTC), tick=False):
        border_case(actor, agency, a, dt.date(2024, 2, 27), dt.date(2024, 8, 30))

    indicator = _border(dt.date(2024, 12, 31))

    assert indicator is not None
    assert (indicator.series["2024-02"], indicator.series["2024-08"]) == (1, 0)
    assert indicator.median_days == (dt.date(2024, 8, 30) - dt.date(2024, 2, 27)).days


def test_it_suppresses_small_counts_and_a_median_of_few_cases(
    actor: User, agency: Organisation, people: Callable[[int], list[Person]]
) -> None:
    a, b = people(2)
    border_case(actor, agency, a, dt.date(2024, 3, 4), dt.date(2024, 3, 6))
    border_case(actor, agency, b, dt.date(2024, 5, 2), dt.date(2024, 5, 6))

    indicator = _border(dt.date(2024, 6, 30), Policy(threshold=5))

    assert indicator is not None
    assert indicator.series["2024-03"] == SUPPRESSED
    assert indicator.total == SUPPRESSED
    assert indicator.median_days == SUPPRESSED
    assert indicator.median_of == SUPPRESSED
    assert indicator.series["2024-04"] == 0


def test_it_counts_acquisitions_of_citizenship_per_year(
    clerk: User, agency: Organisation, people: Callable[[int], list[Person]]
) -> None:
    for person, day in zip(
        people(3), (dt.date(2023, 5, 1), dt.date(2024, 2, 1), dt.date(2024, 11, 5)), strict=True
    ):
        status_period_record(
            actor=clerk, organisation=agency, person=person, status="NAT", effective_from=day
        )

    early = pledge_indicator(
        area="naturalisation", country="KAZ", made_on=MADE_ON,
        as_of=dt.date(2024, 6, 30), policy=NO_CONTROL,
    )  # fmt: skip
    late = pledge_indicator(
        area="naturalisation", country="KAZ", made_on=MADE_ON,
        as_of=dt.date(2024, 12, 31), policy=NO_CONTROL,
    )  # fmt: skip

    assert early is not None
    assert late is not None
    assert early.series == {"2022": 0, "2023": 1, "2024": 1}
    assert late.series == {"2022": 0, "2023": 1, "2024": 2}


def test_it_has_no_service_referrals_until_the_referrals_exist(db: None) -> None:
    indicator = pledge_indicator(
        area="access_to_services", country="KAZ", made_on=MADE_ON,
        as_of=dt.date(2024, 6, 30), policy=NO_CONTROL,
    )  # fmt: skip
    assert indicator is not None
    assert (indicator.series, indicator.total) == ({}, 0)


def test_it_has_no_indicator_for_other_areas(db: None) -> None:
    assert (
        pledge_indicator(
            area="statelessness_safeguards",
            country="KAZ",
            made_on=MADE_ON,
            as_of=dt.date(2024, 6, 30),
            policy=NO_CONTROL,
        )
        is None
    )
