"""``qorgau backup`` → ``qorgau restore`` into a fresh database gives the same rows in every
table, on SQLite and on PostgreSQL (whichever the tests run on), audit tables included."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from qorgau.audit.services import security_event_record
from qorgau.backups import errors
from qorgau.backups.databases import Database, backup, restore, table_fingerprints
from qorgau.errors import Invalid
from qorgau.organisations.models import Organisation, User


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Database]:
    """An empty database of the same kind as the test database."""
    source = Database.of(connection.settings_dict)
    if source.vendor == "sqlite":
        yield Database(vendor="sqlite", name=str(tmp_path / "fresh.sqlite3"))
        return
    import psycopg

    name = f"{source.name}_restore_{uuid.uuid4().hex[:8]}"
    admin = {
        "dbname": "postgres",
        "host": source.host or None,
        "port": source.port or None,
        "user": source.user or None,
        "password": source.password or None,
    }
    with psycopg.connect(**admin, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database(
            vendor="postgresql",
            name=name,
            host=source.host,
            port=source.port,
            user=source.user,
            password=source.password,
        )
    finally:
        with psycopg.connect(**admin, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def registry(
    transactional_db: None,
    clerk: User,
    agency: Organisation,
    ngo_a: User,
    ngo_a_org: Organisation,
    make_person: Callable[..., Any],
) -> None:
    """Some people of two organisations, and a row in each audit table."""
    for n in range(3):
        make_person(clerk, agency, family_name=f"Тестов{n}")
    make_person(ngo_a, ngo_a_org, family_name="Синтетиков")
    security_event_record(actor=clerk, event="backup_test", detail={"n": 1})


def test_it_restores_a_backup_into_a_fresh_database_with_the_same_rows_in_every_table(
    registry: None, fresh: Database, tmp_path: Path
) -> None:
    out = tmp_path / "qorgau.backup"
    call_command("backup", str(out))
    source = Database.of(connection.settings_dict)

    restore(fresh, out)

    expected = table_fingerprints(source)
    assert table_fingerprints(fresh) == expected
    assert expected["people_person"][0] == 4
    assert expected["audit_securityevent"][0] >= 1


def test_it_replaces_a_non_empty_database_only_when_forced(
    registry: None, fresh: Database, tmp_path: Path
) -> None:
    out = tmp_path / "qorgau.backup"
    backup(Database.of(connection.settings_dict), out)
    restore(fresh, out)

    with pytest.raises(Invalid) as refused:
        restore(fresh, out)
    assert refused.value.code == "not_empty"

    restore(fresh, out, force=True)  # the audit tables are replaced too (append-only on PG)
    assert table_fingerprints(fresh) == table_fingerprints(Database.of(connection.settings_dict))


def test_the_command_refuses_to_restore_over_the_database_in_use(
    registry: None, tmp_path: Path
) -> None:
    out = tmp_path / "qorgau.backup"
    call_command("backup", str(out))

    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(out))


def test_it_refuses_to_write_over_an_existing_file(registry: None, tmp_path: Path) -> None:
    out = tmp_path / "taken.backup"
    out.write_text("keep me")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(out))
    assert out.read_text() == "keep me"


@pytest.mark.parametrize(
    ("content", "code"),
    [(None, "in_missing"), (b"name,surname\n", "not_a_backup"), (b"PK\x03\x04zip", "not_a_backup")],
)
def test_it_refuses_a_file_that_is_not_a_backup(
    fresh: Database, tmp_path: Path, content: bytes | None, code: str
) -> None:
    source = tmp_path / "in.backup"
    if content is not None:
        source.write_bytes(content)

    with pytest.raises(Invalid) as refused:
        restore(fresh, source)

    assert refused.value.code == code


def test_it_refuses_a_sqlite_database_that_is_not_qorgaus(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    target = Database(vendor="sqlite", name=str(tmp_path / "target.sqlite3"))

    with pytest.raises(Invalid) as refused:
        restore(target, other)

    assert refused.value.code == "not_qorgau"
    assert str(refused.value) == str(errors.NOT_QORGAU) % {"path": str(other)}


def test_it_refuses_a_backup_of_the_other_kind_of_database(tmp_path: Path) -> None:
    dump = tmp_path / "pg.backup"
    dump.write_bytes(b"PGDMP\x01\x0e\x00")
    target = Database(vendor="sqlite", name=str(tmp_path / "target.sqlite3"))

    with pytest.raises(Invalid) as refused:
        restore(target, dump)

    assert refused.value.code == "wrong_kind"


def test_its_refusals_are_translated(tmp_path: Path) -> None:
    target = Database(vendor="sqlite", name=str(tmp_path / "target.sqlite3"))
    with translation.override("ru"), pytest.raises(Invalid) as refused:
        restore(target, tmp_path / "missing.backup")

    with translation.override("ru"):
        assert "не существует" in str(refused.value)
