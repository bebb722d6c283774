"""Namesakes of a frequent pair of names with a year-only date (ADR 0062): the given name's
agreement is weighed by its frequency among records of that family name, so such a pair stays
below the match threshold unless a document number agrees."""

import pandas as pd
import pytest

from qorgau.matching.engine import THRESHOLD, match
from qorgau.matching.normalise import NAMES_PAIR_PSEUDO_COUNT, names_pair_frequencies
from qorgau.matching.tests.people import namesake, people


def _frame(pairs):
    return pd.DataFrame(
        {"family_key": [family for family, _ in pairs], "given_key": [given for _, given in pairs]}
    )


def _frequencies(frames):
    lookup = names_pair_frequencies(frames)
    return dict(zip(lookup["names_pair"], lookup["tf_names_pair"], strict=True))


def test_a_pair_of_names_seen_together_more_than_by_chance_is_more_frequent():
    # "petrov vladimir" 20 times where its names alone would meet about twice by chance
    frame = _frame(
        [("petrov", "vladimir")] * 20
        + [("petrov", f"given{n}") for n in range(20)]
        + [(f"family{n}", "vladimir") for n in range(20)]
        + [(f"family{n}", f"given{n}") for n in range(20, 1020)]
    )
    found = _frequencies([frame])
    marginal = 40 / len(frame)
    expected = 40 * 40 / len(frame)
    lift = (20 + NAMES_PAIR_PSEUDO_COUNT) / (expected + NAMES_PAIR_PSEUDO_COUNT)
    assert found["petrov|vladimir"] == pytest.approx(marginal * lift)
    assert found["petrov|vladimir"] > 2 * marginal
    assert frame["names_pair"].tolist()[0] == "petrov|vladimir"


def test_a_rare_pair_and_a_record_without_family_name_keep_the_given_names_frequency():
    left = _frame([("nurpeisov", "ainur"), (None, "ainur"), ("akhmetov", None)])
    right = _frame([("nurpeisov", "ainur")] + [(f"f{n}", f"g{n}") for n in range(7)])
    found = _frequencies([left, right])
    total = len(left) + len(right)
    # seen twice (one person on both lists): the lift is at least 1 and small
    assert 3 / total <= found["nurpeisov|ainur"] < 2 * 3 / total
    assert found["|ainur"] == pytest.approx(3 / total)
    assert left["names_pair"].tolist()[2] is None


def _namesakes(count):
    """``count`` men named Ержанов Нұрлан Серікұлы of Шымкент, each born another year."""
    return [
        namesake(f"N{year}", f"11.09.{year}", document_number=f"N{year}0000")
        for year in range(1950, 1950 + count)
    ]


@pytest.fixture(scope="module")
def scored():
    records = people(600, seed=7) + _namesakes(25)
    records += [
        # a namesake known to the year only, no patronymic, no document
        dict(namesake("Y1", "1974"), patronymic="", document_number=""),
        # the man of 1974 again, year only, with his document
        dict(namesake("Y2", "1974"), patronymic="", document_number="N19740000"),
    ]
    return match(records, review_threshold=0.01)


def _probability(result, one, other):
    found = [
        pair.probability for pair in result.pairs if {pair.left_id, pair.right_id} == {one, other}
    ]
    return found[0] if found else 0.0


def test_a_namesake_of_a_frequent_pair_of_names_with_a_year_only_date_is_not_matched(scored):
    assert _probability(scored, "Y1", "N1974") < THRESHOLD


def test_an_agreeing_document_still_matches_the_year_only_record(scored):
    assert _probability(scored, "Y2", "N1974") >= THRESHOLD


def test_the_given_names_exact_level_is_adjusted_on_the_pair_of_names(scored):
    given = next(
        comparison
        for comparison in scored.model.settings["comparisons"]
        if comparison["output_column_name"] == "given"
    )
    exact = given["comparison_levels"][1]
    assert exact["label_for_charts"] == "exact"
    assert exact["tf_adjustment_column"] == "names_pair"
