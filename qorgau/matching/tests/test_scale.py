"""What the engine does differently on large data: narrower blocking and EM rules, training
on a sample, normalisation once per distinct value (the same columns as record by record)."""

import math

import pandas as pd
import pytest

from qorgau.matching.comparisons import (
    MAX_RARE_RULE_PAIRS,
    MAX_RULE_PAIRS,
    RULES,
    Rule,
    blocking_rules,
    count_pairs,
)
from qorgau.matching.engine import match
from qorgau.matching.model import rules_for
from qorgau.matching.normalise import normalise, normalise_record
from qorgau.matching.tests.people import latin_copies, people


def _sql(rules):
    return [rule["blocking_rule"] for rule in rules_for(rules, "duckdb")]


def test_rules_are_kept_while_they_pair_few_records():
    assert _sql(blocking_rules(pairs=lambda rule: rule.max_pairs)) == _sql(blocking_rules())


def test_a_rule_of_a_rare_class_is_narrowed_at_fewer_pairs():
    """ADR 0067: the given name against the other family-name field with the year pairs a
    few hundred true pairs in a million records; above MAX_RARE_RULE_PAIRS it is narrowed
    to the date, while the names' rule is kept at as many pairs."""
    crossing = next(
        rule for rule in RULES if rule.left == ("given_canon", "dob_year") and rule.right
    )
    assert crossing.max_pairs == MAX_RARE_RULE_PAIRS < MAX_RULE_PAIRS
    found = _sql(blocking_rules(pairs=lambda rule: MAX_RARE_RULE_PAIRS + 1))
    assert _sql([crossing.creator()])[0] not in found
    assert _sql([crossing.narrower[0].creator()])[0] in found
    assert _sql([RULES[1].creator()])[0] in found  # family name and year: not a rare class


def test_a_narrowed_rule_that_an_earlier_rule_implies_is_left_out():
    """Narrowed to the date, the given name with the family name's tail pairs nothing that
    the given name with the date (itself narrowed from the year) does not: left out."""
    found = _sql(blocking_rules(pairs=lambda rule: MAX_RULE_PAIRS + 1))
    tail = Rule(("given_key", "family_tail", "dob"))
    assert tail.implied_by(Rule(("given_key", "dob")))
    assert not Rule(("given_key", "dob")).implied_by(tail)
    assert _sql([tail.creator()])[0] not in found
    assert _sql([Rule(("given_key", "dob")).creator()])[0] in found
    assert len(found) == len(set(found))


def test_a_rule_pairing_too_many_records_is_replaced_by_its_narrower_rules():
    names = RULES[0]
    found = _sql(blocking_rules(pairs=lambda rule: MAX_RULE_PAIRS + 1 if rule is names else 0))
    assert _sql([names.creator()])[0] not in found
    assert _sql([narrower.creator() for narrower in names.narrower])[0] in found
    swapped = RULES[3]  # narrowed with the names rule, whose blocks it shares
    assert swapped.measured_by is names
    assert _sql([swapped.creator()])[0] not in found
    assert len(found) == len(RULES) - 2 + len(names.narrower) + len(swapped.narrower)


def test_pairs_are_counted_within_one_frame_and_across_two():
    frame = pd.DataFrame(
        {
            "family_key": ["a", "a", "a", "b", "c", None],
            "given_key": ["x", "x", "b", "a", "b", "x"],
        }
    )
    assert count_pairs(Rule(("family_key",)), [frame]) == 3  # the three a's
    assert count_pairs(Rule(("family_key", "given_key")), [frame]) == 1
    swapped = Rule(("family_key", "given_key"), ("given_key", "family_key"))
    assert count_pairs(swapped, [frame]) == 1  # a b ~ b a
    assert count_pairs(Rule(("family_key",)), [frame.iloc[:3], frame.iloc[3:]]) == 0
    assert count_pairs(Rule(("given_key",)), [frame.iloc[:3], frame.iloc[3:]]) == 3


def test_a_frame_is_normalised_as_record_by_record():
    records = [
        {"id": "1", "family_name": "Сейтқазиева", "given_name": "Жанар", "date_of_birth": "1984"},
        {"id": "2", "full_name": "Karimov Aziz Bakhtiyor ugli", "sex": "м"},
        {
            "id": "3",
            "family_name": " Seitkazieva ",
            "given_name": "Janar",
            "place_of_birth": "Алматы",
        },
        {"id": "4", "family_name": "Ким", "given_name": "Анна", "document_number": "N 123"},
    ]
    frame = normalise(pd.DataFrame(records))
    for row, record in zip(frame.to_dict("records"), records, strict=True):
        expected = normalise_record(record)
        assert {name: _plain(value) for name, value in row.items()} == {
            name: _plain(value) for name, value in expected.items()
        }


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


@pytest.fixture(scope="module")
def lists():
    left = people(1500)
    return left, latin_copies(left, 0.2)


def test_a_model_trained_on_a_sample_scores_all_records(lists):
    left, right = lists
    result = match(left, right, training_sample=800)
    truth = {("G" + row["id"][1:], row["id"]) for row in right}
    found = {(pair.left_id, pair.right_id) for pair in result.matches}
    assert len(found & truth) / len(truth) >= 0.95
    assert len(found & truth) / len(found) >= 0.99
