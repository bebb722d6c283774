"""Batching changes nothing: a file imported a row (household) at a time and in batches gives
the same counts, records, history, problems and rows held for review."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from qorgau.imports.models import HeldRow
from qorgau.imports.services import runs
from qorgau.imports.tests.conftest import ROWS
from qorgau.people.models import Person

#: Against a registry holding ROWS already: unchanged rows, a changed one, a new member of a
#: stored household, new households, a likely duplicate of a stored record (its household is
#: held), an invalid phone, a household with two principal applicants (synthetic names).
FILE = [
    ROWS[0],
    ROWS[1],
    ["P-4", "H-1", "daughter", "Жаксыбекова", "Аружан", "", "female", "2015", "KZ-75", "", ""],
    ["P-3", "", "", "Тоқтарова", "Назерке", "", "female", "1990-07-03", "KZ-71", "", ""],
    ["P-5", "H-2", "principal", "Сейітов", "Ерлан", "", "male", "1979", "KZ-19", "", "SM-CI"],
    ["P-6", "H-2", "wife", "Сейітова", "Дана", "", "female", "03.02.1981", "KZ-19", "", ""],
    ["P-7", "H-3", "principal", "Тоқтарова", "Назерке", "", "female", "03.07.1990", "", "", ""],
    ["P-8", "H-3", "son", "Тоқтаров", "Арман", "", "male", "2016", "", "", ""],
    ["P-9", "", "", "Омарова", "Сәуле", "", "female", "1995", "", "12", ""],
    ["P-10", "", "", "Ахметов", "Тимур", "", "male", "1988-11-30", "KZ-47", "", ""],
    ["P-11", "H-4", "principal", "Бекова", "Жанар", "", "female", "1970", "", "", ""],
    ["P-12", "H-4", "principal", "Беков", "Серік", "", "male", "1968", "", "", ""],
]


def _snapshot(run_import: Any, path: Any, organisation: Any) -> dict[str, Any]:
    with transaction.atomic():
        result = run_import(path, skip_invalid=True)
        run = result.run
        people = Person.objects.filter(registered_by=organisation).order_by("source_id")
        snapshot = {
            "counts": (run.state, run.rows, run.created, run.updated, run.unchanged),
            "left out": (run.invalid, run.held),
            "problems": [(p.row, p.column, p.value, p.message) for p in result.problems],
            "people": [
                (
                    p.source_id,
                    p.family_name,
                    p.given_name,
                    p.birth_year,
                    p.region_id,
                    p.household.source_id if p.household else "",
                    p.version,
                    p.history.count(),
                    sorted(str(n.number.as_e164) for n in p.phones.all()),
                    sorted(n.need.code for n in p.needs.all()),
                )
                for p in people
            ],
            "held": [
                (h.source_id, h.household_source_id, h.row, h.candidates)
                for h in HeldRow.objects.order_by("source_id")
            ],
        }
        transaction.set_rollback(True)
    return snapshot


def test_it_imports_the_same_row_by_row_as_in_batches(
    run_import, write_csv, ngo_a_org, monkeypatch
):
    run_import(write_csv(ROWS))
    path = write_csv(FILE, name="v2.csv")
    monkeypatch.setattr(runs, "BATCH", 1)
    one_by_one = _snapshot(run_import, path, ngo_a_org)
    monkeypatch.setattr(runs, "BATCH", 3)
    in_threes = _snapshot(run_import, path, ngo_a_org)
    monkeypatch.setattr(runs, "BATCH", 1000)
    whole = _snapshot(run_import, path, ngo_a_org)
    assert one_by_one == in_threes == whole
    # What the file holds, so that the comparison compares something.
    assert whole["counts"] == ("done", 12, 4, 1, 2)
    assert whole["left out"] == (3, 2)
    assert [p[0] for p in whole["held"]] == ["P-7", "P-8"]
    assert [p[0] for p in whole["problems"]] == [10, 12, 13]


def test_it_refreshes_rows_still_held_when_the_file_comes_again(run_import, write_csv, ngo_a_org):
    run_import(write_csv(ROWS))
    path = write_csv(FILE, name="v2.csv")
    first = run_import(path, skip_invalid=True).run
    again = run_import(path, skip_invalid=True).run
    assert (first.held, again.held) == (2, 2)
    held = HeldRow.objects.order_by("source_id")
    assert [(h.source_id, h.run_id) for h in held] == [("P-7", again.pk), ("P-8", again.pk)]


def _queries(run_import: Any, write_csv: Any, rows: list[list[str]]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = write_csv(rows, name=f"q{len(rows)}.csv")
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        assert run_import(path).run.held == len(rows)
        transaction.set_rollback(True)
    return len(captured)


def test_ranking_the_likely_records_costs_no_query_per_record(
    run_import, write_csv, make_person, ngo_a, ngo_a_org
):
    """The records a batch's rows resemble are read once for the batch: ranking them against
    more rows costs no more queries."""
    for n in range(6):
        make_person(
            ngo_a, ngo_a_org, family_name="Тоқтарова", given_name="Назерке", patronymic="",
            sex="female", date_of_birth=f"1990-03-0{n + 1}", source_id=f"R-{n}",
        )  # fmt: skip
    row = ["N-{}", "", "", "Тоқтарова", "Назерке", "", "female", "1990", "", "", ""]
    few = [[row[0].format(n), *row[1:]] for n in range(2)]
    many = [[row[0].format(n), *row[1:]] for n in range(8)]
    assert _queries(run_import, write_csv, few) == _queries(run_import, write_csv, many)
