"""Recall classes of issue 15, each as a class of how names and dates are written: Persian
vowels in Latin (a comparison-time equivalence), a father's name in the family-name field of
an Afghan record, a 1 January placeholder beside a full date of the same year, and a typo
with a year-only or missing date (compared through the ends of the names' keys). Each with
what keeps namesakes, twins and Kazakh names out; and the fixed priors that keep namesakes of
one year and records with different document numbers from being merged (ADR 0052)."""

import math

import pytest

from qorgau.matching.comparisons import (
    DIFFERENT_DOCUMENTS_M,
    DIFFERENT_DOCUMENTS_U,
    FATHERS_NAME,
    ONE_PLACEHOLDER,
    OTHER_VOWELS,
    PATRONYMIC_DIFFERENT_M,
    PATRONYMIC_DIFFERENT_U,
    SAME_YEAR,
    SAME_YEAR_M,
    SAME_YEAR_U,
    SIBLINGS,
)
from qorgau.matching.normalise import key_ends, mark_family_given, normalise
from qorgau.matching.tests.people import cases_scored, levels
from qorgau.names import fold
from qorgau.names.equivalents import persian_vowels

FIELDS = (
    "id",
    "family_name",
    "given_name",
    "sex",
    "date_of_birth",
    "nationality",
    "patronymic",
    "document_number",
)


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("Mohammad", "Muhammad"),
        ("Mohamad", "Мухаммед"),
        ("Hossein", "Husain"),
        ("Mahmood", "Mahmud"),
        ("Fereshta", "Фаришта"),
        ("Laila", "Лейла"),
        ("Omid", "Umed"),
        ("Hussaini", "Хосейни"),
    ],
)
def test_persian_vowel_variants_reduce_to_one_key(one: str, two: str) -> None:
    assert persian_vowels(fold(one)) == persian_vowels(fold(two))


def test_the_vowel_reduction_is_never_a_stored_key() -> None:
    """``fold`` (what the registry stores and searches) keeps the vowels apart."""
    assert fold("Omid") != fold("Umed")
    assert fold("Асан") != fold("Есен")


def test_a_family_name_field_holding_a_given_name_of_the_lists_is_marked() -> None:
    left = normalise(
        [
            {"id": "1", "family_name": "Karim", "given_name": "Zahra"},
            {"id": "2", "family_name": "Safi", "given_name": "Karim"},
            {"id": "3", "family_name": "Ahmad Shah", "given_name": "Laila"},
        ]
    )
    right = normalise(
        [
            {"id": "a", "family_name": "Wardak", "given_name": "Карим"},
            {"id": "b", "family_name": "Noori", "given_name": "Ahmad Shah"},
        ]
    )
    mark_family_given([left, right])
    assert list(left["family_given"]) == [True, False, False]  # "Ahmad Shah" seen once
    assert list(right["family_given"]) == [False, False]


def case(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(left, right)`` records from ``"family|given|sex|born|nationality[|patronymic|
    document] / ..."``."""
    one, two = text.split(" / ")
    return tuple(one.split("|")), tuple(two.split("|"))


VOWELS = case("|Лейла|F|26.03.2018|AFG / Haidari|Laila|F|26.03.2018|AFG")
FAMILY_VOWELS = case("Хосейни|Зарина|F|14.02.1975|AFG / Hussaini|Zarina|F|14.02.1975|AFG")
KAZAKH_TWINS = case("Асанов|Асан|M|12.03.1990|KAZ / Asanov|Esen|M|12.03.1990|KAZ")
FATHER = case("Хусайни|Захра|F|18.10.1998|AFG / Karim|Zahra|F|1998-10-18|AFG")
FATHER_YEAR_ONLY = case("Хусайни|Захра|F|1998|AFG / Karim|Zahra|F|1998-10-18|AFG")
PLACEHOLDER = case("Нури|Мухаммед Хабиб|M|11.04.1976|AFG / |MOHAMAD HABIB|M|1976-01-01|AFG")
# Two records whose given name is Karim: a personal name in these lists.
KARIMS = [("Safi", "Karim", "M", "03.05.1980", "AFG"), ("Noori", "Karim", "M", "1991", "AFG")]
# Namesakes of one year: two full dates months apart (neither a 1 January).
SAME_YEAR_NAMESAKES = case(
    "Жумабаев|Нурлан|M|14.02.1975||Серикович / Zhumabaev|Nurlan|M|23.09.1975||Serikovich"
)
# One person's records with two document numbers (a passport and a certificate).
TWO_DOCUMENTS = case(
    "Сулейменова|Айгуль|F|05.06.1983||Ериковна|N12345678"
    " / Suleimenova|Aigul|F|05.06.1983||Erikovna|C87654321"
)
# A typo in the given name (a consonant: the skeleton differs too) with the date missing on
# one side and a year only on the other: no rule on names or years pairs them.
TYPO_NO_DATE = case("Тохтаров|Бахытжан|M|1969||Сагатович / Tokhtarov|Bakhytzhal|M|||")
TYPO_NO_DATE_FAMILY = case("Жумабаева|Гульнара|F||| / Zhukabaeva|Gulnara|F|1958||")
# Namesakes with other fathers, one date a year only.
OTHER_FATHERS = case(
    "Сейтказиев|Ерлан|M|1980||Маратович / Seitkaziev|Erlan|M|12.05.1980||Bolatovich"
)
CASES = [
    VOWELS,
    FAMILY_VOWELS,
    KAZAKH_TWINS,
    FATHER,
    FATHER_YEAR_ONLY,
    PLACEHOLDER,
    SAME_YEAR_NAMESAKES,
    TWO_DOCUMENTS,
    TYPO_NO_DATE,
    TYPO_NO_DATE_FAMILY,
    OTHER_FATHERS,
]


def record(ident: str, values: tuple[str, ...]) -> dict[str, str]:
    """A record of :data:`FIELDS` (the fields ``values`` leave out empty)."""
    return dict(zip(FIELDS, (ident, *values, *[""] * (len(FIELDS) - 1 - len(values))), strict=True))


@pytest.fixture(scope="module")
def scored_pairs():
    """The pairs scored among the test lists by a model trained on those lists."""
    return cases_scored(CASES, KARIMS, record, "K")


def scored(pairs, which):
    return pairs[CASES.index(which)]


def test_a_given_name_with_other_vowels_is_compared_as_one_name(scored_pairs):
    """Paired (the vowel key is a blocking rule) and compared as "other vowels"."""
    pair = scored(scored_pairs, VOWELS)
    assert pair is not None
    assert levels(pair)["given"] == OTHER_VOWELS


def test_a_family_name_with_other_vowels_is_compared_as_one_name(scored_pairs):
    pair = scored(scored_pairs, FAMILY_VOWELS)
    assert levels(pair)["family"] == OTHER_VOWELS
    assert pair.probability >= 0.95


def test_kazakh_twins_whose_names_differ_in_vowels_stay_twins(scored_pairs):
    pair = scored(scored_pairs, KAZAKH_TWINS)
    assert levels(pair)["given"] == SIBLINGS
    assert pair.probability < 0.5


def test_a_fathers_name_as_the_family_name_with_the_same_full_date_is_no_evidence_against(
    scored_pairs,
):
    pair = scored(scored_pairs, FATHER)
    assert levels(pair)["family"] == FATHERS_NAME
    assert {e.comparison: e.match_weight for e in pair.evidence}["family"] == pytest.approx(0)


def test_a_fathers_name_with_a_year_only_date_stays_a_different_family_name(scored_pairs):
    """A namesake of the year would pass as easily: the family names count against."""
    pair = scored(scored_pairs, FATHER_YEAR_ONLY)
    assert levels(pair)["family"] == "different"
    assert pair.probability < scored(scored_pairs, FATHER).probability


def test_a_1_january_placeholder_beside_a_full_date_of_its_year_is_its_own_level(scored_pairs):
    pair = scored(scored_pairs, PLACEHOLDER)
    assert levels(pair)["date_of_birth"] == ONE_PLACEHOLDER


def weights(pair):
    return {evidence.comparison: evidence.match_weight for evidence in pair.evidence}


def test_namesakes_of_one_year_with_full_dates_months_apart_are_not_merged(scored_pairs):
    """Two full dates of one year, not a day apart, swapped or one digit off: a fixed prior
    against (EM learnt it from namesakes, about -1)."""
    pair = scored(scored_pairs, SAME_YEAR_NAMESAKES)
    assert levels(pair)["date_of_birth"] == SAME_YEAR
    assert weights(pair)["date_of_birth"] == pytest.approx(math.log2(SAME_YEAR_M / SAME_YEAR_U))
    assert weights(pair)["date_of_birth"] < -4


def test_different_document_numbers_weigh_their_fixed_prior(scored_pairs):
    """A person may hold a passport and a certificate: different numbers count against, by a
    fixed prior rather than what EM learns from namesakes, and do not undo a full match."""
    pair = scored(scored_pairs, TWO_DOCUMENTS)
    assert levels(pair)["document_number"] == "different"
    assert weights(pair)["document_number"] == pytest.approx(
        math.log2(DIFFERENT_DOCUMENTS_M / DIFFERENT_DOCUMENTS_U)
    )
    assert pair.probability >= 0.95


@pytest.mark.parametrize(
    ("key", "ends"),
    [
        ("bakhytzhan", ("bak", "han")),
        ("ali", ("ali", "ali")),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_the_ends_of_a_key_are_its_first_and_last_letters(key, ends):
    assert key_ends(key) == ends


@pytest.mark.parametrize("which", [TYPO_NO_DATE, TYPO_NO_DATE_FAMILY])
def test_a_typo_with_a_year_only_or_missing_date_is_compared(scored_pairs, which):
    """One name agrees, the other has a typo and no date agrees: the ends of the names'
    keys pair them, and the typo is scored as a close spelling."""
    pair = scored(scored_pairs, which)
    assert pair is not None
    assert "close spelling" in set(levels(pair).values())
    assert levels(pair)["date_of_birth"] == "missing"


def test_namesakes_with_other_fathers_weigh_the_fixed_prior_against(scored_pairs):
    pair = scored(scored_pairs, OTHER_FATHERS)
    assert levels(pair)["patronymic"] == "different"
    assert weights(pair)["patronymic"] == pytest.approx(
        math.log2(PATRONYMIC_DIFFERENT_M / PATRONYMIC_DIFFERENT_U)
    )
    assert weights(pair)["patronymic"] < -8
