"""The ids a file used in earlier batches are kept out of memory (``imports/seen.py``), and
still refuse a source id used twice and a household whose rows are not together."""

from __future__ import annotations

from qorgau.imports import errors
from qorgau.imports.seen import SeenIds
from qorgau.imports.services import runs
from qorgau.imports.tests.conftest import ROWS


def test_it_remembers_source_ids_and_households():
    seen = SeenIds()
    seen.add_sources([("P-1", 2), ("P-2", 3)])
    seen.add_sources([("P-1", 9)])  # the first row stays
    seen.add_households(["H-1"])
    assert seen.first_rows(["P-1", "P-3"]) == {"P-1": 2}
    assert seen.households(["H-1", "H-2", "P-1"]) == {"H-1"}
    assert seen.first_rows(f"X-{n}" for n in range(2_000)) == {}  # more than one chunk
    seen.close()


def test_it_refuses_a_source_id_an_earlier_batch_used(monkeypatch, run_import, write_csv):
    monkeypatch.setattr(runs, "BATCH", 1)
    again = ["P-1", "", "", "Сейтова", "Айгүл", "", "female", "1991", "", "", ""]
    result = run_import(write_csv([*ROWS, again]), skip_invalid=True)
    problem = result.problems[-1]
    assert (problem.row, problem.column, problem.value) == (5, "ID", "P-1")
    assert "row 2" in problem.message
    assert result.run.created == 3


def test_it_refuses_a_household_an_earlier_batch_ended(monkeypatch, run_import, write_csv):
    monkeypatch.setattr(runs, "BATCH", 1)
    late = ["P-4", "H-1", "daughter", "Жаксыбекова", "Дана", "", "female", "2015", "", "", ""]
    result = run_import(write_csv([*ROWS, late]), skip_invalid=True)
    problem = result.problems[-1]
    assert (problem.row, problem.column, problem.value) == (5, "Household", "H-1")
    assert problem.message == str(errors.HOUSEHOLD_SPLIT) % {"value": "H-1"}
