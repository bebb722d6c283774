"""Benchmark: key figures of one country as of one date over a million people.

Times the figures function behind `qorgau stats` without breakdowns (refugees and
asylum-seekers by origin, stateless people by status, acquisitions of citizenship since 2014:
three aggregate queries, see `statistics.selectors`) on each database given, and beside it the
same figures as two queries run by DuckDB over the same tables exported to Parquet (the
practical limit of one machine), as a ratio of the medians. Target (issue 6): <= 1 s on SQLite
and on PostgreSQL for 1,000,000 people. Each line ends with the load average before and after
the timed runs: the machine is shared, so read the best beside the median.

    python bench/stats.py --database sqlite:///var/bench.sqlite3 [--database postgres://…]
        [--generate 1000000] [--country KAZ] [--as-of 2024-01-01] [--repeat 5]

A database without people is first filled with `qorgau generate --persons N` (several minutes
for a million). Each database is measured in its own process (Django reads DATABASE_URL once).

Measured (README, "Statistics"): 1,000,000 people, 1,730,632 status periods, all in one
country office, on a 2-core machine shared with another benchmark, median of 7 (best): at load
1.3-1.6 SQLite 0.43-0.55 s (0.41-0.47 s), PostgreSQL 15 0.40-0.45 s (0.39 s), DuckDB over
Parquet 0.08-0.12 s (ratios 3.6-6.6x); at load 3.7-4.4 SQLite 0.43-0.47 s, PostgreSQL
0.45-0.58 s. Before the one-index and exclusion change, at load 4.2-6.6: 1.27 s (1.14 s) and
1.48 s (1.40 s).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.0
SINCE = "2014-01-01"
STOCK = ("REF", "ROC", "ASY", "STA", "UND")

DUCK_STOCK = """
SELECT p.status, pe.origin_country_id, count(*)
FROM periods p JOIN persons pe ON p.person_id = pe.id
WHERE pe.country_office_id = $country AND pe.merged_into_id IS NULL
  AND p.status IN ('REF', 'ROC', 'ASY', 'STA', 'UND') AND p.effective_from <= $on
  AND (p.effective_to IS NULL OR p.effective_to > $on)
GROUP BY 1, 2
"""
DUCK_FLOWS = """
SELECT p.status, p.effective_from, count(*)
FROM periods p JOIN persons pe ON p.person_id = pe.id
WHERE pe.country_office_id = $country AND pe.merged_into_id IS NULL
  AND p.status IN ('NAT', 'NCF') AND p.effective_from BETWEEN $since AND $on
GROUP BY 1, 2
"""


def _timed(call: Any, repeat: int) -> tuple[list[float], Any]:
    call()  # warm the caches: the figures are asked of a running server
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return times, result


def _export(folder: Path) -> None:
    """Persons and status periods (the columns the figures read) to Parquet via CSV."""
    import duckdb
    from django.db import connection

    tables = {
        "persons": "SELECT id, country_office_id, merged_into_id, origin_country_id "
        "FROM people_person",
        "periods": "SELECT id, person_id, status, effective_from, effective_to "
        "FROM people_legalstatusperiod",
    }
    for name, query in tables.items():
        path = folder / f"{name}.csv"
        with connection.cursor() as cursor, path.open("w", newline="") as handle:
            cursor.execute(query)
            writer = csv.writer(handle)
            writer.writerow([column[0] for column in cursor.description])
            while rows := cursor.fetchmany(50_000):
                writer.writerows(rows)
        copy = f"COPY (SELECT * FROM read_csv('{path}', header=true)) TO '{folder / name}.parquet'"  # noqa: S608
        duckdb.sql(copy + " (FORMAT parquet)")  # our own paths
        path.unlink()


def measure(database: str, country: str, as_of: str, repeat: int, generate: int) -> None:
    """Runs inside the child process, with DATABASE_URL set to ``database``."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qorgau.config.settings")
    django.setup()
    import duckdb
    from django.core.management import call_command

    from qorgau.people.models import LegalStatusPeriod, Person
    from qorgau.reference.models import Country
    from qorgau.statistics.figures import figures

    call_command("migrate", verbosity=0)
    if not Person.objects.exists():
        call_command("generate", persons=generate)
    on = dt.date.fromisoformat(as_of)
    load_before = os.getloadavg()[0]
    times, result = _timed(lambda: figures(country=country, as_of=on, breakdowns=False), repeat)
    office = Country.objects.get(iso3=country).pk
    with tempfile.TemporaryDirectory() as folder:
        _export(Path(folder))
        duck = duckdb.connect()
        for name in ("persons", "periods"):
            duck.sql(f"CREATE VIEW {name} AS SELECT * FROM '{folder}/{name}.parquet'")  # noqa: S608
        params = {"country": office, "on": on, "since": dt.date.fromisoformat(SINCE)}

        def duck_figures() -> tuple[int, int]:
            stock = duck.execute(DUCK_STOCK, {"country": office, "on": on}).fetchall()
            flows = duck.execute(DUCK_FLOWS, params).fetchall()
            return sum(row[2] for row in stock), sum(row[2] for row in flows)

        duck_times, duck_result = _timed(duck_figures, repeat)
    ours = (sum(result.by_origin.values()), result.acquired_total)
    print(json.dumps({
        "people": Person.objects.count(),
        "periods": LegalStatusPeriod.objects.count(),
        "median": statistics.median(times), "best": min(times),
        "duck_median": statistics.median(duck_times), "duck_best": min(duck_times),
        "same_counts": ours == duck_result, "stock": ours[0], "acquired": ours[1],
        "load": [load_before, os.getloadavg()[0]],
    }))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", action="append", required=True, help="DATABASE_URL")
    parser.add_argument("--country", default="KAZ")
    parser.add_argument("--as-of", default="2024-01-01")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--generate", type=int, default=1_000_000)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        measure(options.measure, options.country, options.as_of, options.repeat, options.generate)
        return
    for database in options.database:
        label = database.split(":", 1)[0]
        output = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, __file__, "--database", database, "--measure", database,
             "--country", options.country, "--as-of", options.as_of,
             "--repeat", str(options.repeat), "--generate", str(options.generate)],
            cwd=ROOT, env={**os.environ, "DATABASE_URL": database},
            capture_output=True, text=True, check=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        r = json.loads(output)
        print(
            f"{label:<10} {r['people']:>9,} people {r['periods']:>9,} periods  "
            f"key figures {options.country} as of {options.as_of}: "
            f"median {r['median']:.3f} s (best {r['best']:.3f}, target {TARGET:.0f} s)  "
            f"DuckDB/Parquet median {r['duck_median']:.3f} s  "
            f"ratio {r['median'] / r['duck_median']:.1f}x  "
            f"same counts: {r['same_counts']} ({r['stock']:,} in stock, "
            f"{r['acquired']:,} acquisitions)  load {r['load'][0]:.1f}-{r['load'][1]:.1f}"
        )


if __name__ == "__main__":
    main()
