"""Benchmark: a partner's XLSX of N rows through `qorgau import` (issue 16).

Writes a synthetic partner list (openpyxl write-only; names drawn from syllables, households of
one to five with one principal applicant), then prints, for the same rows:

- python-calamine reading the file alone (the floor of any import), and the import's own
  reader alone, both after the import (so that their memory does not count in its peak);
- the import (`import_file`: mapping, every registry check, the likely-duplicate check against
  the people the organisation may see, one transaction), into an empty organisation;
- the registry's own bulk load (`registry_bulk_insert`) of the same rows, built directly;
- the peak resident memory of the process (``VmHWM``) after the import, and its CPU seconds.

Target (issue 16): 100,000 rows imported in <= 60 s on SQLite.

    python bench/import.py [--rows 100000] [--postgres postgres://...]
    python bench/import.py --sizes 10000,30000,100000 [--postgres ...]   # peak memory per size
    python bench/import.py --sizes 10000,100000 --xlsx /tmp/partner.xlsx  # files kept, re-used

``--sizes`` runs the import alone (no bulk load) once per size, each in a process of its own
(a process's peak resident memory only grows), and prints the peaks side by side.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET = 60.0
SYLLABLES = [
    "ба",
    "қа",
    "жан",
    "сер",
    "нұр",
    "ай",
    "ер",
    "дә",
    "мұ",
    "те",
    "ғали",
    "бек",
    "тай",
    "ас",
    "ер",
    "ым",
    "құл",
    "ора",
    "шы",
    "ман",
    "ке",
    "ләй",
    "ұл",
    "сым",
]
GIVEN_F = ["Айгүл", "Асель", "Гүлнар", "Мадина", "Назерке", "Ботагөз", "Дана", "Жанар", "Сәуле"]
GIVEN_M = ["Ерлан", "Данияр", "Нұржан", "Серік", "Әлихан", "Арман", "Бауыржан", "Тимур"]
REGIONS = ["KZ-75", "KZ-71", "KZ-79", "KZ-19", "KZ-47"]
HEADER = [
    "ID",
    "Household",
    "Relationship",
    "Фамилия",
    "Имя",
    "Sex",
    "Date of birth",
    "Region",
    "Phone",
    "Needs",
]


def write_xlsx(path: Path, rows: int, seed: int = 16) -> None:
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("list")
    sheet.append(HEADER)
    written, household = 0, 0
    while written < rows:
        household += 1
        family = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + "ов"
        size = min(rng.randint(1, 5), rows - written)
        for member in range(size):
            female = rng.random() < 0.5
            given = rng.choice(GIVEN_F if female else GIVEN_M)
            year = rng.randint(1950, 2000) if member == 0 else rng.randint(2001, 2024)
            birth = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{year}"
            sheet.append(
                [
                    f"P-{household}-{member + 1}",
                    f"H-{household}",
                    "principal" if member == 0 else ("daughter" if female else "son"),
                    family + ("а" if female else ""),
                    given,
                    "female" if female else "male",
                    birth,
                    rng.choice(REGIONS),
                    f"+7 701 {rng.randint(1_000_000, 9_999_999)}" if member == 0 else "",
                    "SM-CI" if rng.random() < 0.05 else "",
                ]
            )
            written += 1
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", help="a PostgreSQL URL instead of a fresh SQLite file")
    parser.add_argument("--profile", action="store_true", help="profile the import (cProfile)")
    parser.add_argument("--no-bulk", action="store_true", help="skip the registry's bulk load")
    parser.add_argument("--sizes", help="comma-separated row counts: peak memory of each")
    parser.add_argument(
        "--xlsx", type=Path, help="the partner file: read if it exists, else written there"
    )
    options = parser.parse_args()
    if options.sizes:
        sizes_run(options)
        return
    folder = Path(tempfile.mkdtemp(prefix="qorgau-bench-import-"))
    os.environ["DATABASE_URL"] = options.postgres or f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["QORGAU_IMPORT_FILES_DIR"] = str(folder / "kept")
    os.environ["QORGAU_IMPORT_MAX_FILE_MB"] = "200"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qorgau.config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from python_calamine import CalamineWorkbook

    from qorgau.imports.mapping import Lookups, row_read
    from qorgau.imports.readers import table_open
    from qorgau.imports.services.mappings import mapping_save
    from qorgau.imports.services.runs import import_file
    from qorgau.organisations.models import OrganisationType
    from qorgau.organisations.permissions import Role
    from qorgau.organisations.tests.factories import organisation_make, user_make
    from qorgau.people.services.bulk import BulkHousehold, BulkPerson, registry_bulk_insert

    print(f"database: {connection.vendor}; load average at the start: {os.getloadavg()[0]:.1f}")
    path = options.xlsx or folder / "partner.xlsx"
    if path.exists():
        print(f"read {path} ({path.stat().st_size / 1e6:.1f} MB), written before")
    else:
        started = time.perf_counter()
        write_xlsx(path, options.rows)
        print(
            f"wrote {options.rows:,} rows ({path.stat().st_size / 1e6:.1f} MB) in "
            f"{time.perf_counter() - started:.1f} s"
        )

    columns = dict(
        zip(
            HEADER,
            [
                "source_id",
                "household_id",
                "relationship",
                "family_name",
                "given_name",
                "sex",
                "birth_date",
                "region",
                "phones",
                "needs",
            ],
            strict=True,
        )
    )
    stamp = int(time.time())
    partner = organisation_make(f"bench-{stamp}", OrganisationType.NGO)
    actor = user_make(f"bench-{stamp}", partner, Role.PARTNER_CASEWORKER)
    mapping_save(actor=actor, organisation=partner, name="bench", columns=columns)
    profile = cProfile.Profile() if options.profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    run = import_file(actor=actor, organisation=partner, path=path, mapping_name="bench").run
    imported, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profile:
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats("qorgau", 30)
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
    after_import = _peak()
    print(f"peak resident memory of the import (VmHWM): {_vm_hwm():,.0f} MiB")
    print(
        f"import (checks, identity, one transaction): {imported:6.1f} s  state={run.state} "
        f"created={run.created:,} held={run.held:,} invalid={run.invalid:,}  "
        f"(CPU of this process: {cpu:.1f} s)  "
        f"target <= {TARGET:.0f} s: {'met' if imported <= TARGET else 'NOT met'}"
    )

    _readers_alone(path, CalamineWorkbook, table_open)
    if options.no_bulk:
        print(f"peak resident memory after the import: {after_import:,.0f} MiB")
        return
    other = organisation_make(f"bench-bulk-{stamp}", OrganisationType.NGO)
    lookups = Lookups.load()
    households: list[BulkHousehold] = []
    people: list[BulkPerson] = []
    from django.utils import timezone

    now = timezone.now()
    built = time.perf_counter()
    by_id: dict[str, BulkHousehold] = {}
    for row in table_open(path).rows:
        values, _ = row_read(row.cells, columns, lookups)
        household = by_id.get(values.household_id)
        if household is None:
            household = BulkHousehold(
                other.pk, other.country.pk, other.country.iso3, now, source_id=values.household_id
            )
            by_id[values.household_id] = household
            households.append(household)
        people.append(
            BulkPerson(
                values.data,
                other.pk,
                other.country.pk,
                other.country.iso3,
                now,
                household=household,
                relationship=values.relationship,
                source_id=values.source_id,
            )
        )
    started = time.perf_counter()
    registry_bulk_insert(households=households, people=people, actor=actor)
    bulk = time.perf_counter() - started
    print(
        f"registry bulk load of the same rows: {bulk:6.1f} s "
        f"(+{started - built:.1f} s reading and building them)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory after the import: {after_import:,.0f} MiB")
    print(
        f"peak resident memory at the end: {peak:,.0f} MiB (the bulk load holds every row at once)"
    )
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))


def _readers_alone(path: Path, calamine: Any, table_open: Any) -> None:
    """python-calamine reading the file alone, and the import's own reader (``table_open``):
    CPU seconds, after the import so that their memory does not count in its peak."""
    started = time.process_time()
    cells = sum(len(r) for r in calamine.from_path(str(path)).get_sheet_by_index(0).iter_rows())
    print(
        f"calamine alone:      {time.process_time() - started:6.1f} s of CPU ({cells:,} cells; "
        "the whole sheet in memory)"
    )
    started = time.process_time()
    rows = sum(1 for _row in table_open(path).rows)
    print(
        f"the import's reader alone (readers.table_open): {time.process_time() - started:6.1f} s "
        f"of CPU ({rows:,} rows)"
    )


def _vm_hwm() -> float:
    """The process's peak resident memory (``VmHWM``), in MiB (Linux)."""
    status = Path("/proc/self/status")
    if not status.exists():
        return _peak()
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return _peak()


def _peak() -> float:
    """The process's peak resident memory so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sizes_run(options: argparse.Namespace) -> None:
    """The import alone at each size, each in a fresh process; its peak memory printed."""
    peaks = []
    for rows in (int(n) for n in options.sizes.split(",")):
        command = [sys.executable, __file__, "--rows", str(rows), "--no-bulk"]
        if options.xlsx:
            command += ["--xlsx", str(options.xlsx.with_name(f"{options.xlsx.stem}-{rows}.xlsx"))]
        if options.postgres:
            command += ["--postgres", options.postgres]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        print(output, end="")
        found = [line for line in output.splitlines() if line.startswith("peak resident memory of")]
        peaks.append((rows, found[-1].split(": ")[1] if found else "?"))
    print(
        "peak resident memory after the import, by rows: "
        + ", ".join(f"{rows:,}: {peak}" for rows, peak in peaks)
    )


if __name__ == "__main__":
    main()
