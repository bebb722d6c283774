"""What an import keeps in memory stays bounded by a batch, however long the file (issue 16):
a file of people without a household is taken a batch at a time like one of households, and
with ``DEBUG`` (which makes Django log every query) the log is emptied after each batch;
the caches of checked values stop at their bound. Not a measurement: the figures are in
docs/benchmarks.md."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection

from qorgau.imports.services import runs
from qorgau.names.dates import PartialDate
from qorgau.people.services.validation import CheckedValues, ErrorCollector

SINGLES = 14
FAMILIES = ["Абенов", "Бекенов", "Жумабаев", "Касымов", "Нурланов", "Омаров", "Сапаров"]


def _singles(count: int) -> list[list[str]]:
    """People alone, of names unlike each other (synthetic)."""
    return [
        [
            f"S-{n}", "", "", f"{FAMILIES[n % 7]}{'а' * (n // 7)}", "Ерлан", "", "male",
            f"{1950 + n}", "", "", "",
        ]
        for n in range(count)
    ]  # fmt: skip


def test_it_takes_people_without_a_household_a_batch_at_a_time(
    run_import, write_csv, monkeypatch, settings
):
    settings.DEBUG = True  # Django logs every query (as in development and the benchmark)
    monkeypatch.setattr(runs, "BATCH", 3)
    batches: list[int] = []
    logged: list[int] = []
    original = runs._Importer._batch

    def counted(self: Any, batch: list[Any], invalid: Any) -> None:
        batches.append(len(batch))
        original(self, batch, invalid)
        logged.append(len(connection.queries_log))

    monkeypatch.setattr(runs._Importer, "_batch", counted)
    run = run_import(write_csv(_singles(SINGLES))).run
    assert (run.state, run.rows, run.created) == ("done", SINGLES, SINGLES)
    assert batches == [3, 3, 3, 3, 2]
    assert logged == [0] * len(batches)


def test_it_keeps_a_batch_with_its_households_whole(run_import, write_csv, monkeypatch):
    monkeypatch.setattr(runs, "BATCH", 2)
    batches: list[list[str]] = []
    original = runs._Importer._batch

    def seen(self: Any, batch: list[Any], invalid: Any) -> None:
        batches.append([item.row.cells["ID"] for item in batch])
        original(self, batch, invalid)

    monkeypatch.setattr(runs._Importer, "_batch", seen)
    household = [
        ["H1-1", "H-1", "principal", "Сейітов", "Ерлан", "", "male", "1979", "", "", ""],
        ["H1-2", "H-1", "wife", "Сейітова", "Дана", "", "female", "1981", "", "", ""],
        ["H1-3", "H-1", "son", "Сейітов", "Арман", "", "male", "2010", "", "", ""],
    ]
    rows = [*_singles(1), *household, *_singles(3)[1:]]
    assert run_import(write_csv(rows)).run.created == 6
    assert batches == [["S-0", "H1-1", "H1-2", "H1-3"], ["S-1", "S-2"]]


def test_it_remembers_checked_values_up_to_their_bound(monkeypatch):
    monkeypatch.setattr(CheckedValues, "NAMES_KEPT", 5)
    monkeypatch.setattr(CheckedValues, "BIRTHS_KEPT", 5)
    known, collector = CheckedValues(), ErrorCollector()
    for n in range(40):
        known.name(collector, "family_name", f"{FAMILIES[n % 7]}{'а' * (n // 7)}")
        known.birth(collector, PartialDate.parse(str(1950 + n)), dt.date(2026, 12, 7))
        assert len(known.names) <= 5
        assert len(known.births) <= 5
    assert not collector.errors
