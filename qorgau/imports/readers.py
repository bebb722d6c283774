"""Reading a partner's file as rows of text: CSV, XLSX and the two layouts of KoboToolbox.

Every reader yields :class:`Row`: the row's number in the file (as a spreadsheet numbers it:
the header is row 1) and its cells by column header. Rows are read one at a time (CSV line by
line, XLSX by a streaming parser of the sheet's XML, ``imports/xlsx.py``, ADR 0063), so the
reader's memory does not grow with the rows; Kobo's JSON is one document and is read whole
(the API gives at most 1,000 submissions a page).

KoboToolbox's XLSX export ("XML values and headers") has the submissions on the first sheet,
with group paths as headers (``household/region``), and each repeat group on a sheet of its
own whose rows point to their submission by ``_parent_index``. A submission with a repeat
group becomes one row per member: the member's cells over the submission's, with
``_submission`` (the submission's ``_uuid``) and ``_member`` (``<_uuid>-<n>``, the member's
place in the submission) added, the ids an import needs for households and people.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from lxml import etree

from qorgau.errors import Invalid
from qorgau.imports import errors
from qorgau.imports.xlsx import XlsxError, XlsxStream

__all__ = ["Row", "Table", "file_check", "table_open"]

MB = 1024 * 1024
#: Kobo's own columns: never mapped, never refused as unknown.
KOBO_META = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "simserial",
        "subscriberid",
        "phonenumber",
        "audit",
        "__version__",
        "meta/instanceID",
        "meta/instanceName",
        "meta/deprecatedID",
        "formhub/uuid",
    }
)
SUBMISSION = "_submission"
MEMBER = "_member"
#: The group in which Qorgau's own XLSForm (``exports/xlsform.py``) asks for the principal
#: applicant; the other household members are its repeat.
PRINCIPAL_GROUP = "principal/"


@dataclass(frozen=True)
class Row:
    number: int
    cells: dict[str, str]
    sheet: str = ""


@dataclass
class Table:
    """The columns of a file and an iterator of its rows (read once)."""

    columns: list[str]
    rows: Iterator[Row]
    kobo: bool = False
    ignored: set[str] = field(default_factory=set)


def _refuse(message: Any, code: str, **params: object) -> Invalid:
    return Invalid(message, code=code, params=params or None)


def file_check(path: Path) -> None:
    """Refuse a file over the size limit, and an XLSX that would unpack beyond the limit of
    its unpacked size (a zip bomb), before anything reads it."""
    limit = settings.IMPORT_MAX_FILE_MB
    if path.stat().st_size > limit * MB:
        raise _refuse(errors.TOO_LARGE, "too_large", limit=limit)
    if path.suffix.lower() == ".xlsx":
        if not zipfile.is_zipfile(path):
            raise _refuse(errors.NOT_A_SPREADSHEET, "not_a_spreadsheet", detail="not a zip")
        unpacked_limit = settings.IMPORT_MAX_UNPACKED_MB
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > unpacked_limit * MB:
            raise _refuse(errors.UNPACKS_TOO_LARGE, "zip_bomb", limit=unpacked_limit)


_FORMULA = re.compile(rb"<f[ >/]")
_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"')


def formula_check(path: Path) -> None:
    """Refuse an XLSX whose sheets hold a formula, naming the first such cell: an import
    takes values as typed, never what a formula computed (python-calamine would give the
    cached result without saying so). The sheets' XML is scanned in blocks, never held."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as handle:
                tail = b""
                while block := handle.read(1 << 20):
                    text = tail + block
                    found = _FORMULA.search(text)
                    if found:
                        cells = _CELL.findall(text, 0, found.start())
                        column, row = cells[-1] if cells else (b"?", b"?")
                        raise _refuse(
                            errors.FORMULA_IN_FILE,
                            "formula",
                            cell=(column + row).decode(),
                            row=row.decode(),
                        )
                    tail = text[-8192:]


def table_open(path: Path) -> Table:
    file_check(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return _csv(path)
    if suffix == ".xlsx":
        formula_check(path)
        return _xlsx(path)
    if suffix == ".json":
        return _kobo_json(path)
    raise _refuse(errors.UNKNOWN_TYPE, "unknown_type", suffix=suffix)


def _header(cells: list[str]) -> list[str]:
    columns = [c.strip() for c in cells]
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            raise _refuse(errors.DUPLICATE_COLUMN, "duplicate_column", column=column)
        seen.add(column)
    if not any(columns):
        raise _refuse(errors.EMPTY, "empty")
    return columns


# --- CSV ------------------------------------------------------------------------------------


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as UTF-8, else Windows-1251,
    which decodes any byte: a file in neither is refused later, by the rows that make no
    sense. Read in blocks, so memory stays flat."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while block := handle.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1251"
    return "utf-8-sig"


def _csv(path: Path) -> Table:
    encoding = _encoding(path)
    handle = path.open(encoding=encoding, newline="")
    sample = handle.read(64 * 1024)
    handle.seek(0)
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(handle, dialect)
    try:
        columns = _header(next(reader))
    except StopIteration:
        handle.close()
        raise _refuse(errors.EMPTY, "empty") from None
    if encoding == "cp1251" and not _cyrillic_plausible(sample):
        handle.close()
        raise _refuse(errors.ENCODING, "encoding", row=1)

    def rows() -> Iterator[Row]:
        with handle:
            for number, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue
                yield Row(number, dict(zip(columns, cells, strict=False)))

    return Table(columns=columns, rows=rows())


def _cyrillic_plausible(text: str) -> bool:
    """Text read as Windows-1251 is most likely right when its letters are mostly Cyrillic
    or ASCII; a file in another encoding (UTF-16, KOI8-R) turns into other symbols."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "\x00" not in text
    good = sum(1 for c in letters if c.isascii() or "\u0400" <= c <= "\u04ff")
    return "\x00" not in text and good / len(letters) > 0.9


# --- XLSX -----------------------------------------------------------------------------------

#: A row of a sheet: its number in the file, and its cells as text.
_Texts = tuple[int, list[str]]


def _cell(value: Any) -> str:
    if type(value) is str:  # most cells: first, and cheapest
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _sheet_rows(book: XlsxStream, index: int) -> tuple[list[str], Iterator[_Texts], str]:
    """A sheet's header (its first row with a value) and its other rows, as text, each as
    wide as the header and numbered as in the file (ADR 0063)."""
    name = book.sheets[index][0]
    rows = _damage_refused(book.rows(index), name)
    for _number, cells in rows:
        header = [_cell(c) for c in cells]
        if any(header):
            break
    else:
        raise _refuse(errors.EMPTY, "empty")
    columns = _header(header)
    width = len(columns)

    def texts() -> Iterator[_Texts]:
        for number, cells in rows:
            row = [c.strip() if type(c) is str else _cell(c) for c in cells]  # text: cheapest
            if len(row) < width:
                row.extend([""] * (width - len(row)))
            yield number, row

    return columns, texts(), name


def _damage_refused(
    rows: Iterator[tuple[int, list[Any]]], sheet: str
) -> Iterator[tuple[int, list[Any]]]:
    """A sheet's rows; a part of the file found damaged while reading it is refused like a
    file that is not a spreadsheet (nothing is stored: the import's transaction rolls back)."""
    try:
        yield from rows
    except (
        XlsxError,
        etree.XMLSyntaxError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        IndexError,  # a shared string that is not there
        ValueError,  # a number that is not one
    ) as error:
        raise _refuse(
            errors.NOT_A_SPREADSHEET, "not_a_spreadsheet", detail=f"{sheet}: {type(error).__name__}"
        ) from None


def _numbered(columns: list[str], rows: Iterator[_Texts]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row's number in its sheet, and its cells by column, leaving out empty rows."""
    for number, row in rows:
        if any(row):
            yield number, dict(zip(columns, row, strict=False))


def _xlsx(path: Path) -> Table:
    try:
        workbook = XlsxStream(path)
        columns, cells, name = _sheet_rows(workbook, 0)
    except (XlsxError, IndexError, OSError, ValueError) as error:
        raise _refuse(
            errors.NOT_A_SPREADSHEET, "not_a_spreadsheet", detail=type(error).__name__
        ) from None
    kobo = "_uuid" in columns and "_index" in columns
    if not kobo:
        plain = (Row(number, row, name) for number, row in _numbered(columns, cells))
        return Table(columns=columns, rows=plain)
    repeats = [_sheet_rows(workbook, i) for i in range(1, len(workbook.sheets))]
    member_columns = [c for cols, _rows, _name in repeats for c in cols if c not in columns]
    all_columns = [*columns, *dict.fromkeys(member_columns), SUBMISSION, MEMBER]
    return Table(
        columns=all_columns,
        rows=_kobo_join(columns, cells, name, repeats),
        kobo=True,
        ignored=set(KOBO_META)
        | {c for c in all_columns if c.startswith("_")} - {MEMBER, SUBMISSION},
    )


def _kobo_join(
    columns: list[str],
    cells: Iterator[_Texts],
    name: str,
    repeats: list[tuple[list[str], Iterator[_Texts], str]],
) -> Iterator[Row]:
    """Submissions joined to their household members: the first repeat sheet's rows, which
    follow their submissions' order, are read alongside (merge join on ``_index``)."""
    pending = None
    member_rows: Iterator[tuple[int, dict[str, str]]] = iter(())
    sheet, relationship = "", ""
    if repeats:
        member_columns, member_cells, sheet = repeats[0]
        relationship = _relationship_column(member_columns)
        member_rows = _numbered(member_columns, member_cells)
        pending = next(member_rows, None)
    for number, parent in _numbered(columns, cells):
        index = parent.get("_index", "")
        members = []
        while pending is not None and pending[1].get("_parent_index") == index:
            members.append(pending)
            pending = next(member_rows, None)
        yield from _submission_rows(number, parent, members, name, sheet, relationship)
    if pending is not None:
        raise _refuse(errors.REPEATS_UNORDERED, "repeats_unordered", row=pending[0], column=sheet)


def _submission_rows(
    number: int,
    parent: dict[str, str],
    members: list[tuple[int, dict[str, str]]],
    name: str,
    sheet: str,
    relationship: str = "",
) -> Iterator[Row]:
    """The rows of one submission: its household members (each with the submission's own
    answers), or the submission itself when it has none. In the layout of Qorgau's own
    XLSForm the principal applicant is the ``principal/`` group: a row of its own, whose
    ``relationship`` is ``principal``; each member's answers also fill the principal's
    columns of the same name (and blank the others), so one mapping reads everyone."""
    uuid = parent.get("_uuid", "")
    own = [key for key in parent if key.startswith(PRINCIPAL_GROUP)]
    if own:
        principal = {relationship: "principal"} if relationship else {}
        yield Row(number, {**parent, **principal, SUBMISSION: uuid, MEMBER: uuid}, name)
        shared = {key for key in parent if not key.startswith(PRINCIPAL_GROUP)}
        household = {key: parent[key] for key in shared} | dict.fromkeys(own, "")
        for place, (member_number, member) in enumerate(members, start=1):
            answers = {
                PRINCIPAL_GROUP + key.rsplit("/", 1)[-1]: value
                for key, value in member.items()
                if PRINCIPAL_GROUP + key.rsplit("/", 1)[-1] in household and not key.startswith("_")
            }
            cells = {**household, **member, **answers, SUBMISSION: uuid}
            yield Row(member_number, {**cells, MEMBER: f"{uuid}-{place}"}, sheet)
        return
    if not members:
        yield Row(number, {**parent, SUBMISSION: uuid, MEMBER: uuid}, name)
        return
    for place, (member_number, member) in enumerate(members, start=1):
        cells = {**parent, **member, SUBMISSION: uuid, MEMBER: f"{uuid}-{place}"}
        yield Row(member_number, cells, sheet)


def _relationship_column(columns: Iterable[str]) -> str:
    """The members' relationship question (``members/relationship``), if any."""
    return next(
        (c for c in columns if c.endswith("/relationship") and not c.startswith(PRINCIPAL_GROUP)),
        "",
    )


# --- Kobo JSON ------------------------------------------------------------------------------


def _kobo_json(path: Path) -> Table:
    try:
        with path.open("rb") as handle:
            document = json.load(io.TextIOWrapper(handle, encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _refuse(
            errors.NOT_A_SPREADSHEET, "not_a_spreadsheet", detail=type(error).__name__
        ) from None
    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, list):
        raise _refuse(errors.BAD_JSON, "bad_json")
    columns: dict[str, None] = {}
    for submission in results:
        for key, value in submission.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for member in value:
                    columns.update(dict.fromkeys(member))
            else:
                columns[key] = None
    names = [*columns, SUBMISSION, MEMBER]
    return Table(
        columns=names,
        rows=_json_rows(results, _relationship_column(names)),
        kobo=True,
        ignored=set(KOBO_META) | {c for c in names if c.startswith("_")} - {MEMBER, SUBMISSION},
    )


def _json_rows(results: list[dict[str, Any]], relationship: str) -> Iterator[Row]:
    for number, submission in enumerate(results, start=1):
        parent = {k: _json_value(v) for k, v in submission.items() if not isinstance(v, list)}
        parent["_uuid"] = str(submission.get("_uuid", ""))
        members = [
            member
            for value in submission.values()
            if isinstance(value, list) and value and isinstance(value[0], dict)
            for member in value
        ]
        pairs = [(number, {k: _json_value(v) for k, v in m.items()}) for m in members]
        yield from _submission_rows(number, parent, pairs, "results", "results", relationship)


def _json_value(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return _cell(value)
