"""Backing up and restoring the whole database (ADR 0042).

SQLite is copied page by page through its online backup API (``sqlite3.Connection.backup``):
a consistent copy while the server keeps writing. PostgreSQL is dumped by ``pg_dump -Fc`` and
restored by ``pg_restore`` in one transaction. The audit tables are append-only on PostgreSQL
(their triggers refuse UPDATE, DELETE and TRUNCATE, audit migration 0006); a restore loads their
rows before it creates the triggers, and ``--force`` replaces them by dropping the tables, which
the triggers do not refuse.

Progress is reported through a callback ``progress(done, total)``; the commands draw it with
``rich``. Nothing here encrypts: the operator encrypts the file to a key kept off the server
(README, operations).
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qorgau.backups import errors
from qorgau.errors import Invalid

Progress = Callable[[int, int], None]

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
#: Pages the SQLite backup copies per step (4 MiB at 4 KiB pages): progress moves, and a
#: writer of the live database waits at most one step.
SQLITE_PAGES_PER_STEP = 1024


def _quiet(done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class Database:
    """Where a database is: ``settings.DATABASES[alias]`` in the form these tools need."""

    vendor: str
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def of(cls, settings_dict: Mapping[str, Any]) -> Database:
        engine = str(settings_dict["ENGINE"])
        if engine.endswith("sqlite3"):
            vendor = "sqlite"
        elif engine.endswith("postgresql"):
            vendor = "postgresql"
        else:
            raise Invalid(errors.UNSUPPORTED, code="unsupported", params={"vendor": engine})
        return cls(
            vendor=vendor,
            name=str(settings_dict["NAME"]),
            host=str(settings_dict.get("HOST") or ""),
            port=str(settings_dict.get("PORT") or ""),
            user=str(settings_dict.get("USER") or ""),
            password=str(settings_dict.get("PASSWORD") or ""),
        )

    @property
    def label(self) -> str:
        return "SQLite" if self.vendor == "sqlite" else "PostgreSQL"

    def sqlite(self) -> sqlite3.Connection:
        # The test database is a shared in-memory one named by a URI.
        return sqlite3.connect(self.name, uri=self.name.startswith("file:"), timeout=20)

    def pg_arguments(self) -> list[str]:
        found = [f"--dbname={self.name}"]
        if self.host:
            found.append(f"--host={self.host}")
        if self.port:
            found.append(f"--port={self.port}")
        if self.user:
            found.append(f"--username={self.user}")
        return found

    def pg_environment(self) -> dict[str, str]:
        environment = dict(os.environ)
        if self.password:
            environment["PGPASSWORD"] = self.password
        return environment

    @contextmanager
    def postgresql(self) -> Iterator[Any]:
        import psycopg

        with psycopg.connect(
            dbname=self.name,
            host=self.host or None,
            port=self.port or None,
            user=self.user or None,
            password=self.password or None,
        ) as connection:
            yield connection


def _writable_out(out: Path, *, force: bool) -> None:
    if out.exists() and not force:
        raise Invalid(errors.OUT_EXISTS, code="out_exists", params={"path": str(out)})
    if not out.parent.is_dir():
        raise Invalid(
            errors.OUT_DIRECTORY_MISSING, code="out_directory_missing", params={"path": str(out)}
        )


def pg_tool(name: str) -> str:
    """The path of ``pg_dump`` or ``pg_restore``: on PATH, else the newest Debian server's."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(re.sub(r"\D", "", path.split("/")[4]) or 0),
    )
    if not candidates:
        raise Invalid(errors.TOOL_MISSING, code="tool_missing", params={"tool": name})
    return candidates[-1]


def _run(
    tool: str,
    arguments: list[str],
    database: Database,
    *,
    marker: str,
    total: int,
    progress: Progress,
) -> None:
    """Run a PostgreSQL client tool with ``--verbose``; each line of its stderr holding
    ``marker`` is one of ``total`` tables done."""
    process = subprocess.Popen(  # noqa: S603 (fixed tool, argument list)
        [pg_tool(tool), "--verbose", *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=database.pg_environment(),
    )
    kept: list[str] = []
    done = 0
    for line in process.stderr or ():
        if marker in line:
            done += 1
            progress(min(done, total), total)
        if "error" in line.lower() or "fatal" in line.lower():
            kept.append(line.strip())
    status = process.wait()
    if status != 0:
        raise Invalid(
            errors.TOOL_FAILED,
            code="tool_failed",
            params={"tool": tool, "status": status, "detail": " ".join(kept[-3:]) or "-"},
        )
    progress(total, total)


def tables(database: Database) -> list[str]:
    """The database's tables (the restore's "empty" is: none)."""
    if database.vendor == "sqlite":
        connection = database.sqlite()
        try:
            rows = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).fetchall()
        finally:
            connection.close()
        return [row[0] for row in rows]
    with database.postgresql() as connection:
        rows = connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    return [row[0] for row in rows]


def backup(
    database: Database, out: Path, *, force: bool = False, progress: Progress = _quiet
) -> None:
    """Write a consistent copy of ``database`` to ``out`` (first to a file beside it, renamed
    when complete: an interrupted backup never leaves a half file under the name)."""
    _writable_out(out, force=force)
    handle, partial_name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        if database.vendor == "sqlite":
            _sqlite_backup(database, partial, progress)
        else:
            _pg_dump(database, partial, progress)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_backup(database: Database, out: Path, progress: Progress) -> None:
    source = database.sqlite()
    target = sqlite3.connect(out)
    try:
        source.backup(
            target,
            pages=SQLITE_PAGES_PER_STEP,
            progress=lambda status, remaining, total: progress(total - remaining, total),
        )
        # A single file: the copy carries no write-ahead log beside it.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
        source.close()


def _pg_dump(database: Database, out: Path, progress: Progress) -> None:
    _run(
        "pg_dump",
        ["--format=custom", f"--file={out}", *database.pg_arguments()],
        database,
        marker="dumping contents of table",
        total=len(tables(database)),
        progress=progress,
    )


def backup_kind(path: Path) -> str:
    """``"sqlite"`` or ``"postgresql"``: what the file is a backup of, from its first bytes."""
    if not path.is_file():
        raise Invalid(errors.IN_MISSING, code="in_missing", params={"path": str(path)})
    with path.open("rb") as file:
        head = file.read(len(SQLITE_HEADER))
    if head.startswith(SQLITE_HEADER):
        return "sqlite"
    if head.startswith(PG_DUMP_HEADER):
        return "postgresql"
    raise Invalid(errors.NOT_A_BACKUP, code="not_a_backup", params={"path": str(path)})


def restore(
    database: Database, source: Path, *, force: bool = False, progress: Progress = _quiet
) -> None:
    """Replace ``database``'s content by the backup ``source``; refused when the database holds
    any table, unless ``force``."""
    kind = backup_kind(source)
    if kind != database.vendor:
        labels = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise Invalid(
            errors.WRONG_KIND,
            code="wrong_kind",
            params={"path": str(source), "found": labels[kind], "configured": database.label},
        )
    if kind == "sqlite":
        _sqlite_check(source)
    if tables(database) and not force:
        raise Invalid(errors.NOT_EMPTY, code="not_empty", params={"name": database.name})
    if kind == "sqlite":
        _sqlite_restore(database, source, progress)
    else:
        _pg_restore(database, source, progress)


def _sqlite_check(source: Path) -> None:
    connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        found = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
        ).fetchone()
    except sqlite3.DatabaseError:
        found = None
    finally:
        connection.close()
    if found is None:
        raise Invalid(errors.NOT_QORGAU, code="not_qorgau", params={"path": str(source)})


def _sqlite_restore(database: Database, source: Path, progress: Progress) -> None:
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = database.sqlite()
    try:
        reader.backup(
            target,
            pages=SQLITE_PAGES_PER_STEP,
            progress=lambda status, remaining, total: progress(total - remaining, total),
        )
    finally:
        target.close()
        reader.close()


def _pg_restore(database: Database, source: Path, progress: Progress) -> None:
    listing = subprocess.run(  # noqa: S603 (fixed tool, argument list)
        [pg_tool("pg_restore"), "--list", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    if listing.returncode != 0:
        raise Invalid(errors.NOT_A_BACKUP, code="not_a_backup", params={"path": str(source)})
    arguments = [
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-privileges",
        *(["--clean", "--if-exists"] if tables(database) else []),
        *database.pg_arguments(),
        str(source),
    ]
    _run(
        "pg_restore",
        arguments,
        database,
        marker="processing data for table",
        total=sum(1 for line in listing.stdout.splitlines() if " TABLE DATA " in line),
        progress=progress,
    )


def table_fingerprints(database: Database) -> dict[str, tuple[int, str]]:
    """Every table → (its row count, a SHA-256 of its rows in a fixed order): two databases
    with the same fingerprints hold the same data. For tests and checks after a restore."""
    found: dict[str, tuple[int, str]] = {}
    if database.vendor == "sqlite":
        connection = database.sqlite()
        try:
            for table in tables(database):
                rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
                found[table] = _fingerprint(rows)
        finally:
            connection.close()
        return found
    with database.postgresql() as connection:
        for table in tables(database):
            rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
            found[table] = _fingerprint(rows)
    return found


def _fingerprint(rows: list[Any]) -> tuple[int, str]:
    digest = hashlib.sha256()
    for text in sorted(repr(tuple(row)) for row in rows):
        digest.update(text.encode())
        digest.update(b"\n")
    return len(rows), digest.hexdigest()
