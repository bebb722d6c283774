"""The review queue names the deciding facts in words (issue 15), in the page's language."""

from django.utils import translation

from qorgau.identity.evidence import evidence_rows
from qorgau.people.models import Person


def _pair(*, years=(1961, 1980), patronymics=("Серікұлы", "")):
    return (
        Person(birth_year=years[0], patronymic=patronymics[0]),
        Person(birth_year=years[1], patronymic=patronymics[1]),
    )


EVIDENCE = [
    {
        "comparison": "date_of_birth",
        "level": "dates of birth differ by more than a year",
        "weight": -60.0,
    },
    {"comparison": "patronymic", "level": "missing", "weight": 0.0},
]


def test_it_names_the_years_between_the_dates_of_birth():
    with translation.override("en"):
        rows = evidence_rows(EVIDENCE, _pair())
        assert str(rows[0].level) == "dates of birth differ by 19 years"
        assert str(rows[1].level) == "patronymic missing on one side"


def test_it_says_so_in_kazakh_and_russian():
    for language in ("kk", "ru"):
        with translation.override(language):
            rows = evidence_rows(EVIDENCE, _pair())
            assert "19" in str(rows[0].level)
            assert "dates of birth" not in str(rows[0].level)
            assert "patronymic" not in str(rows[1].level)


def test_a_patronymic_missing_on_both_sides_keeps_the_levels_name():
    with translation.override("en"):
        rows = evidence_rows(EVIDENCE, _pair(patronymics=("", "")))
        assert str(rows[1].level) == "missing in one record or both"


def test_without_the_records_it_shows_the_levels_name():
    with translation.override("en"):
        rows = evidence_rows(EVIDENCE)
        assert str(rows[0].level) == "dates of birth differ by more than a year"
