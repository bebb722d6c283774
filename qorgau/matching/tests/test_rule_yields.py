"""Issue 15 (ADR 0040): the date rule gives way to agreeing extra columns (an address and a
phone, FEBRL's postcode and street); a year-only date years off is the rule's weaker level;
twins and siblings of one family name and year with different given names are their own
fixed level. Namesakes (names, patronymic, place and nothing else) stay below 0.5."""

import random

import pytest

from qorgau.matching.comparisons import SIBLINGS, YEARS_APART, YEARS_APART_PARTIAL
from qorgau.matching.engine import match
from qorgau.matching.tests.people import latin_copies, namesake, people

_person = namesake


STREETS = ["Абай", "Сейфуллин", "Толе би", "Жібек жолы", "Момышұлы", "Гагарин", "Достык"]


def _with_extras(records, *, noisy):
    """Each record given an address and a phone drawn from a seeded generator (the same for
    a record and its copy); ``noisy`` copies lose or mistype some of them."""
    rng = random.Random(11)
    found = []
    for record in records:
        address = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
        phone = f"7701{rng.randint(0, 9_999_999):07d}"
        if noisy and rng.random() < 0.15:
            phone = ""
        if noisy and rng.random() < 0.1:
            address = address + "А"
        copy = dict(record, address=address, phone=phone)
        if noisy and record.get("patronymic") and rng.random() < 0.05:
            copy["patronymic"] = "Bolatovich"  # a patronymic written wrongly (EM needs some)
        found.append(copy)
    return found


@pytest.fixture(scope="module")
def scored():
    base = people(800, seed=7)
    left = _with_extras(base, noisy=False)
    right = _with_extras(latin_copies(base, 0.3, seed=8), noisy=True)
    home = {"address": "Абай 10", "phone": "77010000001"}
    left += [
        _person("N1", "03.02.1961", **home),
        _person("N2", "11.09.1974", address="Сейфуллин 5", phone="77010000002"),
        _person("N3", "1988", address="Толе би 3", phone="77010000003"),
        _person("T1", "12.04.2010", address="Жібек жолы 7", phone="77010000004"),
    ]
    right += [
        # N1 with a date of birth mistyped beyond one digit, at the same address and phone
        dict(_person("R1", "21.08.1967", **home), family_name="Yerzhanov", given_name="Nurlan"),
        # namesakes of N2 and N3: other dates, other addresses and phones
        dict(_person("R2", "25.06.1985"), address="Момышұлы 1", phone="77010000009"),
        dict(_person("R3", "14.07.1962"), address="Гагарин 2", phone="77010000008"),
        # T1's twin brother: the same family name and date, another given name
        dict(
            _person("R4", "12.04.2010"),
            given_name="Асхат",
            address="Байтұрсынұлы 8",
            phone="77010000007",
        ),
    ]
    return match(left, right, extra={"address": "text", "phone": "code"})


def _pair(result, left, right):
    found = [p for p in result.pairs if (p.left_id, p.right_id) == (left, right)]
    return found[0] if found else None


def _level(pair, comparison):
    levels = {e.comparison: e.level for e in pair.evidence}
    assert comparison in levels, list(levels)
    return levels[comparison]


def test_agreeing_address_and_phone_outweigh_dates_years_apart(scored):
    pair = _pair(scored, "N1", "R1")
    assert pair is not None
    assert _level(pair, "date_of_birth") != YEARS_APART
    assert pair.probability >= 0.95


def test_namesakes_with_nothing_else_in_common_stay_below_the_review_band(scored):
    assert _pair(scored, "N2", "R2") is None


def test_a_year_only_date_years_off_is_the_rules_weaker_level(scored):
    assert _pair(scored, "N3", "R3") is None
    (evidence,) = [
        e
        for e in scored.model.settings["comparisons"]
        if e["output_column_name"] == "date_of_birth"
    ]
    labels = [level["label_for_charts"] for level in evidence["comparison_levels"]]
    assert labels.index(YEARS_APART) < labels.index(YEARS_APART_PARTIAL)


def test_twins_of_one_family_and_date_with_other_given_names_stay_below_the_review_band():
    left = [*people(600, seed=9), _person("T1", "12.04.2010")]
    right = [
        *latin_copies(left[:600], 0.3, seed=10),
        dict(_person("R4", "12.04.2010"), given_name="Асхат"),
    ]
    result = match(left, right, review_threshold=0.0)
    pair = _pair(result, "T1", "R4")
    assert pair is not None
    assert _level(pair, "given") == SIBLINGS
    assert pair.probability < 0.5
