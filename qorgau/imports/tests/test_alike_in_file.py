"""Two new rows of one file that look like each other: the second is held for review against
the record the first becomes, whether both fall in one batch or not (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from qorgau.imports.models import HeldRow
from qorgau.imports.services import runs
from qorgau.people.models import Person

#: Synthetic names. Q-3 (household H-2) looks like Q-1 (the names, the year of birth and the
#: sex), so its whole household is held; Q-6 like Q-5, alone; Q-7 shares Q-5's names but was
#: born 20 years later (not alike); Q-8 looks like Q-3, which is held, not a record.
FILE = [
    ["Q-1", "H-1", "principal", "Сейітова", "Дана", "", "female", "03.02.1981", "KZ-19", "", ""],
    ["Q-2", "H-1", "son", "Сейітов", "Ерлан", "", "male", "2010", "KZ-19", "", ""],
    ["Q-3", "H-2", "principal", "Сейитова", "Дана", "", "female", "1981", "KZ-75", "", ""],
    ["Q-4", "H-2", "daughter", "Сейітова", "Аружан", "", "female", "2012", "KZ-75", "", ""],
    ["Q-5", "", "", "Омарова", "Сәуле", "", "female", "1995-06-01", "", "", ""],
    ["Q-6", "", "", "Омарова", "Сәуле", "", "female", "01.06.1995", "", "", ""],
    ["Q-7", "", "", "Омарова", "Сәуле", "", "female", "2015", "", "", ""],
    ["Q-8", "", "", "Сейитова", "Дана", "", "female", "1981", "", "", ""],
]


def _snapshot(run_import: Any, path: Any) -> dict[str, Any]:
    with transaction.atomic():
        run = run_import(path).run
        ids = dict(Person.objects.values_list("pk", "source_id"))
        snapshot = {
            "counts": (run.state, run.rows, run.created, run.held, run.invalid),
            "people": sorted(ids.values()),
            "held": [
                (h.source_id, h.household_source_id, [ids[pk] for pk in h.candidates])
                for h in HeldRow.objects.filter(run=run).order_by("source_id")
            ],
        }
        transaction.set_rollback(True)
    return snapshot


@pytest.mark.parametrize("batch", [1, 1000])
def test_it_holds_a_row_that_looks_like_an_earlier_row_of_the_file(
    batch, run_import, write_csv, monkeypatch
):
    monkeypatch.setattr(runs, "BATCH", batch)
    found = _snapshot(run_import, write_csv(FILE))
    assert found == {
        "counts": ("done", 8, 4, 4, 0),
        "people": ["Q-1", "Q-2", "Q-5", "Q-7"],
        "held": [
            ("Q-3", "H-2", ["Q-1"]),
            ("Q-4", "H-2", []),
            ("Q-6", "", ["Q-5"]),
            ("Q-8", "", ["Q-1"]),
        ],
    }
