"""The one error of the matching engine: input it cannot use, and where it is."""

from __future__ import annotations


class MatchInputError(ValueError):
    """Input the engine refuses, with the place it was found (file, row, column).

    Rows are numbered as in a spreadsheet: the header is row 1, the first record row 2.
    """

    def __init__(
        self, message: str, *, source: str, row: int | None = None, column: str | None = None
    ) -> None:
        self.source = source
        self.row = row
        self.column = column
        self.reason = message
        where = [source]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")
