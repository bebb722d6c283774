"""Statistics that cannot be differenced (ADR 0036): one child registered between two days.

The agency office's managers see both days and the cell that grew by one; anyone else (a
statistics viewer, a government liaison, an anonymous visitor) gets figures only as of
reference dates, so never two consecutive days, and cannot learn the registration.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from qorgau.statistics import errors
from qorgau.statistics.disclosure import (
    is_reference_date,
    reference_date_after,
    reference_date_on_or_before,
)

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = dt.datetime(2024, 3, 10, 6, tzinfo=dt.UTC)
BEFORE, AFTER = D(2024, 1, 31), D(2024, 2, 1)  # the child is registered as of 1 February
API = "/api/v1/statistics/figures/"


@pytest.fixture
def registry(history, settings):
    """Six stateless adults since 2023 and one stateless child from 1 February 2024; no
    suppression, so that what a reader could learn is plain."""
    settings.STATISTICS_THRESHOLD = 0
    for _ in range(6):
        history(("STA", D(2023, 1, 1)))
    return history(("STA", AFTER), date_of_birth="2023-05-04")


def _stateless(client, day: dt.date) -> object:
    response = client.get(API, {"country": "KAZ", "as_of": day.isoformat()})
    return response.status_code, response.json()


@time_machine.travel(TODAY, tick=False)
def test_a_manager_of_the_office_sees_the_child_between_two_days(registry, officer, login):
    client = login(officer)

    (before_status, before), (after_status, after) = (
        _stateless(client, BEFORE),
        _stateless(client, AFTER),
    )

    assert (before_status, after_status) == (200, 200)
    assert after["stateless"]["total"] - before["stateless"]["total"] == 1


@pytest.mark.parametrize("persona", ["stats", "liaison"])
@time_machine.travel(TODAY, tick=False)
def test_an_outside_reader_gets_no_two_consecutive_days(
    request, registry, login, persona, settings
):
    settings.EXPORT_RATE = "1000/hour"  # 71 asks of the figures: above the export rate
    client = login(request.getfixturevalue(persona))

    answered = {
        day
        for day in (D(2023, 12, 31) + dt.timedelta(days=n) for n in range(70))
        if _stateless(client, day)[0] == 200
    }

    assert answered == {D(2024, 1, 1), D(2024, 2, 1), D(2024, 3, 1)}
    status, refused = _stateless(client, BEFORE)
    assert status == 400
    assert refused["code"] == "not_a_reference_date"
    assert "2024-01-01" in refused["detail"]
    assert "2024-02-01" in refused["detail"]


@time_machine.travel(TODAY, tick=False)
def test_the_refusal_is_in_the_readers_language(registry, stats, login):
    response = login(stats).get(
        API, {"country": "KAZ", "as_of": "2024-01-31"}, HTTP_ACCEPT_LANGUAGE="ru"
    )

    with translation.override("ru"):
        expected = str(errors.NOT_A_REFERENCE_DATE).split("%(date)s")[0]
    assert response.status_code == 400
    assert expected in response.json()["detail"]
    assert "Figures" not in response.json()["detail"]


@time_machine.travel(TODAY, tick=False)
def test_an_outside_reader_cannot_move_the_start_of_the_flows_by_a_day(registry, stats, login):
    response = login(stats).get(
        API, {"country": "KAZ", "as_of": "2024-02-01", "since": "2014-01-02"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "since_not_a_reference_date"


@pytest.mark.parametrize(
    "path",
    ["/statistics/", "/statistics/chart/stateless.csv", "/statistics/factsheet/",
     "/statistics/factsheet.pdf"],
)  # fmt: skip
@time_machine.travel(TODAY, tick=False)
def test_every_page_refuses_a_day_between_reference_dates(registry, stats, login, path):
    query = {"country": "KAZ", "as_of": BEFORE.isoformat(), "lang": "en"}

    refused = login(stats).get(path, query)
    shown = login(stats).get(path, query | {"as_of": AFTER.isoformat()})

    assert refused.status_code == 400
    assert "reference dates" in refused.content.decode()
    assert shown.status_code == 200


@time_machine.travel(TODAY, tick=False)
def test_the_pages_start_from_the_last_reference_date_and_say_why(registry, stats, officer, login):
    outside = login(stats).get("/statistics/")
    manager = login(officer).get("/statistics/")

    assert outside.context["form"].data["as_of"] == D(2024, 3, 1)
    assert "only as of reference dates" in outside.content.decode()
    assert manager.context["form"].data["as_of"] == D(2024, 3, 10)
    assert "only as of reference dates" not in manager.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_an_anonymous_visitor_cannot_choose_a_day(registry, client):
    assert client.get(API, {"country": "KAZ", "as_of": "2024-01-31"}).status_code == 401
    before = client.get("/figures/", {"as_of": BEFORE.isoformat()})
    after = client.get("/figures/", {"as_of": AFTER.isoformat()})

    assert before.status_code == after.status_code == 200
    assert before.context["releases"][0][1].figures.as_of == D(2024, 1, 1)
    assert after.context["releases"][0][1].figures.as_of == D(2024, 1, 1)


@pytest.mark.parametrize(
    ("day", "months", "reference", "on_or_before", "after"),
    [
        (D(2024, 1, 31), 1, False, D(2024, 1, 1), D(2024, 2, 1)),
        (D(2024, 2, 1), 1, True, D(2024, 2, 1), D(2024, 3, 1)),
        (D(2024, 12, 31), 1, False, D(2024, 12, 1), D(2025, 1, 1)),
        (D(2024, 5, 1), 3, False, D(2024, 4, 1), D(2024, 7, 1)),
        (D(2024, 10, 1), 3, True, D(2024, 10, 1), D(2025, 1, 1)),
        (D(2024, 7, 1), 12, False, D(2024, 1, 1), D(2025, 1, 1)),
    ],
)
def test_reference_dates_are_first_days_of_every_nth_month_from_january(
    day, months, reference, on_or_before, after
):
    assert is_reference_date(day, months) is reference
    assert reference_date_on_or_before(day, months) == on_or_before
    assert reference_date_after(day, months) == after


@pytest.mark.parametrize("format", ["csv", "xlsx"])
@time_machine.travel(TODAY, tick=False)
def test_the_api_files_refuse_a_day_between_reference_dates(registry, stats, login, format):
    client = login(stats)
    query = {"country": "KAZ", "format": format}

    refused = client.get(API, query | {"as_of": BEFORE.isoformat()})
    shown = client.get(API, query | {"as_of": AFTER.isoformat()})

    assert refused.status_code == 400
    assert refused.json()["code"] == "not_a_reference_date"
    assert shown.status_code == 200
    assert "attachment" in shown["Content-Disposition"]
