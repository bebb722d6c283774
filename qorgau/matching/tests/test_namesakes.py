"""The date rule (ADR 0040): namesakes and siblings whose full dates of birth are more than a
year apart are not the same person, unless their document numbers agree."""

import pytest

from qorgau.matching.comparisons import YEARS_APART
from qorgau.matching.dates import parse_birth_date
from qorgau.matching.engine import match
from qorgau.matching.tests.people import latin_copies, namesake, people
from qorgau.names.dates import years_apart


def apart(one, other):
    return years_apart(parse_birth_date(one), parse_birth_date(other))


@pytest.mark.parametrize(
    ("one", "other", "years"),
    [
        ("17.05.2006", "17.05.1985", 21),  # namesakes
        ("03.02.1961", "11.09.1974", 13),  # namesakes
        ("12.04.2010", "30.08.2007", 3),  # siblings
        ("02.01.1985", "30.12.1986", 1),  # more than a year, the next year but one
        ("12.04.2010", "12.04.2010", None),  # twins: the same day
        ("07.03.1990", "07.03.1991", None),  # a year off by one
        ("07.03.1990", "03.07.1990", None),  # day and month swapped
        ("01.01.1990", "15.06.1970", None),  # 1 January: a placeholder, not a full date
        ("1990", "15.06.1970", None),  # a year only
        ("", "15.06.1970", None),  # missing
        ("12.03.1985", "12.03.1958", None),  # two digits swapped: a keying error
        ("12.03.1985", "12.03.1975", None),  # one digit mistyped
        ("12.03.1985", "21.03.1958", 27),  # more than one typo
    ],
)
def test_years_apart_applies_to_full_dates_more_than_a_year_apart(one, other, years):
    assert apart(one, other) == years


def _person(ident, born, document=""):
    return namesake(ident, born, document_number=document)


@pytest.fixture(scope="module")
def namesakes():
    """A list of 800 people with three namesakes (born 1961, 1974, 1988) and two brothers,
    against their Latin copies; the copies of the namesakes are in the other list."""
    left = people(800, seed=5)
    left += [
        _person("N1", "03.02.1961", "N11111111"),
        _person("N2", "11.09.1974", "N22222222"),
        dict(_person("N3", "25.12.1988"), given_name="Ерлан"),  # a brother of N2, other name
    ]
    right = latin_copies(left[:800], 0.3, seed=6)
    right += [
        dict(
            _person("R1", "03.02.1961", "N11111111"), family_name="Yerzhanov", given_name="Nurlan"
        ),
        dict(_person("R2", "11.09.1974"), family_name="Erzhanov", given_name="Nurlan"),
        # N2 again with N1's birth date mistyped but N2's document: the document decides
        dict(_person("R3", "03.02.1962", "N22222222"), family_name="Yerzhanov"),
    ]
    return match(left, right)


def _found(result, left, right):
    return [pair for pair in result.pairs if (pair.left_id, pair.right_id) == (left, right)]


def test_namesakes_born_years_apart_stay_below_the_review_band(namesakes):
    assert _found(namesakes, "N1", "R2") == []
    assert _found(namesakes, "N2", "R1") == []
    assert _found(namesakes, "N3", "R1") == []  # a brother: other given name, other year


def test_namesakes_are_still_matched_to_themselves(namesakes):
    assert [pair.probability >= 0.95 for pair in _found(namesakes, "N1", "R1")] == [True]
    assert [pair.probability >= 0.95 for pair in _found(namesakes, "N2", "R2")] == [True]


def test_an_agreeing_document_number_overrides_the_date_rule(namesakes):
    (pair,) = _found(namesakes, "N2", "R3")
    evidence = {e.comparison: e for e in pair.evidence}
    assert evidence["date_of_birth"].level != YEARS_APART
    assert evidence["document_number"].level == "exact"
    assert pair.probability >= 0.5


def test_the_date_rule_is_a_fixed_level_with_a_strong_weight():
    from qorgau.matching.comparisons import YEARS_APART_M, YEARS_APART_U

    assert YEARS_APART_M / YEARS_APART_U == 2.0**-60
