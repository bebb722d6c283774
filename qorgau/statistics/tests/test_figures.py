"""Figures as of a date, on hand-built status histories."""

from __future__ import annotations

import datetime as dt

import pytest

from qorgau.identity.models import Candidate, Verdict
from qorgau.identity.services import ScoredPair, candidates_store, pair_decide
from qorgau.people.dates import PartialDate
from qorgau.reference.models import Country, Region
from qorgau.statistics.ages import age_band_of
from qorgau.statistics.figures import figures

pytestmark = pytest.mark.django_db
ON = dt.date(2024, 1, 1)
D = dt.date


def _afg() -> Country:
    return Country.objects.get(iso3="AFG")


def test_a_change_on_the_reference_date_counts_from_that_day(history):
    history(("ASY", D(2023, 5, 1)), ("REF", ON), origin_country=_afg())

    result = figures(country="KAZ", as_of=ON)
    before = figures(country="KAZ", as_of=D(2023, 12, 31))

    assert result.by_origin == {("REF", "AFG"): 1}
    assert before.by_origin == {("ASY", "AFG"): 1}


def test_someone_who_left_and_came_back_counts_once_in_the_status_of_the_day(history):
    history(("REF", D(2015, 3, 1)), ("DEP", D(2018, 6, 1)), ("ASY", D(2023, 2, 1)))

    assert figures(country="KAZ", as_of=ON).by_origin == {("ASY", "unknown"): 1}
    assert figures(country="KAZ", as_of=D(2020, 1, 1)).by_origin == {}
    assert figures(country="KAZ", as_of=D(2016, 1, 1)).by_origin == {("REF", "unknown"): 1}


def test_acquisitions_count_per_year_from_the_start_date_to_the_reference_date(history):
    history(("STA", D(2016, 1, 10)), ("NAT", D(2020, 3, 1)))
    history(("STA", D(2019, 1, 10)), ("NCF", ON))
    history(("UND", D(2010, 1, 10)), ("NCF", D(2013, 5, 1)))  # before the start

    result = figures(country="KAZ", as_of=ON)

    assert result.acquired == {(2020, "NAT"): 1, (2024, "NCF"): 1}
    assert result.stateless == 0
    assert figures(country="KAZ", as_of=D(2023, 12, 31)).stateless == 1


def test_a_merged_duplicate_counts_once(history, clerk):
    kept = history(("STA", D(2017, 1, 1)))
    duplicate = history(("STA", D(2017, 2, 1)), given_name="Erlan")
    assert figures(country="KAZ", as_of=ON).stateless == 2

    candidates_store([ScoredPair(kept.pk, duplicate.pk, 0.99, [])])
    pair_decide(actor=clerk, candidate=Candidate.objects.get(), verdict=Verdict.SAME, kept=kept)

    result = figures(country="KAZ", as_of=ON)
    assert result.stateless == 1
    assert sum(result.people.values()) == 1


def test_it_splits_stateless_people_by_status_and_counts_other_countries_apart(
    history, agency_kgz, make_person
):
    history(("STA", D(2018, 1, 1)))
    history(("UND", D(2019, 1, 1)))
    history(("UND", D(2019, 1, 1)))

    result = figures(country="KAZ", as_of=ON)

    assert result.status_total("STA") == 1
    assert result.status_total("UND") == 2
    assert figures(country="KGZ", as_of=ON).stateless == 0


def test_breakdowns_by_sex_age_region_and_registering_organisation(history):
    almaty = Region.objects.get(code="KZ-75")
    history(("REF", D(2020, 1, 1)), sex="female", date_of_birth="2021-06-01", region=almaty)
    history(("REF", D(2020, 1, 1)), sex="male", date_of_birth="1950")
    history(("ASY", D(2020, 1, 1)), sex="other", date_of_birth="")

    people = figures(country="KAZ", as_of=ON).people

    assert people == {
        ("REF", "female", "0-4", "KZ-75", "un_agency"): 1,
        ("REF", "male", "60+", "unknown", "un_agency"): 1,
        ("ASY", "other_or_unknown", "unknown", "unknown", "un_agency"): 1,
    }


@pytest.mark.parametrize(
    ("birth", "on", "band"),
    [
        ("2019", D(2024, 1, 1), "0-4"),  # taken as 1 July 2019: 4 years old
        ("2019", D(2024, 7, 1), "5-11"),  # 5 on 1 July 2024
        ("2019-03", D(2024, 3, 14), "0-4"),  # taken as 15 March
        ("2019-03", D(2024, 3, 15), "5-11"),
        ("2019-03-20", D(2024, 3, 19), "0-4"),
        ("2019-03-20", D(2024, 3, 20), "5-11"),
        ("2006-01-01", D(2024, 1, 1), "18-59"),
        ("2006-01-02", D(2024, 1, 1), "12-17"),
        ("1964-01-01", D(2024, 1, 1), "60+"),
        ("", D(2024, 1, 1), "unknown"),
    ],
)
def test_ages_follow_the_documented_rule_in_sql_and_in_python(history, birth, on, band):
    history(("REF", D(2000, 1, 1)), date_of_birth=birth)
    date = PartialDate.parse(birth)

    assert {key[2] for key in figures(country="KAZ", as_of=on).people} == {band}
    assert age_band_of(date.year, date.month, date.day, on) == band
