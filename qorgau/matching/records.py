"""Reading the lists to match: CSV with a header, checked before anything is matched.

The recognised columns are :data:`COLUMNS`; any subset may be present besides ``id``,
other columns are ignored, header names are compared without case and surrounding
spaces. Files are UTF-8, with or without a byte-order mark (Excel writes one).
Everything the engine cannot use is refused with a :class:`MatchInputError` that names
the file, the row and the column: a missing ``id`` column, empty or duplicate ids,
bytes that are not UTF-8, an empty file, a date of birth in an unknown format. A date
in a known format that cannot be a date of birth (``30.02.1973``, in the future, before 1900)
is not refused: the checks return it as an :class:`ImpossibleDateFound`, for the run's
summary, and the engine compares it as missing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from qorgau.matching.dates import ImpossibleDate, parse_birth_date
from qorgau.matching.errors import MatchInputError

#: The columns ``qorgau match`` reads (the layout of :mod:`qorgau.population.lists`,
#: plus ``full_name`` for lists that do not split names).
COLUMNS: Final = (
    "id",
    "family_name",
    "given_name",
    "patronymic",
    "full_name",
    "sex",
    "date_of_birth",
    "place_of_birth",
    "nationality",
    "document_number",
)

type Record = dict[str, str]


@dataclass(frozen=True)
class ImpossibleDateFound:
    """A date of birth that cannot be one, where it was found (rows numbered from 2)."""

    source: str
    row: int
    text: str
    reason: str
    column: str = "date_of_birth"

    def __str__(self) -> str:
        return (
            f"{self.source}, row {self.row}, column {self.column!r}: {self.text!r} ({self.reason})"
        )


def read_csv(path: Path) -> list[Record]:
    """The records of one CSV file, with the recognised columns only (missing → ``""``).
    Impossible dates are kept as written (see :func:`check_records`)."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise MatchInputError(f"cannot be read ({error.strerror})", source=source) from None
    return parse_csv(data, source=source)


def parse_csv(data: bytes, *, source: str) -> list[Record]:
    """Decode and check CSV bytes; ``source`` names them in error messages."""
    text = _decode(data, source)
    if not text.strip():
        raise MatchInputError("the file is empty", source=source)
    rows = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(rows)]
    if "id" not in header:
        raise MatchInputError("no 'id' column in the header", source=source, row=1, column="id")
    positions = {name: header.index(name) for name in COLUMNS if name in header}
    records: list[dict[str, str]] = [
        {
            name: (row[index].strip() if index < len(row) else "")
            for name, index in positions.items()
        }
        for row in rows
        if any(cell.strip() for cell in row)
    ]
    if not records:
        raise MatchInputError("no records after the header", source=source)
    check_records(records, source=source)
    return [{name: record.get(name, "") for name in COLUMNS} for record in records]


def check_records(
    records: Iterable[Mapping[str, Any]], *, source: str
) -> list[ImpossibleDateFound]:
    """Refuse empty or duplicate ids and dates in an unknown format (rows numbered from 2);
    return the impossible dates, which are not refused."""
    rows = list(records)
    return check_columns(
        [record.get("id") for record in rows],
        [record.get("date_of_birth") for record in rows],
        source=source,
    )


def check_columns(
    ids: Sequence[Any], dates: Sequence[Any], *, source: str
) -> list[ImpossibleDateFound]:
    """:func:`check_records` on the ``id`` and ``date_of_birth`` columns of the records."""
    if _valid(ids, dates):
        return []
    return _check_rows(ids, dates, source=source)


def _valid(ids: Sequence[Any], dates: Sequence[Any]) -> bool:
    """Whether the ids are unique and not empty and every distinct date is a possible date of
    birth: the usual case, told without going through the rows one by one."""
    texts = {str(value or "").strip() for value in ids}
    if len(texts) != len(ids) or "" in texts:
        return False
    try:
        for date in {str(written or "") for written in dates}:
            parse_birth_date(date)
    except ValueError:
        return False
    return True


def _check_rows(
    ids: Sequence[Any], dates: Sequence[Any], *, source: str
) -> list[ImpossibleDateFound]:
    """The first row with an empty or duplicate id or an unreadable date, as an error; else
    the rows with an impossible date."""
    first_row: dict[str, int] = {}
    # dates already read (they repeat, reading one is the slow part) → why impossible, or None
    read: dict[str, str | None] = {}
    impossible: list[ImpossibleDateFound] = []
    for row, (value, written) in enumerate(zip(ids, dates, strict=True), start=2):
        ident = str(value or "").strip()
        if not ident:
            raise MatchInputError("empty id", source=source, row=row, column="id")
        if ident in first_row:
            raise MatchInputError(
                f"duplicate id {ident!r} (first on row {first_row[ident]})",
                source=source,
                row=row,
                column="id",
            )
        first_row[ident] = row
        date = str(written or "")
        if date not in read:
            read[date] = _impossible(date, source=source, row=row)
        reason = read[date]
        if reason is not None:
            impossible.append(ImpossibleDateFound(source, row, date.strip(), reason))
    return impossible


def _impossible(date: str, *, source: str, row: int) -> str | None:
    """Why ``date`` cannot be a date of birth, or ``None``; an unknown format is refused."""
    try:
        parse_birth_date(date)
    except ImpossibleDate as error:
        return error.reason
    except ValueError as error:
        raise MatchInputError(str(error), source=source, row=row, column="date_of_birth") from None
    return None


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        raise MatchInputError(
            f"byte 0x{data[error.start]:02x} is not UTF-8; save the file as UTF-8 "
            "(in Excel: CSV UTF-8)",
            source=source,
            row=row,
            column=_column_at(data, error.start),
        ) from None


def _column_at(data: bytes, position: int) -> str | None:
    """The header name of the field holding the byte at ``position``, if it can be told."""
    line_start = data.rfind(b"\n", 0, position) + 1
    header = data.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    names = next(csv.reader([header]), [])
    index = data[line_start:position].count(b",")
    return names[index].strip().lower() if 0 <= index < len(names) else None
