"""The monthly figures through the API (``/api/v1/tickets/figures/``): each of the user's desks,
exact or as published (disclosure control), scoped like the desk; in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from qorgau.hotline.tests.factories import ticket_logged
from qorgau.statistics.disclosure import SUPPRESSED

pytestmark = pytest.mark.django_db

URL = "/api/v1/tickets/figures/"


def _may_calls(clerk, agency, count: int = 3) -> None:
    with time_machine.travel(timezone.make_aware(dt.datetime(2026, 5, 4, 9)), tick=False):
        for _ in range(count):
            ticket_logged(clerk, agency, language="ru", channel="phone")


def test_it_is_where_the_schema_says(db):
    assert reverse("ticket-figures") == URL


def test_it_gives_the_desks_month(clerk, agency, login):
    _may_calls(clerk, agency)

    response = login(clerk).get(URL, {"month": "2026-05"})

    assert response.status_code == 200
    [desk] = response.json()
    assert (desk["organisation"], desk["month"], desk["volume"]) == ("agency-kaz", "2026-05-01", 3)
    assert (desk["channels"]["phone"], desk["languages"]["ru"], desk["answered"]) == (3, 3, 0)
    assert (desk["median_hours"], desk["within_target"]) == (None, None)


def test_it_suppresses_small_counts_when_published(clerk, agency, login, settings):
    settings.STATISTICS_THRESHOLD = 5
    _may_calls(clerk, agency)

    [desk] = login(clerk).get(URL, {"month": "2026-05", "published": "true"}).json()

    assert desk["languages"]["ru"] == SUPPRESSED
    assert desk["volume"] == SUPPRESSED


def test_it_never_counts_another_desks_tickets(clerk, agency, ngo_a, login):
    _may_calls(clerk, agency)

    desks = login(ngo_a).get(URL, {"month": "2026-05"}).json()

    assert [(d["organisation"], d["volume"]) for d in desks] == [("ngo-a", 0)]


def test_it_refuses_those_without_a_desk_and_anonymous_callers(liaison, stats, login, client):
    assert login(liaison).get(URL).status_code == 403
    assert login(stats).get(URL).status_code == 403
    assert client.get(URL).status_code == 401


def test_it_refuses_a_malformed_month(clerk, login):
    response = login(clerk).get(URL, {"month": "May"})

    assert response.status_code == 400
    assert "month" in response.json()


def test_it_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()

    assert "/api/v1/tickets/figures/" in schema["paths"]
