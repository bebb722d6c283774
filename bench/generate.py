"""Benchmark: `qorgau generate --persons N` into SQLite and PostgreSQL.

Prints people per second (the command's own timing, start-up excluded) and the peak resident
memory reported for the command (wait4) for two sizes, so that the rate and the flatness of
memory can be read side by side; then the larger size again with two worker processes
(`--workers`: they draw people and build rows while the command's process writes). Target
(issue 3): >= 20,000 people per second on both databases, flat memory.

    python bench/generate.py [--sizes 50000 200000] [--postgres postgres://...]

`make bench` runs it on SQLite and on a throw-away PostgreSQL server.

Measured: see README, "The synthetic population" (the figures of the last run, with the load
of the machine at the time). The target is not reached.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 20_000


def run(args: list[str], database_url: str) -> tuple[str, int]:
    """Run `python -m qorgau ARGS`; return its output and peak RSS in MiB."""
    env = {**os.environ, "DATABASE_URL": database_url}
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "qorgau", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"qorgau {' '.join(args)} failed ({status}): {output}")
    return output, usage.ru_maxrss // 1024


def measure(label: str, database_url: str, sizes: list[int], workers: int) -> None:
    run(["migrate", "-v", "0"], database_url)
    runs = [(size, 1) for size in sizes] + [(sizes[-1], workers)] * (workers > 1)
    for size, processes in runs:
        args = ["generate", "--persons", str(size), "--workers", str(processes)]
        output, peak = run(args, database_url)
        match = re.search(r"Generated ([\d,]+) people in ([\d.]+) s", output)
        if not match:
            raise SystemExit(f"unexpected output: {output}")
        people, seconds = int(match[1].replace(",", "")), float(match[2])
        rate = people / seconds
        print(
            f"{label:<10} {people:>9,} people  {processes} process(es)  {seconds:7.1f} s  "
            f"{rate:9,.0f} /s "
            f"(target {TARGET:,}: {rate / TARGET:4.2f}x)  peak memory {peak:,} MiB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 200_000])
    parser.add_argument("--postgres", help="URL of an empty PostgreSQL database.")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--workers", type=int, default=2, help="Also run the largest size so.")
    options = parser.parse_args()
    if not options.skip_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            database = f"sqlite:///{folder}/bench.sqlite3"
            measure("SQLite", database, options.sizes, options.workers)
    if options.postgres:
        measure("PostgreSQL", options.postgres, options.sizes, options.workers)


if __name__ == "__main__":
    main()
