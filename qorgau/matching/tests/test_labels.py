"""Reviewers' "same person" decisions train the model (issue 15, ADR 0040): pairs like the
ones decided score higher in the next run."""

import pytest

from qorgau.matching.engine import match
from qorgau.matching.model import LABEL_PRIOR_PAIRS, Model, with_labels
from qorgau.matching.tests.people import latin_copies, namesake, people


def _renamed(record, ident):
    """The same person written with another patronymic (a father's name as the partner
    heard it), no place of birth and the year alone."""
    return dict(
        record,
        id=ident,
        patronymic="Bolatovich",
        place_of_birth="",
        date_of_birth=record["date_of_birth"][-4:],
    )


@pytest.fixture(scope="module")
def lists():
    left = people(600, seed=12)
    right = latin_copies(left, 0.3, seed=13)
    left.append(namesake("P1", "03.02.1961"))
    right.append(_renamed(namesake("Q1", "03.02.1961"), "Q1"))
    decided = [
        (namesake(f"D{n}", f"1{n}.05.1970"), _renamed(namesake(f"E{n}", f"1{n}.05.1970"), f"E{n}"))
        for n in range(8)
    ]
    return left, right, decided


def _pair(result, left, right):
    (pair,) = [p for p in result.pairs if (p.left_id, p.right_id) == (left, right)]
    return pair


def test_a_decision_raises_the_next_runs_score_for_similar_pairs(lists):
    left, right, decided = lists
    before = _pair(match(left, right, review_threshold=0.0), "P1", "Q1")
    after = _pair(match(left, right, review_threshold=0.0, labels=decided), "P1", "Q1")
    assert after.match_weight > before.match_weight + 1
    assert after.probability > before.probability


def test_labels_blend_with_the_trained_m_and_never_move_fixed_levels():
    settings = {
        "comparisons": [
            {
                "output_column_name": "patronymic",
                "comparison_levels": [
                    {"is_null_level": True, "label_for_charts": "missing"},
                    {"label_for_charts": "exact", "m_probability": 0.9},
                    {"label_for_charts": "fixed", "m_probability": 1e-9, "fix_m_probability": True},
                    {"label_for_charts": "different", "m_probability": 0.1},
                ],
            }
        ]
    }
    blended = with_labels(Model(settings=settings), {"patronymic": [0, 0, -1]})
    levels = blended.settings["comparisons"][0]["comparison_levels"]
    k = LABEL_PRIOR_PAIRS
    assert levels[3]["m_probability"] == pytest.approx((k * 0.1 + 2) / (k + 2))
    assert levels[1]["m_probability"] == pytest.approx(k * 0.9 / (k + 2))
    assert levels[2]["m_probability"] == 1e-9
    assert settings["comparisons"][0]["comparison_levels"][3]["m_probability"] == 0.1
