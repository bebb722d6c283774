"""The readers: CSV in its encodings and separators, XLSX, KoboToolbox's two layouts, and the
files refused before anything is read."""

from __future__ import annotations

import json
import zipfile

import pytest
from openpyxl import Workbook

from qorgau.errors import Invalid
from qorgau.imports import errors
from qorgau.imports.mapping import date_read, mapping_suggest
from qorgau.imports.readers import MEMBER, SUBMISSION, table_open
from qorgau.imports.tests.conftest import HEADER, ROWS


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1251", "\t"), ("cp1251", ";")],
)
def test_it_reads_csv_in_every_encoding_and_separator(write_csv, encoding, delimiter):
    rows = [[*r[:9], "", ""] for r in ROWS]  # Kazakh letters are not in Windows-1251
    rows = [[c.translate(str.maketrans("өәӘқ", "оаАк")) for c in r] for r in rows]
    table = table_open(write_csv(rows, encoding=encoding, delimiter=delimiter))
    assert table.columns == HEADER
    read = list(table.rows)
    assert [r.number for r in read] == [2, 3, 4]
    assert read[0].cells["Фамилия"] == "Жаксыбекова"


def test_it_refuses_a_file_that_is_not_text(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("ID,Имя\n1,Ерлан\n".encode("utf-16"))
    with pytest.raises(Invalid) as refused:
        table_open(path)
    assert refused.value.code == "encoding"


def test_it_refuses_a_non_spreadsheet_renamed_xlsx(tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"%PDF-1.4 not a spreadsheet")
    with pytest.raises(Invalid) as refused:
        table_open(path)
    assert refused.value.code == "not_a_spreadsheet"
    assert refused.value.message == errors.NOT_A_SPREADSHEET


def test_it_refuses_a_zip_bomb_before_reading(tmp_path, settings):
    settings.IMPORT_MAX_UNPACKED_MB = 1
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (3 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    with pytest.raises(Invalid) as refused:
        table_open(path)
    assert refused.value.code == "zip_bomb"


def test_it_refuses_a_file_over_the_size_limit(write_csv, settings):
    settings.IMPORT_MAX_FILE_MB = 1
    path = write_csv([["x" * 1000] * 11] * 1100)
    with pytest.raises(Invalid) as refused:
        table_open(path)
    assert refused.value.code == "too_large"
    assert "1 MB" in str(refused.value)


def test_it_refuses_a_duplicated_column(write_csv):
    with pytest.raises(Invalid) as refused:
        table_open(write_csv([], header=["ID", "Имя", "ID"]))
    assert refused.value.code == "duplicate_column"
    assert "“ID”" in str(refused.value)


def test_it_reads_xlsx_with_dates_and_numbers(tmp_path):
    import datetime as dt

    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Имя", "Date of birth"])
    sheet.append([17, "Ерлан", dt.datetime(1984, 3, 9)])
    path = tmp_path / "list.xlsx"
    book.save(path)
    (row,) = list(table_open(path).rows)
    assert row.cells == {"ID": "17", "Имя": "Ерлан", "Date of birth": "1984-03-09"}


def _kobo_xlsx(tmp_path, members_sorted=True):
    book = Workbook()
    main = book.active
    main.title = "registration"
    main.append(["start", "hh/region", "hh/needs", "hh/needs/SM-CI", "_id", "_uuid", "_index"])
    main.append(["2026-01-01", "KZ-75", "SM-CI DS-BD", "1", 11, "uuid-a", 1])
    main.append(["2026-01-02", "KZ-71", "", "0", 12, "uuid-b", 2])
    members = book.create_sheet("members")
    members.append(["members/given_name", "members/relationship", "_index", "_parent_index"])
    rows = [["Ботагөз", "principal", 1, 1], ["Әлихан", "son", 2, 1], ["Назерке", "principal", 3, 2]]
    if not members_sorted:
        rows = [rows[2], rows[0], rows[1]]
    for row in rows:
        members.append(row)
    path = tmp_path / "kobo.xlsx"
    book.save(path)
    return path


def test_it_joins_kobo_repeat_groups_to_their_submissions(tmp_path):
    table = table_open(_kobo_xlsx(tmp_path))
    assert table.kobo
    rows = list(table.rows)
    assert [
        (r.cells["members/given_name"], r.cells[SUBMISSION], r.cells[MEMBER]) for r in rows
    ] == [
        ("Ботагөз", "uuid-a", "uuid-a-1"),
        ("Әлихан", "uuid-a", "uuid-a-2"),
        ("Назерке", "uuid-b", "uuid-b-1"),
    ]
    assert rows[1].cells["hh/needs"] == "SM-CI DS-BD"
    assert rows[1].sheet == "members"
    assert {"start", "_id", "_uuid"} <= table.ignored


def test_it_refuses_repeat_rows_out_of_order(tmp_path):
    table = table_open(_kobo_xlsx(tmp_path, members_sorted=False))
    with pytest.raises(Invalid) as refused:
        list(table.rows)
    assert refused.value.code == "repeats_unordered"


def test_it_reads_kobo_json_with_repeats_and_multi_selects(tmp_path):
    path = tmp_path / "data.json"
    document = {
        "count": 1,
        "next": None,
        "results": [
            {
                "_uuid": "uuid-c",
                "hh/region": "KZ-75",
                "hh/needs": "SM-CI",
                "hh/members": [
                    {"hh/members/given_name": "Ботагөз", "hh/members/relationship": "principal"},
                    {"hh/members/given_name": "Әлихан", "hh/members/relationship": "son"},
                ],
            }
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    table = table_open(path)
    rows = list(table.rows)
    assert [r.cells["hh/members/given_name"] for r in rows] == ["Ботагөз", "Әлихан"]
    assert rows[0].cells[MEMBER] == "uuid-c-1"
    assert rows[0].cells["hh/region"] == "KZ-75"


def test_it_refuses_json_without_submissions(tmp_path):
    path = tmp_path / "data.json"
    path.write_text('{"detail": "Not found."}', encoding="utf-8")
    with pytest.raises(Invalid) as refused:
        table_open(path)
    assert refused.value.code == "bad_json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09.03.1984", (1984, 3, 9)),
        ("1984-03-09", (1984, 3, 9)),
        ("09/03/1984", (1984, 3, 9)),
        ("1984", (1984, None, None)),
        ("30750", (1984, 3, 9)),  # Excel's serial number
        ("1984-03-09T00:00:00", (1984, 3, 9)),
    ],
)
def test_it_reads_the_dates_partners_write(text, expected):
    date = date_read(text)
    assert (date.year, date.month, date.day) == expected


@pytest.mark.parametrize("text", ["9 March 1984", "84", "1984/03/09/1"])
def test_it_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError, match=r"\w"):
        date_read(text)


def test_it_suggests_a_mapping_from_headers_in_three_languages():
    suggested = mapping_suggest(["Тегі", "Имя", "Date of birth", "hh/region", "Жынысы", "notes"])
    assert suggested == {
        "Тегі": "family_name",
        "Имя": "given_name",
        "Date of birth": "birth_date",
        "hh/region": "region",
        "Жынысы": "sex",
        "notes": "",
    }
    assert mapping_suggest(["hh/given_name"], kobo=True)[MEMBER] == "source_id"


def test_it_refuses_an_xlsx_with_a_formula_naming_the_cell(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Имя"])
    sheet.append(["P-1", "Ерлан"])
    sheet.append(["P-2", '=CONCAT("Ер", "лан")'])
    path = tmp_path / "list.xlsx"
    book.save(path)
    with pytest.raises(Invalid) as refused:
        table_open(path)
    assert refused.value.code == "formula"
    assert "B3 (row 3)" in str(refused.value)


def test_it_reads_csv_one_row_at_a_time(write_csv):
    """The CSV reader's memory does not grow with the rows (the file is read line by line)."""
    import tracemalloc

    def peak(rows: int) -> int:
        row = [
            "P-1",
            "H-1",
            "principal",
            "Жаксыбекова",
            "Ботагөз",
            "",
            "female",
            "1985",
            "",
            "",
            "",
        ]
        table = table_open(write_csv([row] * rows, name=f"{rows}.csv"))
        tracemalloc.start()
        try:
            for _row in table.rows:
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert peak(20_000) < peak(1_000) * 1.5 + 200_000
