"""Benchmark: the matching engine on the generated source lists of Kazakhstan.

The Migration Service's list (Cyrillic, partly russified) is linked to the partner NGOs'
lists (Latin letters in several transliteration habits, with typos, missing patronymics,
year-only dates and swapped names), written by ``qorgau generate --country KAZ --lists``
with a ground truth. Then the same link with Splink's standard comparisons
(``NameComparison``, ``DateOfBirthComparison``...), names passed through ``anyascii`` as a
careful user would. Both use the same threshold (0.95) and the same training sequence.
Target (issue 5): F1 >= 0.97 with precision >= 0.995 at the match threshold.

    python bench/match_lists.py [--lists DIR]   # DIR: reuse lists already written
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd
import splink.comparison_library as cl
from anyascii import anyascii
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_common import scores

from qorgau.matching.dates import birth_date_or_none
from qorgau.matching.engine import THRESHOLD, match
from qorgau.matching.records import read_csv

PARTNERS = ("partner_kibhr", "partner_sana-sezim", "partner_krcs")


def write_lists(directory: Path) -> None:
    """``qorgau generate --country KAZ --lists`` into a throw-away SQLite database."""
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{directory / 'db.sqlite3'}")
    qorgau = str(Path(sys.executable).with_name("qorgau"))
    subprocess.run([qorgau, "migrate", "-v", "0"], env=env, check=True)  # noqa: S603
    subprocess.run(  # noqa: S603
        [qorgau, "generate", "--country", "KAZ", "--lists", str(directory)],
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )


def true_pairs(directory: Path, government: set[str]) -> set[tuple[str, str]]:
    """Government row × partner row pairs that are one person."""
    rows: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    with (directory / "ground_truth.csv").open(encoding="utf-8-sig") as stream:
        for row in csv.DictReader(stream):
            side = 0 if row["row_id"] in government else 1
            rows[row["person_key"]][side].append(row["row_id"])
    return {(g, p) if g <= p else (p, g) for gs, ps in rows.values() for g in gs for p in ps}


def splink_standard(
    left: list[dict[str, str]], right: list[dict[str, str]]
) -> list[tuple[str, str]]:
    """Splink's documented setup: standard comparisons, names through anyascii."""
    return [(a, b) for a, b, _ in splink_standard_scored(left, right, THRESHOLD)]


def splink_standard_scored(
    left: list[dict[str, str]], right: list[dict[str, str]], threshold: float
) -> list[tuple[str, str, float]]:
    """:func:`splink_standard`'s pairs at or above ``threshold`` with their probability."""

    def frame(records: list[dict[str, str]]) -> pd.DataFrame:
        rows = []
        for record in records:
            born = birth_date_or_none(record["date_of_birth"])
            day = born.date() if born else None
            rows.append(
                {
                    "unique_id": record["id"],
                    **{
                        column: anyascii(record[column]).lower().strip() or None
                        for column in ("family_name", "given_name", "patronymic")
                    },
                    "sex": record["sex"] or None,
                    "dob": day.isoformat() if day else None,
                    "dob_year": str(born.year) if born else None,
                    "document_number": record["document_number"].replace(" ", "") or None,
                }
            )
        return pd.DataFrame(rows)

    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.NameComparison("family_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("patronymic"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("sex"),
            cl.LevenshteinAtThresholds("document_number", [1, 2]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("family_name", "given_name"),
            block_on("family_name", "dob_year"),
            block_on("given_name", "dob_year"),
            block_on("dob"),
            block_on("document_number"),
        ],
    )
    db_api = DuckDBAPI()
    tables = [
        db_api.register(frame(records), table_name=name)
        for records, name in ((left, "records_a"), (right, "records_b"))
    ]
    linker = Linker(tables, settings, log_level="ERROR")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("family_name", "given_name", "dob"), block_on("document_number")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=2024)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("family_name", "given_name")
    )
    found = linker.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()
    return list(
        zip(
            found["unique_id_l"],
            found["unique_id_r"],
            found["match_probability"].astype(float),
            strict=True,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, help="Directory of lists already written.")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = arguments.lists or Path(scratch)
        if arguments.lists is None:
            write_lists(directory)
        government = read_csv(directory / "government.csv")
        partners = [row for name in PARTNERS for row in read_csv(directory / f"{name}.csv")]
        true = true_pairs(directory, {row["id"] for row in government})
        print(
            f"Lists: government {len(government):,} rows, partners {len(partners):,} rows, "
            f"{len(true):,} true pairs across them."
        )
        started = time.perf_counter()
        result = match(government, partners, review_threshold=0.0)
        elapsed = time.perf_counter() - started
        found = scores(((p.left_id, p.right_id) for p in result.matches), true)
        blocked = scores(((p.left_id, p.right_id) for p in result.pairs), true)
        review = [p for p in result.pairs if 0.5 <= p.probability < result.threshold]
        print(f"Qorgau engine ({elapsed:.1f} s, threshold {result.threshold}):")
        print(f"  {found}")
        print(
            f"  blocking recall {blocked.recall:.4f} ({blocked.found:,} pairs compared); "
            f"review band [0.5, {result.threshold}): {len(review)} pairs"
        )
        started = time.perf_counter()
        baseline = scores(splink_standard(government, partners), true)
        print(
            f"Splink standard comparisons, names through anyascii "
            f"({time.perf_counter() - started:.1f} s, threshold {THRESHOLD}):"
        )
        print(f"  {baseline}")


if __name__ == "__main__":
    main()
