"""Rows the registry refuses: nothing stored by default; with skip_invalid the valid rows go
in and every other is listed with its row, column, value and message."""

from __future__ import annotations

import pytest

from qorgau.errors import Invalid
from qorgau.imports import errors
from qorgau.imports.models import ImportRun, RunState
from qorgau.imports.tests.conftest import ROWS
from qorgau.people import errors as people_errors
from qorgau.people.models import Person


def _with(row: int, column: int, value: str) -> list[list[str]]:
    rows = [list(r) for r in ROWS]
    rows[row][column] = value
    return rows


@pytest.mark.parametrize(
    ("row", "column", "value", "header", "message"),
    [
        (2, 7, "31.02.1990", "Date of birth", people_errors.DATE_IMPOSSIBLE),
        (2, 7, "March 1990", "Date of birth", errors.DATE_UNREADABLE),
        (2, 10, "XX-99", "Needs", people_errors.UNKNOWN_CODE),
        (2, 10, "50%d", "Needs", people_errors.UNKNOWN_CODE),
        (2, 9, "12345", "Phone", people_errors.PHONE_INVALID),
        (2, 8, "UZ-TO", "Region", people_errors.REGION_OF_ANOTHER_COUNTRY),
        (2, 8, "Atlantis", "Region", errors.UNKNOWN_REGION),
        (2, 6, "robot", "Sex", errors.UNKNOWN_VALUE),
        (2, 4, "=HYPERLINK(1)", "Имя", errors.FORMULA),
    ],
)
def test_it_stores_nothing_when_a_row_is_invalid(
    run_import, write_csv, ngo_a_org, row, column, value, header, message
):
    result = run_import(write_csv(_with(row, column, value)))
    assert result.run.state == RunState.REFUSED
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 0
    (problem,) = result.problems
    assert (problem.row, problem.column) == (4, header)
    params = {"value": value, "number": value, "code": value}
    assert problem.message == str(message) % params


def test_it_stores_the_valid_rows_with_skip_invalid(run_import, write_csv, ngo_a_org):
    result = run_import(write_csv(_with(1, 7, "2099")), skip_invalid=True)
    run = result.run
    assert (run.state, run.created, run.invalid) == (RunState.DONE, 1, 2)
    # The son's date is in the future: his household (his mother too) is left out.
    assert list(
        Person.objects.filter(registered_by=ngo_a_org).values_list("source_id", flat=True)
    ) == ["P-3"]
    assert [(p.row, p.column) for p in result.problems] == [(2, ""), (3, "Date of birth")]
    assert result.problems[0].message == str(errors.IN_HOUSEHOLD)


def test_it_refuses_a_source_id_twice_in_a_file(run_import, write_csv):
    result = run_import(write_csv(_with(2, 0, "P-1")), skip_invalid=True)
    problem = result.problems[-1]
    assert (problem.row, problem.column, problem.value) == (4, "ID", "P-1")
    assert "row 2" in problem.message


def test_it_refuses_a_household_with_two_principal_applicants(run_import, write_csv, ngo_a_org):
    result = run_import(write_csv(_with(1, 2, "principal")))
    assert result.run.state == RunState.REFUSED
    assert {p.row for p in result.problems} == {2, 3}
    assert result.problems[0].message == str(people_errors.TWO_PRINCIPALS) % {"count": 2}
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 0


def test_it_refuses_a_file_with_an_unknown_column(run_import, write_csv):
    path = write_csv([[*r, "x"] for r in ROWS], header=[*ROWS[0][:0], *_header(), "Notes"])
    with pytest.raises(Invalid) as refused:
        run_import(path)
    assert refused.value.code == "unknown_column"
    assert "“Notes”" in str(refused.value)
    assert ImportRun.objects.get().state == RunState.REFUSED


def test_it_refuses_a_file_without_a_mapped_column(run_import, write_csv):
    header = _header()
    header[9] = "Telephone"
    with pytest.raises(Invalid) as refused:
        run_import(write_csv(ROWS, header=header))
    assert refused.value.code == "missing_column"
    assert "“Phone”" in str(refused.value)


def test_it_stores_nothing_in_a_dry_run(run_import, write_csv, ngo_a_org):
    run = run_import(write_csv(ROWS), dry_run=True).run
    assert (run.state, run.created) == (RunState.CHECKED, 3)
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 0


def _header() -> list[str]:
    from qorgau.imports.tests.conftest import HEADER

    return list(HEADER)
