"""Names written in the other field, or alone, and the forms that reach them (ADR 0064): a
record's only name read as its given name when the lists use it so, a swap beside a father's
name (one crossing), a swap in Ukrainian romanisation (the crossing found among the names'
readings), Ukrainian forms of Russian names in the equivalence table; and what keeps twins and
namesakes out: one crossing counts once, two 1 January placeholders are not a typo, and the
given name alone pairs records only where no year and no family name could."""

import pytest

from qorgau.matching.comparisons import SIBLINGS, SWAPPED
from qorgau.matching.normalise import mark_family_given, normalise
from qorgau.matching.tests.people import cases_scored, levels
from qorgau.names import fold
from qorgau.names.equivalents import equivalent

FIELDS = ("id", "family_name", "given_name", "sex", "date_of_birth", "nationality")


def case(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(left, right)`` records from ``"family|given|sex|born|nationality / ..."``."""
    one, two = text.split(" / ")
    return tuple(one.split("|")), tuple(two.split("|"))


LONE = case("|Парвана|F|27.03.2015|AFG / Parwana||F|2015-03-27|AFG")
FATHER_SWAPPED = case("Мохаммади|Захра|F|28.11.1994|AFG / Zahra|Gulahmad|F|1994-11-28|AFG")
UKRAINIAN_SWAPPED = case(
    "Гребенюк|Екатерина|F|20.12.1990|UKR / Kateryna|Hrebeniuk|F|1990-12-20|UKR"
)
UKRAINIAN_FORM = case("Литвиненко|Анна|F|23.10.1988|UKR / Lytvynenko|Hanna|F|1988-10-23|UKR")
TWINS_ONE_CROSSING = case("Полищук|Тарас|M|12.01.1995|UKR / Ivan|Polishchuk|M|1995-01-12|UKR")
TWO_PLACEHOLDERS = case("Шинвари|Фарзана|F|01.01.1975|AFG / Shinwari|Farzana|F|1972-01-01|AFG")
NO_DATE_NO_FAMILY = case("|Фарид|M||AFG / Wardak|Muhammad Farid|M|2001-05-23|AFG")
CASES = [
    LONE,
    FATHER_SWAPPED,
    UKRAINIAN_SWAPPED,
    UKRAINIAN_FORM,
    TWINS_ONE_CROSSING,
    TWO_PLACEHOLDERS,
    NO_DATE_NO_FAMILY,
]
# Other records of the lists that use these names as given names.
GIVEN_NAMES = [
    ("Safi", "Parwana", "F", "1980", "AFG"),
    ("Noori", "Parwana", "F", "1991", "AFG"),
    ("Karimi", "Zahra", "F", "1970", "AFG"),
    ("Amiri", "Zahra", "F", "1985", "AFG"),
]


def record(ident: str, values: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(FIELDS, (ident, *values), strict=True))


@pytest.fixture(scope="module")
def scored_pairs():
    """The cases' pairs, scored by a model trained on generated lists."""
    return cases_scored(CASES, GIVEN_NAMES, record, "G")


def scored(pairs, which):
    return pairs[CASES.index(which)]


def test_a_lone_name_the_lists_use_as_a_given_name_is_read_as_one() -> None:
    left = normalise(
        [
            {"id": "1", "family_name": "Parwana", "given_name": ""},
            {"id": "2", "family_name": "Smith", "given_name": ""},
        ]
    )
    right = normalise(
        [{"id": f"r{n}", "family_name": "Safi", "given_name": "Parwana"} for n in (1, 2)]
    )
    mark_family_given([left, right])
    parwana, smith = left.to_dict("records")
    assert (parwana["family_key"], parwana["given_key"]) == (None, fold("Parwana"))
    assert parwana["given_canon"] == fold("Parwana")
    assert not parwana["family_given"]
    assert (smith["family_key"], smith["given_key"]) == (fold("Smith"), None)
    assert "lone_name" not in left.columns


def test_a_name_the_lists_write_mostly_as_a_family_name_is_no_given_name() -> None:
    """A few swapped records put a family name in the given-name field."""
    left = normalise([{"id": "1", "family_name": "Polishchuk", "given_name": "Ivan"}])
    right = normalise(
        [
            {"id": "a", "family_name": "Taras", "given_name": "Polishchuk"},
            {"id": "b", "family_name": "Oleh", "given_name": "Polishchuk"},
            {"id": "c", "family_name": "Polishchuk", "given_name": "Olena"},
            {"id": "d", "family_name": "Polishchuk", "given_name": "Iryna"},
        ]
    )
    mark_family_given([left, right])
    assert not left["family_given"].any()


def test_a_lone_name_is_compared_as_the_given_name(scored_pairs):
    pair = scored(scored_pairs, LONE)
    assert levels(pair)["given"] == "exact"
    assert levels(pair)["family"] == "missing"
    assert pair.probability >= 0.95


def test_a_swap_beside_a_fathers_name_counts_the_given_name_once(scored_pairs):
    """``Zahra`` crosses fields (a given name of the lists); the father's name does not."""
    pair = scored(scored_pairs, FATHER_SWAPPED)
    assert pair is not None
    assert levels(pair)["given"] == SWAPPED
    assert levels(pair)["family"] != SWAPPED


def test_a_swap_in_ukrainian_romanisation_is_a_swap(scored_pairs):
    """``Hrebeniuk`` is ``Гребенюк`` in one of its readings (``h`` for ``г``)."""
    pair = scored(scored_pairs, UKRAINIAN_SWAPPED)
    assert levels(pair)["family"] == SWAPPED
    assert levels(pair)["given"] == SWAPPED
    assert pair.probability >= 0.95


def test_a_ukrainian_form_of_a_russian_name_is_another_form(scored_pairs):
    assert equivalent(fold("Ганна")) == equivalent(fold("Hanna")) == equivalent(fold("Анна"))
    pair = scored(scored_pairs, UKRAINIAN_FORM)
    assert levels(pair)["given"] == "other transliteration or language form"
    assert pair.probability >= 0.95


def test_twins_sharing_one_crossing_name_stay_twins(scored_pairs):
    """``Polishchuk`` in the given-name field is the family name: counted once, for the
    family, and the given names are the siblings' level."""
    pair = scored(scored_pairs, TWINS_ONE_CROSSING)
    assert levels(pair)["family"] == SWAPPED
    assert levels(pair)["given"] == SIBLINGS
    assert pair.probability < 0.5


def test_two_placeholders_of_different_years_are_no_typo(scored_pairs):
    """Unknown dates written as 1 January of years three apart: years apart (an estimated
    age may be some years off), not a mistyped digit of one date."""
    pair = scored(scored_pairs, TWO_PLACEHOLDERS)
    assert levels(pair)["date_of_birth"] == "different"


def test_the_given_name_alone_pairs_a_record_with_no_family_name_and_no_date(scored_pairs):
    pair = scored(scored_pairs, NO_DATE_NO_FAMILY)
    assert pair is not None
    assert levels(pair)["date_of_birth"] == "missing"
