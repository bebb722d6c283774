import pytest

from qorgau.matching.engine import match
from qorgau.matching.errors import MatchInputError
from qorgau.matching.model import Model
from qorgau.matching.tests.people import latin_copies, people


@pytest.fixture(scope="module")
def lists():
    left = people(1500)
    return left, latin_copies(left, 0.2)


@pytest.fixture(scope="module")
def linked(lists):
    left, right = lists
    return match(left, right)


def test_it_links_cyrillic_records_to_their_latin_copies(lists, linked):
    _, right = lists
    truth = {("G" + row["id"][1:], row["id"]) for row in right}
    found = {(pair.left_id, pair.right_id) for pair in linked.matches}
    assert len(found & truth) / len(truth) >= 0.95
    assert len(found & truth) / len(found) >= 0.99


def test_every_pair_carries_its_evidence(linked):
    pair = linked.matches[0]
    comparisons = {evidence.comparison: evidence for evidence in pair.evidence}
    assert set(comparisons) >= {"family", "given", "patronymic", "date_of_birth", "sex"}
    assert comparisons["date_of_birth"].level == "exact"
    assert comparisons["date_of_birth"].match_weight > 5
    assert pair.match_weight == pytest.approx(
        sum(e.match_weight for e in pair.evidence) + _prior(linked), abs=0.01
    )


def _prior(result):
    import math

    p = result.model.settings["probability_two_random_records_match"]
    return math.log2(p / (1 - p))


def test_the_review_band_lies_below_the_threshold(linked):
    assert all(linked.review_threshold <= p.probability < linked.threshold for p in linked.review)
    assert all(p.probability >= linked.threshold for p in linked.matches)


def test_a_saved_model_scores_without_training_and_gives_the_same_pairs(lists, linked, tmp_path):
    left, right = lists
    linked.model.save(tmp_path / "model.json")
    again = match(left, right, model=Model.load(tmp_path / "model.json"))
    assert [(p.left_id, p.right_id) for p in again.matches] == [
        (p.left_id, p.right_id) for p in linked.matches
    ]


def test_it_finds_duplicates_within_one_list(lists):
    left, right = lists
    found = match(left + right, threshold=0.9)
    pairs = {frozenset((p.left_id, p.right_id)) for p in found.matches}
    truth = {frozenset(("G" + row["id"][1:], row["id"])) for row in right}
    assert len(pairs & truth) / len(truth) >= 0.95


def test_it_refuses_duplicate_ids_in_a_frame():
    with pytest.raises(MatchInputError, match="left, row 3, column 'id'"):
        match([{"id": "1"}, {"id": "1"}])
