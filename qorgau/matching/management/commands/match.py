"""``qorgau match``: link two lists of people, or find the duplicates within one."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.matching.engine import REVIEW_THRESHOLD, THRESHOLD, MatchResult, Pair, match
from qorgau.matching.errors import MatchInputError
from qorgau.matching.model import Model
from qorgau.matching.records import COLUMNS, read_csv

#: Exit status for input the command refuses (as for a usage error).
BAD_INPUT = 2


def _probability(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # reads and writes files only, never the database
    help = (
        "Find the records that are one person: link LEFT.csv to RIGHT.csv, or with one file "
        f"find its duplicates. Columns read: {', '.join(COLUMNS)} (id required, others "
        "optional). Writes left_id,right_id,probability for every pair judged the same person."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left", metavar="LEFT.csv", type=Path)
        parser.add_argument("right", metavar="RIGHT.csv", type=Path, nargs="?")
        parser.add_argument("--out", metavar="PAIRS.csv", type=Path, required=True)
        parser.add_argument(
            "--threshold",
            metavar="P",
            type=_probability,
            default=THRESHOLD,
            help="Match probability from which a pair is the same person (default %(default)s).",
        )
        parser.add_argument(
            "--review-out",
            metavar="REVIEW.csv",
            type=Path,
            help="Also write the pairs below the threshold that a person should review.",
        )
        parser.add_argument(
            "--review-threshold",
            metavar="P",
            type=_probability,
            default=REVIEW_THRESHOLD,
            help="Lowest probability of the review band (default %(default)s).",
        )
        parser.add_argument(
            "--one-to-one",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="Linking two lists: link each record at most once, the most probable pair "
            "first; the other pairs above the threshold go to review (the default, ADR 0067). "
            "--no-one-to-one for lists that hold several rows of one person. Finding the "
            "duplicates within one list is never one-to-one.",
        )
        parser.add_argument(
            "--model", metavar="MODEL.json", type=Path, help="Score with this trained model."
        )
        parser.add_argument(
            "--save-model", metavar="MODEL.json", type=Path, help="Save the trained model here."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()

        def progress(stage: str, fraction: float) -> None:
            elapsed = time.perf_counter() - started
            self.stderr.write(f"match: {stage} ({fraction:.0%}, {elapsed:.1f} s)")

        review_threshold = min(options["review_threshold"], options["threshold"])
        try:
            left = read_csv(options["left"])
            right = read_csv(options["right"]) if options["right"] else None
            model = Model.load(options["model"]) if options["model"] else None
            result = match(
                left,
                right,
                threshold=options["threshold"],
                review_threshold=review_threshold,
                model=model,
                progress=progress,
                sources=(str(options["left"]), str(options["right"])),
                one_to_one=options["one_to_one"],
            )
        except MatchInputError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        outputs = [(options["out"], result.matches)]
        if options["review_out"]:
            outputs.append((options["review_out"], result.review))
        _write_all(outputs)
        if options["save_model"]:
            result.model.save(options["save_model"])
        self.stdout.write(_summary(result, options["out"]))


#: How many impossible dates the summary names (it counts them all).
SHOWN_DATES = 5


def _summary(result: MatchResult, out: Path) -> str:
    summary = (
        f"{len(result.matches):,} pairs judged the same person written to {out}; "
        f"{len(result.review):,} pairs for review."
    )
    found = result.impossible_dates
    if found:
        summary += (
            f"\n{len(found):,} dates of birth that cannot be one were compared as missing"
            f"{', first' if len(found) > SHOWN_DATES else ''}:"
        )
        summary += "".join(f"\n  {place}" for place in found[:SHOWN_DATES])
    return summary


def _write_all(outputs: list[tuple[Path, list[Pair]]]) -> None:
    """Write every file under a temporary name first, then rename them all, so that a
    failed run leaves no partial output."""
    temporary: list[tuple[str, Path]] = []
    try:
        for path, pairs in outputs:
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", text=True)
            temporary.append((name, path))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                writer = csv.writer(stream)
                writer.writerow(["left_id", "right_id", "probability"])
                writer.writerows((p.left_id, p.right_id, f"{p.probability:.6f}") for p in pairs)
        for name, path in temporary:
            os.replace(name, path)
    except BaseException:
        for name, _ in temporary:
            if os.path.exists(name):
                os.unlink(name)
        raise
    finally:
        sys.stderr.flush()
