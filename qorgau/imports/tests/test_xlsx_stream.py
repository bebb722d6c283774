"""The streaming XLSX reader (``imports/xlsx.py``, ADR 0063) gives the cell values
python-calamine gives, on the test suite's XLSX files and on a file with every cell type, and
holds one row at a time."""

from __future__ import annotations

import datetime as dt
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from python_calamine import CalamineWorkbook

from qorgau.errors import Invalid
from qorgau.exports.xlsform import xlsform_write
from qorgau.imports.readers import table_open
from qorgau.imports.tests.test_readers import _kobo_xlsx
from qorgau.imports.tests.test_xlsform_round_trip import _kobo_export
from qorgau.imports.xlsx import DATE, DURATION, XlsxStream, format_kind

#: (value, number format) of every kind of cell a partner's file may hold.
CELLS: list[tuple[Any, str | None]] = [
    (1, None),
    (1.5, None),
    (0.1, None),
    (1e20, None),
    (-3, None),
    (123456789012, None),
    (True, None),
    (False, None),
    ("  padded  ", None),
    ("Жаксыбекова Ботагөз", None),
    ("#N/A", None),  # an error cell
    ("", None),
    (30750, "dd.mm.yyyy"),
    (30750.5, "dd.mm.yyyy hh:mm"),
    (30750.123456789, "dd.mm.yyyy hh:mm:ss"),
    (0.5, "h:mm"),
    (0.75, "mm:ss"),
    (1.25, "[h]:mm"),
    (30750, "yyyy-mm-dd"),
    (30750, "0.00"),
    (30750, '"d"0'),
    (30750, "[$-409]mmmm d, yyyy"),
    (30750, "[Red]0"),
    (30750, "mmm"),
    (30750, "@"),
    (30750, "0;[Red]-0"),
    (12, "General"),
    (1, "d/m/yyyy"),
    (59, "d/m/yyyy"),
    (60, "d/m/yyyy"),
    (61, "d/m/yyyy"),
    (0, "d/m/yyyy"),
    (dt.datetime(1984, 3, 9), None),
    (dt.datetime(1984, 3, 9, 7, 45), None),
    (dt.date(1984, 3, 9), None),
    (dt.time(12, 30), None),
    (dt.timedelta(hours=30), None),
]


def _every_type(path: Path, *, epoch_1904: bool = False, write_only: bool = False) -> Path:
    """Every kind of cell, in shared or inline strings, with a gap between columns, a row
    with no cells and a rich-text cell."""
    book = Workbook(write_only=write_only)
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.create_sheet("cells") if write_only else book.active
    sheet.append(["value", "label", "", "after a gap"])
    for value, number_format in CELLS:
        if write_only:
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(sheet, value=value)
            if number_format:
                cell.number_format = number_format
            sheet.append([cell, "x", None, "z"])
        else:
            sheet.append([value, "x", None, "z"])
            if number_format:
                sheet.cell(row=sheet.max_row, column=1).number_format = number_format
    sheet.append([])
    sheet.append([CellRichText("Ер", TextBlock(InlineFont(b=True), "лан")), "rich", None, 1])
    book.save(path)
    return path


def _calamine(path: Path) -> list[list[list[Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    return [
        [list(row) for row in book.get_sheet_by_index(i).iter_rows()]
        for i in range(len(book.sheet_names))
    ]


def _streamed(path: Path) -> list[list[tuple[int, list[Any]]]]:
    book = XlsxStream(path)
    return [list(book.rows(i)) for i in range(len(book.sheets))]


def _same(calamine: list[list[Any]], streamed: list[tuple[int, list[Any]]]) -> None:
    """Row by row (the header in row 1), the values calamine gives, padded to the sheet's
    width, are the streamed ones; a row with no cells in the file is calamine's empty row."""
    by_number = dict(streamed)
    for number, expected in enumerate(calamine, start=1):
        got = by_number.pop(number, [])
        assert got + [""] * (len(expected) - len(got)) == expected, number
    assert not any(any(v != "" for v in row) for row in by_number.values())


def _suite_files(tmp_path: Path) -> list[Path]:
    from qorgau.imports.tests.test_readers import test_it_reads_xlsx_with_dates_and_numbers

    dates = tmp_path / "dates"
    dates.mkdir()
    test_it_reads_xlsx_with_dates_and_numbers(dates)
    form = tmp_path / "registration.xlsx"
    xlsform_write(form)
    return [
        dates / "list.xlsx",
        _kobo_xlsx(tmp_path),
        _kobo_export(form, tmp_path / "export.xlsx"),
        form,
        _every_type(tmp_path / "shared.xlsx"),
        _every_type(tmp_path / "inline.xlsx", write_only=True),
        _every_type(tmp_path / "1904.xlsx", epoch_1904=True),
    ]


def test_it_reads_the_values_calamine_reads_from_every_test_file(db, tmp_path):
    for path in _suite_files(tmp_path):
        calamine, streamed = _calamine(path), _streamed(path)
        assert len(streamed) == len(calamine), path.name
        for sheet_calamine, sheet_streamed in zip(calamine, streamed, strict=True):
            _same(sheet_calamine, sheet_streamed)


def test_it_reads_every_cell_type_as_calamine_does(tmp_path):
    (numbered,) = _streamed(_every_type(tmp_path / "cells.xlsx"))
    rows = [cells for _number, cells in numbered]
    values = [row[0] for row in rows[1 : len(CELLS) + 1]]
    assert values[:4] == [1.0, 1.5, 0.1, 1e20]
    assert values[6:8] == [True, False]
    assert values[10] == ""  # an error
    assert values[12:16] == [
        dt.date(1984, 3, 9),
        dt.datetime(1984, 3, 9, 12, 0),
        dt.datetime(1984, 3, 9, 2, 57, 46, 667000),
        dt.time(12, 0),
    ]
    assert values[17] == dt.timedelta(days=1, hours=6)
    assert rows[1][3] == "z"  # after the gap
    assert rows[-1][0] == "Ерлан"


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("dd.mm.yyyy", DATE),
        ("[$-409]mmmm d, yyyy", DATE),
        ("[h]:mm:ss", DURATION),
        ('"day" 0', 0),
        ("[Red]0.00", 0),
        ("0;[Red]-0", 0),
        ("General", 0),
        ("@", 0),
        (r"0\d", 0),
    ],
)
def test_it_knows_which_number_formats_are_dates(code, kind):
    assert format_kind(code) == kind


def test_the_import_reads_the_same_rows_as_before(tmp_path):
    """``table_open``'s rows, with the values as calamine gives them, for the Kobo layouts."""
    path = _kobo_xlsx(tmp_path)
    rows = list(table_open(path).rows)
    assert [(r.number, r.sheet) for r in rows] == [(2, "members"), (3, "members"), (4, "members")]
    assert rows[0].cells["_index"] == "1"
    assert rows[0].cells["hh/needs/SM-CI"] == "1"


def test_it_holds_one_row_at_a_time(tmp_path):
    """The memory the reader's Python objects take does not grow with the rows."""

    def peak(rows: int) -> int:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("list")
        sheet.append(["ID", "Имя", "Date of birth"])
        for n in range(rows):
            sheet.append([f"P-{n}", f"Ерлан {n}", 30750 + n])
        path = tmp_path / f"{rows}.xlsx"
        book.save(path)
        table = table_open(path)  # the formula check reads the file a block at a time
        tracemalloc.start()
        try:
            for _row in table.rows:
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(500), peak(10_000)
    assert large < small * 1.5 + 200_000


def test_it_refuses_a_sheet_damaged_midway(tmp_path):
    source = _every_type(tmp_path / "cells.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(damaged, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut in the middle of the rows
            copy.writestr(info, data)
    table = table_open(damaged)
    with pytest.raises(Invalid) as refused:
        list(table.rows)
    assert refused.value.code == "not_a_spreadsheet"
