"""One local format for dates and counts (docs/adr/0012-dates-and-numbers.md)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from qorgau.formats.display import local_date, local_number, partial_date

DAY = dt.date(2026, 12, 2)


def _render(text: str, language: str, **context: object) -> str:
    with translation.override(language):
        return Template("{% load display %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "2 December 2026"), ("ru", "2 декабря 2026"), ("kk", "2026 ж. 2 желтоқсан")],
)
def test_it_shows_a_date_in_the_languages_one_format(language: str, expected: str) -> None:
    assert _render("{{ day }}|{{ day|date }}|{{ iso|local_date }}", language, day=DAY,
                   iso="2026-12-02") == f"{expected}|{expected}|{expected}"  # fmt: skip


def test_a_russian_sentence_that_ends_with_a_date_ends_with_one_full_stop() -> None:
    # Django's Russian "2 декабря 2026 г." made such a sentence end in "г.." (the pledge
    # indicator's "По состоянию на 8 декабря 2026 г.. Числа меньше 5…").
    with translation.override("ru"):
        due = translation.gettext("Due on %(date)s.") % {"date": local_date(DAY)}
    assert due == "Срок: 2 декабря 2026."


@pytest.mark.parametrize("language", ["kk"])
def test_it_writes_kazakh_month_names_in_lower_case(language: str) -> None:
    with translation.override(language):
        months = [str(local_date(dt.date(2026, month, 1))).split()[-1] for month in range(1, 13)]
    assert months == [m.lower() for m in months]
    assert months[0] == "қаңтар"


def test_it_shows_a_datetime_in_local_time() -> None:
    moment = dt.datetime(2026, 12, 2, 14, 5, tzinfo=dt.UTC)
    with translation.override("en"):
        assert local_date(moment) == "2 December 2026, 19:05"  # Asia/Almaty, UTC+5


@pytest.mark.parametrize(
    ("language", "full", "month", "year"),
    [
        ("en", "9 March 1984", "March 1984", "1984"),
        ("ru", "9 марта 1984", "март 1984", "1984"),
        ("kk", "1984 ж. 9 наурыз", "1984 ж. наурыз", "1984"),
    ],
)
def test_a_date_of_birth_never_invents_an_unknown_day_or_month(
    language: str, full: str, month: str, year: str
) -> None:
    with translation.override(language):
        assert partial_date(1984, 3, 9) == full
        assert partial_date(1984, 3, None) == month
        assert partial_date(1984, None, None) == year
        assert partial_date(None) == ""


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "7,892"), ("ru", "7\xa0892"), ("kk", "7\xa0892")]
)
def test_it_groups_the_thousands_of_counts(language: str, expected: str) -> None:
    assert _render("{{ n|number }}", language, n=7892) == expected


def test_it_leaves_suppressed_cells_text_and_years_alone() -> None:
    assert local_number("*") == "*"
    assert local_number(None) is None
    assert local_number(True) is True
    assert local_date("not a date") == "not a date"
    assert local_date("2026-13-45") == "2026-13-45"
    # No global thousand separator: years, ids and form values print as they are.
    assert _render("{{ year }} {{ n }}", "ru", year=2024, n=7892) == "2024 7892"


@pytest.mark.django_db
def test_the_person_page_shows_local_dates_and_the_edit_form_keeps_iso(
    clerk, agency, make_person, login
) -> None:
    from django.conf import settings

    person = make_person(clerk, agency)
    client = login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "kk"

    page = client.get(f"/people/{person.public_id}/").content.decode()
    form = client.get(f"/people/{person.public_id}/edit/").content.decode()

    assert "1984 ж. 9 наурыз" in page
    assert "1984-03-09" not in page
    assert 'value="1984-03-09"' in form


@pytest.mark.parametrize(("language", "expected"), [("en", "8,000"), ("kk", "8\xa0000")])
def test_charts_group_thousands_like_the_page(language: str, expected: str) -> None:
    import vl_convert

    from qorgau.formats.display import chart_number_locale

    spec = {
        "data": {"values": [{"n": 7892}]},
        "mark": "bar",
        "encoding": {"x": {"field": "n", "type": "quantitative"}},
    }
    with translation.override(language):
        svg = vl_convert.vegalite_to_svg(spec, format_locale=chart_number_locale())
    assert f">{expected}<" in svg


@pytest.mark.parametrize(
    ("language", "person", "expected"),
    [
        ("en", {"birth_year": 1990, "birth_month": 3, "birth_day": 7}, "7 March 1990"),
        ("ru", {"birth_year": 1990, "birth_precision": "estimated"}, "~1990"),
        ("ru", {"birth_year": None}, '<span class="muted">неизвестно</span>'),
        ("kk", {"birth_year": None}, '<span class="muted">белгісіз</span>'),
    ],
)
def test_a_date_of_birth_is_shown_estimated_or_unknown_in_the_language(
    language: str, person: dict[str, object], expected: str
) -> None:
    shown = Template("{% load display %}{% birth_shown person %}")
    with translation.override(language):
        assert shown.render(Context({"person": SimpleNamespace(**person)})) == expected
