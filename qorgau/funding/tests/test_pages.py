"""The funding pages: anyone signed in reads, managers of an agency office record; bad input
is refused beside the field, translated, with nothing stored; anonymous visitors log in."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils.translation import override

from qorgau.funding import errors, services
from qorgau.funding.models import Contribution, ExchangeRate, Operation

OVERVIEW = "/funding/"
NEW = "/funding/contributions/new/"
RATE = "/funding/rates/new/"
CSV = "/funding/charts/donors.csv"


@pytest.fixture
def recorded(give, manager, rca, area):
    services.requirement_set(
        actor=manager, operation=rca, year=2024, area=area("statelessness"), amount_usd="1000"
    )
    give("250", dt.date(2024, 3, 1))


def _post(donor, operation, **changes):
    data = {
        "donor": donor.pk, "operation": operation.pk, "year": "2024", "amount": "100",
        "currency": "USD", "received_on": "2024-03-02", "earmarking": "unearmarked", "area": "",
    }  # fmt: skip
    return data | changes


@pytest.mark.parametrize("path", [OVERVIEW, NEW, RATE, CSV])
def test_it_sends_anonymous_visitors_to_log_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("persona", ["clerk", "ngo_a", "liaison", "stats", "manager"])
def test_anyone_signed_in_reads_the_funded_share(request, login, recorded, persona):
    client = login(request.getfixturevalue(persona))

    page = client.get(OVERVIEW, {"operation": "RCA", "year": 2024, "as_of": "2024-12-31"})
    data = client.get(CSV, {"operation": "RCA", "year": 2024, "as_of": "2024-12-31"})

    assert page.status_code == 200
    assert "25.0% funded" in page.content.decode()
    assert data.status_code == 200
    assert "Testland,250.00" in data.content.decode("utf-8-sig")


def test_without_a_year_it_shows_the_latest_year_with_a_requirement_as_it_closed(
    login, recorded, stats
):
    """Opened with no choice on a day of 2026, the page shows 2024 (the last year with a
    requirement) as of 31 December 2024, not an empty current year."""
    with time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=dt.UTC), tick=False):
        page = login(stats).get(OVERVIEW)

    assert page.status_code == 200
    assert page.context["year"] == 2024
    assert page.context["as_of"] == dt.date(2024, 12, 31)
    assert "25.0% funded" in page.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("clerk", 403), ("ngo_a", 403), ("stats", 403),
                                                 ("liaison", 403)])  # fmt: skip
def test_only_managers_of_an_agency_office_may_record(
    request, login, donor, kaz_office, persona, status
):
    client = login(request.getfixturevalue(persona))

    assert client.get(NEW).status_code == status
    assert client.post(NEW, _post(donor, kaz_office)).status_code == status
    assert client.post(RATE, {"currency": "EUR", "valid_from": "2024-03-01",
                              "units_per_usd": "0.9"}).status_code == status  # fmt: skip
    assert not Contribution.objects.exists()
    assert not ExchangeRate.objects.exists()


def test_a_manager_of_another_office_cannot_record_for_this_one(login, kgz_manager, donor):
    kaz = Operation.objects.get(code="KAZ")

    response = login(kgz_manager).post(NEW, _post(donor, kaz))

    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_a_manager_records_a_contribution(login, manager, donor, kaz_office):
    response = login(manager).post(NEW, _post(donor, kaz_office))

    assert response.status_code == 302
    assert Contribution.objects.get().recorded_by == manager


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [({"amount": "-5"}, "amount", errors.AMOUNT_NOT_POSITIVE),
     ({"amount": "ten"}, "amount", errors.AMOUNT_NOT_POSITIVE),
     ({"currency": "XYZ"}, "currency", None),
     ({"currency": "EUR"}, "currency", None),
     ({"received_on": "2023-12-31"}, "received_on", None)],
)  # fmt: skip
def test_bad_input_is_refused_beside_its_field_in_russian(
    login, manager, donor, kaz_office, changes, field, message
):
    client = login(manager)
    client.cookies["django_language"] = "ru"

    response = client.post(NEW, _post(donor, kaz_office, **changes))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    if message is not None:
        with override("ru"):
            assert str(message) in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_manager_records_an_exchange_rate_and_bad_ones_are_refused(login, manager):
    client = login(manager)

    good = client.post(
        RATE, {"currency": "eur", "valid_from": "2024-03-01", "units_per_usd": "0.92"}
    )
    usd = client.post(RATE, {"currency": "USD", "valid_from": "2024-03-01", "units_per_usd": "1"})
    negative = client.post(RATE, {"currency": "KZT", "valid_from": "2024-03-01",
                                  "units_per_usd": "-450"})  # fmt: skip
    again = client.post(RATE, {"currency": "EUR", "valid_from": "2024-03-01", "units_per_usd": "1"})

    assert good.status_code == 302
    assert [r.status_code for r in (usd, negative, again)] == [400, 400, 400]
    assert "currency" in usd.context["form"].errors
    assert "units_per_usd" in negative.context["form"].errors
    assert "valid_from" in again.context["form"].errors
    assert [(r.currency, str(r.units_per_usd)) for r in ExchangeRate.objects.all()] == [
        ("EUR", "0.92000000")
    ]
