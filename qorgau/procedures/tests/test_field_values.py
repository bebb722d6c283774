"""A step's recorded answers as pages show them: languages by name, dates in the page's format."""

from __future__ import annotations

from django.utils import translation

from qorgau.procedures.labels import field_value


def test_it_names_a_language_in_the_page_language() -> None:
    with translation.override("ru"):
        assert field_value("interpreter_language", "rus") == "русский"
    with translation.override("en"):
        assert field_value("interpreter_language", "prs") == "Dari"


def test_it_shows_a_date_in_the_page_format_and_other_answers_as_recorded() -> None:
    with translation.override("en"):
        assert field_value("arrival_date", "2025-01-10") == "10 January 2025"
        assert field_value("interviewer", "Interviewer 3") == "Interviewer 3"
