"""The funding API: anyone signed in reads the funded share and the contributions; managers
of an agency office record; bad input answers 400 naming the field, nothing stored."""

from __future__ import annotations

import datetime as dt

import pytest

from qorgau.funding import services
from qorgau.funding.models import Contribution

SHARE = "/api/v1/funding/share/"
CONTRIBUTIONS = "/api/v1/funding/contributions/"


def _body(donor, **changes):
    body = {"donor": str(donor.public_id), "operation": "KAZ", "year": 2024, "amount": "100.50",
            "currency": "usd", "received_on": "2024-03-02", "earmarking": "earmarked",
            "area": "statelessness"}  # fmt: skip
    return body | changes


def test_anonymous_visitors_get_nothing(client):
    assert client.get(SHARE).status_code in (401, 403)
    assert client.get(CONTRIBUTIONS).status_code in (401, 403)


def test_anyone_signed_in_reads_the_share_by_area(login, stats, give, manager, rca, area):
    services.requirement_set(
        actor=manager, operation=rca, year=2024, area=area("statelessness"), amount_usd="400"
    )
    give("100", dt.date(2024, 3, 1), area=area("statelessness"))

    data = login(stats).get(SHARE, {"operation": "RCA", "year": 2024, "as_of": "2024-06-30"})

    assert data.status_code == 200
    assert data.json()["percent"] == "25.0"
    assert data.json()["areas"][0]["area"] == "statelessness"
    assert login(stats).get(CONTRIBUTIONS).json()["results"][0]["amount"] == "100.00"


def test_a_manager_records_a_contribution(login, manager, donor):
    response = login(manager).post(CONTRIBUTIONS, _body(donor), content_type="application/json")

    assert response.status_code == 201
    assert response.json()["currency"] == "USD"
    assert Contribution.objects.get().amount == pytest.approx(100.5)


@pytest.mark.parametrize("persona", ["clerk", "stats", "ngo_a", "kgz_manager"])
def test_others_may_not_record(request, login, donor, persona):
    client = login(request.getfixturevalue(persona))

    response = client.post(CONTRIBUTIONS, _body(donor), content_type="application/json")

    assert response.status_code == 403
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"amount": "-1"}, "amount"), ({"amount": "lots"}, "amount"), ({"currency": "ABC"}, "currency"),
     ({"currency": "EUR"}, "currency"), ({"received_on": "2025-01-01"}, "received_on")],
)  # fmt: skip
def test_bad_input_is_refused_naming_the_field(login, manager, donor, changes, field):
    response = login(manager).post(
        CONTRIBUTIONS, _body(donor, **changes), content_type="application/json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Contribution.objects.exists()


def test_the_endpoints_are_in_the_schema(login, stats):
    schema = login(stats).get("/api/schema/").content.decode()

    assert "/api/v1/funding/share/" in schema
    assert "/api/v1/funding/contributions/" in schema
