"""Registries at the edges of the prior: no duplicates at all, or nothing but duplicates."""

from qorgau.matching.engine import match
from qorgau.matching.model import PRIOR_EPSILON, clamp_probability
from qorgau.matching.tests.people import people


def _prior(result):
    return result.model.settings["probability_two_random_records_match"]


def test_it_runs_on_a_registry_with_no_duplicates():
    result = match(people(40))
    assert result.matches == []
    assert 0 < _prior(result) < 1


def test_it_runs_on_a_registry_of_only_duplicates():
    record = people(1)[0]
    result = match([dict(record, id=f"D{number}") for number in range(10)])
    assert 0 < _prior(result) < 1
    assert len(result.matches) == 45


def test_it_keeps_probabilities_off_zero_and_one():
    assert clamp_probability(0.0) == PRIOR_EPSILON
    assert clamp_probability(1.0) == 1.0 - PRIOR_EPSILON
    assert clamp_probability(0.25) == 0.25
