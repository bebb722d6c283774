"""The pipeline cannot be differenced either (ADR 0036, issue 14): outside the agency office's
managers, a reader gets its figures only for periods from a reference date to the day before
one, so never for two periods a day apart; the refusal says why, in the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from qorgau.organisations.models import Organisation
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.procedures import errors

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = dt.datetime(2025, 3, 10, 6, tzinfo=dt.UTC)
URL = reverse("procedures:pipeline")


def _ask(client: Any, start: dt.date, end: dt.date, **headers: str) -> Any:
    query = {"country": "KAZ", "date_from": start.isoformat(), "date_to": end.isoformat()}
    return client.get(URL, query, headers=headers)


@pytest.mark.parametrize("persona", ["stats", "liaison"])
@time_machine.travel(TODAY, tick=False)
def test_an_outside_reader_gets_no_two_periods_a_day_apart(request, login, persona):
    client = login(request.getfixturevalue(persona))

    ends = {
        end
        for end in (D(2025, 1, 20) + dt.timedelta(days=n) for n in range(45))
        if _ask(client, D(2025, 1, 1), end).status_code == 200
    }
    starts = {
        start
        for start in (D(2024, 12, 25) + dt.timedelta(days=n) for n in range(12))
        if _ask(client, start, D(2025, 2, 28)).status_code == 200
    }

    assert ends == {D(2025, 1, 31), D(2025, 2, 28)}
    assert starts == {D(2025, 1, 1)}


@time_machine.travel(TODAY, tick=False)
def test_the_refusal_names_the_nearest_dates_in_the_readers_language(login, stats):
    end = _ask(login(stats), D(2025, 1, 1), D(2025, 1, 30), accept_language="ru")
    start = _ask(login(stats), D(2025, 1, 2), D(2025, 1, 31))

    assert end.status_code == 400
    assert end.context["rows"] is None
    with translation.override("ru"):
        words = str(errors.PERIOD_END_NOT_REFERENCE).split(":")[0]
    assert words in end.content.decode()
    assert "2024-12-31" in end.content.decode()
    assert "2025-01-31" in end.content.decode()
    assert start.status_code == 400
    assert start.context["form"].errors["date_from"]
    assert "2025-02-01" in start.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_an_outside_reader_opens_the_page_on_an_allowed_period(login, stats):
    page = login(stats).get(URL)

    assert page.status_code == 200
    assert page.context["rows"] is not None
    assert page.context["form"].data["date_from"] == D(2025, 1, 1)
    assert page.context["form"].data["date_to"] == D(2025, 2, 28)


@time_machine.travel(TODAY, tick=False)
def test_a_manager_of_the_office_may_ask_for_any_day(login, agency: Organisation):
    client = login(user_make("manager", agency, Role.PROTECTION_OFFICER))

    assert _ask(client, D(2025, 1, 2), D(2025, 1, 30)).status_code == 200
    assert _ask(client, D(2025, 1, 2), D(2025, 1, 31)).status_code == 200
    assert client.get(URL).context["form"].data["date_to"] == D(2025, 3, 10)


@time_machine.travel(TODAY, tick=False)
def test_quarters_when_the_setting_says_so(login, stats, settings):
    settings.STATISTICS_REFERENCE_MONTHS = 3

    assert _ask(login(stats), D(2025, 1, 1), D(2025, 1, 31)).status_code == 400
    assert _ask(login(stats), D(2024, 10, 1), D(2024, 12, 31)).status_code == 200
