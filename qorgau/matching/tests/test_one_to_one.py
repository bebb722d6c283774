"""One-to-one linkage of two lists (ADR 0040): each record in at most one match."""

from qorgau.matching.engine import MatchResult, Pair, match, one_to_one_links
from qorgau.matching.model import Model
from qorgau.matching.tests.people import latin_copies, people


def _pair(left, right, probability):
    return Pair(left, right, probability, 0.0, ())


def test_the_most_probable_pair_wins_and_the_others_go_to_review():
    pairs = [
        _pair("a", "x", 0.999),
        _pair("b", "x", 0.990),  # x already linked to a
        _pair("a", "y", 0.980),  # a already linked to x
        _pair("b", "y", 0.970),  # both free: linked
        _pair("c", "z", 0.600),  # review band: claims nothing
        _pair("d", "z", 0.960),
    ]
    pairs.sort(key=lambda pair: -pair.probability)
    result = MatchResult(one_to_one_links(pairs, 0.95), 0.95, 0.5, Model(settings={}))
    assert {(p.left_id, p.right_id) for p in result.matches} == {("a", "x"), ("b", "y"), ("d", "z")}
    assert {(p.left_id, p.right_id) for p in result.review} == {
        ("b", "x"),
        ("a", "y"),
        ("c", "z"),
    }
    assert all(p.linked_elsewhere for p in result.review if p.probability >= 0.95)


def _twin(ident, given):
    return {
        "id": ident,
        "family_name": "Ержанов",
        "given_name": given,
        "patronymic": "Серікұлы",
        "sex": "M",
        "date_of_birth": "1974",
        "place_of_birth": "Шымкент",
    }


def test_a_record_is_linked_once_on_request_and_several_times_by_default():
    """Two left records that cannot be told apart, one right record like both."""
    left = [*people(600, seed=7), _twin("T1", "Нұрлан"), _twin("T2", "Нұрлан")]
    right = [*latin_copies(left[:600], 0.3, seed=8), _twin("R1", "Nurlan")]
    one = match(left, right, one_to_one=True)
    many = match(left, right, model=one.model)

    assert sorted(p.left_id for p in many.matches if p.right_id == "R1") == ["T1", "T2"]
    assert [p.left_id for p in one.matches if p.right_id == "R1"] == ["T1"]
    assert [(p.left_id, p.linked_elsewhere) for p in one.review if p.right_id == "R1"] == [
        ("T2", True)
    ]
    assert len({p.right_id for p in one.matches}) == len(one.matches)
    assert len({p.left_id for p in one.matches}) == len(one.matches)
