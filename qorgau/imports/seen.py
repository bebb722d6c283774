"""The ids a file has used so far, kept out of the importing process's memory.

An import refuses a source id used twice in a file, and a household whose rows are not
together; both need every id of the rows read so far. Held in a Python dict they grew with
the file (15 MiB at 100,000 rows of short ids, more with Kobo's uuids); here they are rows of a
private temporary SQLite database (an empty file name: on disk, deleted when closed, its page
cache bounded), asked once per batch of rows, so that the import holds one batch at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

__all__ = ["SeenIds"]

SOURCE, HOUSEHOLD = "s", "h"
#: SQLite's default limit of variables in a statement is 32,766 (3.32+); batches stay far below.
CHUNK = 900


class SeenIds:
    """The source ids (with the row that used each first) and the household ids of a file's
    batches so far."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("PRAGMA cache_size = -2048")  # KiB: the page cache's bound
        self._db.execute(
            "CREATE TABLE seen (kind TEXT NOT NULL, id TEXT NOT NULL, row INTEGER NOT NULL, "
            "PRIMARY KEY (kind, id)) WITHOUT ROWID"
        )

    def first_rows(self, ids: Iterable[str]) -> dict[str, int]:
        """The row that first used each of these source ids, for those already seen."""
        return dict(self._found(SOURCE, ids))

    def households(self, ids: Iterable[str]) -> set[str]:
        """Those of these household ids already seen."""
        return {key for key, _row in self._found(HOUSEHOLD, ids)}

    def add_sources(self, rows: Iterable[tuple[str, int]]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO seen VALUES (?, ?, ?)", ((SOURCE, k, n) for k, n in rows)
        )

    def add_households(self, ids: Iterable[str]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO seen VALUES (?, ?, 0)", ((HOUSEHOLD, k) for k in ids)
        )

    def close(self) -> None:
        self._db.close()

    def _found(self, kind: str, ids: Iterable[str]) -> list[tuple[str, int]]:
        wanted = list(dict.fromkeys(ids))
        found: list[tuple[str, int]] = []
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            marks = ",".join("?" * len(chunk))
            found += self._db.execute(
                f"SELECT id, row FROM seen WHERE kind = ? AND id IN ({marks})",  # noqa: S608
                [kind, *chunk],
            ).fetchall()
        return found
