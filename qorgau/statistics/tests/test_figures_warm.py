"""The figures the statistics pages open with, computed before anyone asks (issue 12, ADR
0015): after the warm-up the dashboard, the fact sheet and the public page compute nothing and
draw no chart; the warm-up itself computes each copy once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from qorgau.people.services.status import status_period_record
from qorgau.statistics import cached
from qorgau.statistics.figures import Figures, figures
from qorgau.statistics.warm import figures_warm, opening_dates
from qorgau.web import charts

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dt.date]]:
    """Each computation of figures and each chart drawn, as (what, date or locale)."""
    calls: list[tuple[str, Any]] = []

    def counting(**kwargs: Any) -> Figures:
        calls.append((kwargs["country"], kwargs["as_of"]))
        return figures(**kwargs)

    real = charts.vl_convert.vegalite_to_svg

    def drawing(spec: Any, **kwargs: Any) -> str:
        calls.append(("chart", str(kwargs["format_locale"])))
        return str(real(spec, **kwargs))

    monkeypatch.setattr(cached, "figures", counting)
    monkeypatch.setattr(charts.vl_convert, "vegalite_to_svg", drawing)
    return calls


def test_after_a_change_the_warm_up_leaves_nothing_for_the_pages_to_compute(
    history, clerk, agency, stats, login, client, computed
):
    person = history(("STA", D(2020, 2, 1)))
    status_period_record(
        actor=clerk, organisation=agency, person=person, status="NAT", effective_from=D(2022, 3, 1)
    )
    today = dt.date.today()

    done = figures_warm()
    warmed = len(computed)
    viewer = login(stats)
    pages = [viewer.get("/statistics/"), viewer.get("/statistics/factsheet/")]
    viewer.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"
    pages.append(viewer.get("/statistics/"))
    pages.append(client.get("/figures/"))

    assert done == [("KAZ", day) for day in opening_dates(today)]
    assert all(page.status_code == 200 for page in pages)
    assert pages[0].context["data"] is not None
    assert computed[warmed:] == []  # no figures computed, no chart drawn by a page
    assert ("KAZ", D(today.year, 1, 1)) in computed  # the public copy among them


def test_a_second_warm_up_of_the_same_history_computes_nothing(history, computed):
    history(("STA", D(2020, 2, 1)))
    figures_warm()
    computed.clear()

    figures_warm()

    assert computed == []


def test_the_command_names_what_it_computed(history, capsys):
    history(("STA", D(2020, 2, 1)))

    call_command("statistics_warm")

    assert "KAZ" in capsys.readouterr().out


def test_a_country_without_history_is_left_out(computed):
    assert figures_warm() == []
    assert computed == []
