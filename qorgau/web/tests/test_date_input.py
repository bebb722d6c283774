"""The shared date input: ISO values in every language, read back in every language."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from qorgau.web.widgets import DateInput

LANGUAGES = ["kk", "ru", "en"]


class _Form(forms.Form):
    on = forms.DateField(widget=DateInput)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_renders_a_date_as_iso_in_every_language(language: str) -> None:
    with translation.override(language):
        html = str(_Form(initial={"on": dt.date(2026, 12, 2)})["on"])

    assert 'type="date"' in html
    assert 'value="2026-12-02"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_renders_bound_dates_as_iso_in_every_language(language: str) -> None:
    with translation.override(language):
        bound = str(_Form({"on": dt.date(2026, 12, 2)})["on"])

    assert 'value="2026-12-02"' in bound


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_it_renders_a_date_typed_in_the_languages_format_as_iso(language: str) -> None:
    with translation.override(language):
        html = str(_Form({"on": "02.12.2026"})["on"])

    assert 'value="2026-12-02"' in html


def test_it_leaves_an_unreadable_value_as_it_came() -> None:
    with translation.override("ru"):
        html = str(_Form({"on": "2023-02-30"})["on"])

    assert 'value="2023-02-30"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_reads_an_iso_date_in_every_language(language: str) -> None:
    with translation.override(language):
        form = _Form({"on": "2026-12-02"})

        assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == dt.date(2026, 12, 2)
