"""The funding charts' numbers as CSV: counted in the exports' rate limit and logged as an
export, as the statistics charts' are; the funded share behind them is kept between requests
and recomputed after any change to the funding records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qorgau.audit.models import SecurityEvent
from qorgau.funding import services

QUERY = {"operation": "RCA", "year": 2024, "as_of": "2024-12-31"}


@pytest.fixture
def recorded(give, manager, rca, area):
    services.requirement_set(
        actor=manager, operation=rca, year=2024, area=area("statelessness"), amount_usd="1000"
    )
    give("250", dt.date(2024, 3, 1))


@pytest.mark.parametrize("name", ["progress", "donors", "earmarking"])
def test_each_chart_has_its_numbers_and_the_download_is_logged(login, stats, recorded, name):
    response = login(stats).get(f"/funding/charts/{name}.csv", QUERY)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    assert response.content.startswith(b"\xef\xbb\xbf")
    event = SecurityEvent.objects.get(event="export")
    assert event.user == stats
    assert event.detail == {"what": "funding_chart", "chart": name, "operation": "RCA",
                            "year": "2024", "as_of": "2024-12-31"}  # fmt: skip


def test_the_downloads_share_the_export_limit(settings, login, stats, recorded):
    settings.EXPORT_RATE = "2/hour"
    client = login(stats)

    answers = [client.get("/funding/charts/donors.csv", QUERY).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert SecurityEvent.objects.filter(event="export").count() == 2


def test_the_share_is_kept_until_a_funding_record_changes(login, stats, recorded, give):
    client = login(stats)
    client.get("/funding/charts/donors.csv", QUERY)

    with CaptureQueriesContext(connection) as again:
        kept = client.get("/funding/charts/donors.csv", QUERY)
    give("750", dt.date(2024, 4, 1))
    changed = client.get("/funding/charts/progress.csv", QUERY)

    assert not [q for q in again.captured_queries if "funding_contribution" in q["sql"]
                and "historical" not in q["sql"]]  # fmt: skip
    assert "Testland,250.00" in kept.content.decode("utf-8-sig")
    assert ",1000.00,1000.00" in changed.content.decode("utf-8-sig")
