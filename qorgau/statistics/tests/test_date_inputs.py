"""The as-of dates of the statistics pages hold ISO values in Kazakh and Russian: pressing
"Показать" with the pre-filled date must show the figures, not "Обязательное поле."."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from qorgau.statistics.forms import FactSheetForm, FiguresForm
from qorgau.web.tests.form_submission import form_data

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2026, 12, 2, 6, tzinfo=dt.UTC)


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_it_renders_the_as_of_dates_as_iso(language: str) -> None:
    data = {"country": "KAZ", "as_of": dt.date(2026, 12, 2), "funding_as_of": dt.date(2026, 6, 30)}
    with translation.override(language):
        figures = str(FiguresForm(data, countries=["KAZ"]))
        sheet = str(FactSheetForm(data | {"lang": language}, countries=["KAZ"]))

    assert 'name="as_of" value="2026-12-02"' in figures
    assert 'name="as_of" value="2026-12-02"' in sheet
    assert 'name="funding_as_of" value="2026-06-30"' in sheet


@pytest.mark.parametrize("language", ["kk", "ru"])
@time_machine.travel(TODAY, tick=False)
def test_it_shows_the_figures_for_the_prefilled_date_in_the_language(
    stats, history, login, language: str
) -> None:
    history(("ASY", dt.date(2023, 5, 1)))
    client = login(stats)
    client.cookies["django_language"] = language
    page = client.get("/statistics/")
    sent = form_data(page.content.decode(), "as_of")

    shown = client.get("/statistics/", sent)

    assert shown.status_code == 200
    assert not shown.context["form"].errors
    assert sent["as_of"] == ["2026-12-01"]  # the last reference date (ADR 0036)
    assert "data" in shown.context
    assert "Обязательное поле" not in shown.content.decode()


@pytest.mark.parametrize("language", ["kk", "ru"])
@time_machine.travel(TODAY, tick=False)
def test_it_prefills_the_fact_sheets_date_as_iso(stats, login, language: str) -> None:
    page = login(stats).get("/statistics/factsheet/", HTTP_ACCEPT_LANGUAGE=language)

    assert form_data(page.content.decode(), "as_of")["as_of"] == ["2026-01-01"]
