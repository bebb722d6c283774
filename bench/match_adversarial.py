"""Benchmark: the matching engine on the adversarial lists of ``linkage_adversarial.py``.

That generator was written by someone who read neither the engine nor its own generator
(issue 15): namesakes, siblings, twins, name-order swaps, transliterations, date errors. It
is measured on, never trained on. For each seed this prints F1, precision and recall at the
engine's threshold (and with ``--one-to-one`` linkage), Splink's documented setup
(``match_lists.splink_standard``) on the same lists, and a reliability table: the pairs
scored in each band of probability and the share of them that are true matches. Pairs
scored at or above 0.95 should be at least 98% true.

    python bench/match_adversarial.py --seeds 1 2 3 --size 3000
    python bench/match_adversarial.py --seeds 101 102 103 --size 2000   # development seeds
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linkage_adversarial import generate
from match_common import scores, unordered
from match_lists import splink_standard_scored

from qorgau.matching.engine import THRESHOLD, match
from qorgau.matching.records import read_csv

#: Bands of predicted probability, highest first: (lowest, label).
BANDS = ((0.95, ">= 0.95"), (0.8, "0.8-0.95"), (0.5, "0.5-0.8"), (0.0, "< 0.5"))
#: Pairs below this are not kept for the "< 0.5" band (nearly all of them are not matches).
LOWEST = 0.01


def write(seed: int, size: int, directory: Path) -> tuple[list, list, set[tuple[str, str]]]:
    """The seed's lists and their true pairs (unordered)."""
    generate(seed, size, 0.68, str(directory), False)
    with (directory / "truth.csv").open(encoding="utf-8") as stream:
        true = unordered((row["left_id"], row["right_id"]) for row in csv.DictReader(stream))
    return read_csv(directory / "left.csv"), read_csv(directory / "right.csv"), true


def reliability(
    scored: Iterable[tuple[str, str, float]], true: set[tuple[str, str]]
) -> list[tuple[str, int, int]]:
    """Per band of :data:`BANDS`: its label, the pairs scored in it, the true ones among them."""
    counts = {label: [0, 0] for _, label in BANDS}
    for left, right, probability in scored:
        label = next(label for lowest, label in BANDS if probability >= lowest)
        counts[label][0] += 1
        counts[label][1] += unordered([(left, right)]) <= true
    return [(label, counts[label][0], counts[label][1]) for _, label in BANDS]


def table(rows: Sequence[tuple[str, int, int]]) -> str:
    return "  ".join(
        f"{label}: {true / found:.3f} of {found:,}" if found else f"{label}: - of 0"
        for label, found, true in rows
    )


def run(seed: int, size: int, *, baseline: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        left, right, true = write(seed, size, Path(scratch))
    started = time.perf_counter()
    result = match(left, right, review_threshold=LOWEST)
    elapsed = time.perf_counter() - started
    print(f"seed {seed}, {size:,} a side, {len(true):,} true pairs ({elapsed:.1f} s):")
    print(
        f"  engine              {scores(((p.left_id, p.right_id) for p in result.matches), true)}"
    )
    linked = match(left, right, model=result.model, review_threshold=LOWEST, one_to_one=True)
    print(
        f"  engine, one-to-one  {scores(((p.left_id, p.right_id) for p in linked.matches), true)}"
    )
    scored = [(p.left_id, p.right_id, p.probability) for p in result.pairs]
    print(f"  reliability, engine       {table(reliability(scored, true))}")
    if baseline:
        splink = splink_standard_scored(left, right, LOWEST)
        found = scores(((a, b) for a, b, p in splink if p >= THRESHOLD), true)
        print(f"  Splink documented   {found}")
        print(f"  reliability, Splink       {table(reliability(splink, true))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--no-baseline", action="store_true", help="skip Splink's setup")
    arguments = parser.parse_args()
    for seed in arguments.seeds:
        run(seed, arguments.size, baseline=not arguments.no_baseline)


if __name__ == "__main__":
    main()
