"""A regression guard on the independently written adversarial lists (issue 15).

``bench/linkage_adversarial.py`` (namesakes, siblings, twins, swapped names,
transliterations, date errors) at a small size, scored against floors a little below what
the engine measures there (seed 7, 400 a side: precision 0.996, recall 0.88). The targets
are measured by ``bench/match_adversarial.py`` on seeds 1-3 at 3,000 a side
(docs/benchmarks.md); this only catches a change that makes things clearly worse.
"""

import csv
import sys
from pathlib import Path

import pytest

from qorgau.matching.engine import match
from qorgau.matching.records import read_csv

BENCH = Path(__file__).resolve().parents[3] / "bench"
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.85
#: Pairs scored at or above 0.95 that must be true matches (the target is 0.98 at size).
RELIABLE_FLOOR = 0.97


@pytest.fixture(scope="module")
def lists(tmp_path_factory):
    sys.path.insert(0, str(BENCH))
    try:
        from linkage_adversarial import generate
    finally:
        sys.path.remove(str(BENCH))
    directory = tmp_path_factory.mktemp("adversarial")
    generate(7, 400, 0.68, str(directory), False)
    with (directory / "truth.csv").open(encoding="utf-8") as stream:
        true = {(row["left_id"], row["right_id"]) for row in csv.DictReader(stream)}
    return read_csv(directory / "left.csv"), read_csv(directory / "right.csv"), true


def test_it_keeps_precision_and_recall_above_the_floors(lists):
    left, right, true = lists
    result = match(left, right)
    found = {(pair.left_id, pair.right_id) for pair in result.matches}
    correct = len(found & true)
    assert correct / len(found) >= PRECISION_FLOOR
    assert correct / len(true) >= RECALL_FLOOR
    assert correct / len(found) >= RELIABLE_FLOOR  # every match is scored >= 0.95
