"""Funding records: written by the managers who publish the figures, through services that
check the input, stamp the history and refuse a stale version; nothing stored on bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from qorgau.errors import Invalid, NotAllowed, StaleVersion
from qorgau.funding import services
from qorgau.funding.models import Area, Contribution, ExchangeRate, Operation, Requirement

D = dt.date


def test_it_ships_the_operations_and_areas(db):
    rca = Operation.objects.get(code="RCA")

    assert sorted(o.code for o in rca.offices.all()) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert Operation.objects.get(code="KAZ").country.iso3 == "KAZ"
    with override("kk"):
        assert Area.objects.get(code="statelessness").name == "Азаматсыздықты жою"


def test_it_records_a_contribution_with_its_actor_in_the_history(give, manager):
    contribution = give("1000.50", D(2024, 3, 1))

    assert contribution.amount == Decimal("1000.50")
    assert contribution.history.get().history_user == manager


@pytest.mark.parametrize(
    ("amount", "code"),
    [("-5", "not_positive"), ("0", "not_positive"), ("abc", "not_a_number"),
     ("1.005", "too_precise"), ("NaN", "not_a_number")],
)  # fmt: skip
def test_it_refuses_a_bad_amount_naming_the_field(give, amount, code):
    with pytest.raises(Invalid) as caught:
        give(amount, D(2024, 3, 1))

    assert (caught.value.field, caught.value.code) == ("amount", code)
    assert not Contribution.objects.exists()


def test_it_refuses_an_unknown_currency(give):
    with pytest.raises(Invalid) as caught:
        give("10", D(2024, 3, 1), currency="XYZ")

    assert caught.value.field == "currency"
    assert "XYZ" in str(caught.value)
    assert not Contribution.objects.exists()


def test_it_refuses_a_contribution_dated_outside_its_year(give):
    with pytest.raises(Invalid) as caught:
        give("10", D(2023, 12, 31))

    assert caught.value.field == "received_on"
    assert not Contribution.objects.exists()


def test_it_refuses_a_contribution_without_a_rate_for_its_day(give, manager, donor):
    services.exchange_rate_record(
        actor=manager, currency="EUR", valid_from=D(2024, 2, 1), units_per_usd="0.92"
    )

    with pytest.raises(Invalid) as caught, override("ru"):
        give("10", D(2024, 3, 5), currency="EUR")  # February's rate does not carry over

    assert caught.value.code == "missing_rate"
    assert "EUR" in str(caught.value)
    assert donor.name_ru in str(caught.value)
    assert not Contribution.objects.exists()


def test_it_refuses_a_user_who_does_not_publish_figures(request, clerk, stats, donor, kaz_office):
    for user in (clerk, stats):
        with pytest.raises(NotAllowed):
            services.contribution_record(
                actor=user, donor=donor, operation=kaz_office, year=2024, amount="1",
                currency="USD", received_on=D(2024, 1, 2), earmarking="earmarked",
            )  # fmt: skip
        with pytest.raises(NotAllowed):
            services.exchange_rate_record(
                actor=user, currency="EUR", valid_from=D(2024, 1, 1), units_per_usd="1"
            )
    assert not Contribution.objects.exists()
    assert not ExchangeRate.objects.exists()


def test_it_refuses_a_manager_of_another_country_office(kgz_manager, donor, kaz_office, rca):
    with pytest.raises(NotAllowed):
        services.contribution_record(
            actor=kgz_manager, donor=donor, operation=kaz_office, year=2024, amount="1",
            currency="USD", received_on=D(2024, 1, 2), earmarking="earmarked",
        )  # fmt: skip
    with pytest.raises(NotAllowed):  # the representation sits in Kazakhstan
        services.contribution_record(
            actor=kgz_manager, donor=donor, operation=rca, year=2024, amount="1",
            currency="USD", received_on=D(2024, 1, 2), earmarking="earmarked",
        )  # fmt: skip
    kgz_office = Operation.objects.get(code="KGZ")
    services.contribution_record(
        actor=kgz_manager, donor=donor, operation=kgz_office, year=2024, amount="1",
        currency="USD", received_on=D(2024, 1, 2), earmarking="earmarked",
    )  # fmt: skip
    assert Contribution.objects.get().operation == kgz_office


def test_it_refuses_a_stale_requirement_and_a_negative_one(manager, rca, area):
    first = services.requirement_set(
        actor=manager, operation=rca, year=2024, area=area("statelessness"), amount_usd="100"
    )

    services.requirement_set(
        actor=manager, operation=rca, year=2024, area=area("statelessness"), amount_usd="100",
        version=1, editing=first.public_id,
    )  # fmt: skip
    with pytest.raises(StaleVersion):
        services.requirement_set(
            actor=manager, operation=rca, year=2024, area=area("statelessness"),
            amount_usd="200", version=1, editing=first.public_id,
        )  # fmt: skip
    with pytest.raises(Invalid) as new_over_existing:  # a new one where one exists: not stale
        services.requirement_set(
            actor=manager, operation=rca, year=2024, area=area("statelessness"),
            amount_usd="200", version=0,
        )  # fmt: skip
    assert (new_over_existing.value.code, new_over_existing.type) == ("requirement_exists", Invalid)
    with pytest.raises(ValidationError):
        services.requirement_set(
            actor=manager, operation=rca, year=2024, area=area("statelessness"),
            amount_usd="-1", version=2,
        )  # fmt: skip
    assert Requirement.objects.get().amount_usd == Decimal("100.00")


def test_it_corrects_a_contribution_with_its_version(give, manager):
    contribution = give("10", D(2024, 3, 1))

    services.contribution_update(
        actor=manager, contribution=contribution, version=1, amount="12", currency="USD",
        received_on=D(2024, 3, 2), earmarking="softly", reason="Amount typed wrong",
    )  # fmt: skip
    with pytest.raises(StaleVersion):
        services.contribution_update(
            actor=manager, contribution=contribution, version=1, amount="13", currency="USD",
            received_on=D(2024, 3, 2), earmarking="softly", reason="Again",
        )  # fmt: skip
    assert Contribution.objects.get().amount == Decimal("12.00")
