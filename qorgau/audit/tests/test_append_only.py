"""On PostgreSQL the audit trail is append-only: the access log and the security log refuse
UPDATE, DELETE and TRUNCATE, through the ORM and through raw SQL alike (ADR 0034)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from qorgau.audit.models import AccessLog, SecurityEvent
from qorgau.audit.services import Reader, access_log_record, security_event_record
from qorgau.organisations.models import User

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the triggers are PostgreSQL's (ADR 0034)"
    ),
]

TABLES = {AccessLog: "audit_accesslog", SecurityEvent: "audit_securityevent"}


@pytest.fixture
def rows(clerk: User) -> None:
    _rows(clerk)


def _rows(clerk: User) -> None:
    access_log_record(
        reader=Reader(user=clerk, channel="web", path="/people/", address="127.0.0.1"),
        action="view",
        object_type="person",
        object_ids=[uuid.uuid4()],
    )
    security_event_record(actor=clerk, event="denied", object_type="person")


def _refused(write: Callable[[], Any]) -> str:
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        write()
    return str(refused.value)


def _raw(sql: str) -> Callable[[], None]:
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)

    return run


@pytest.mark.parametrize("model", TABLES, ids=TABLES.values())
def test_it_refuses_an_update_or_delete_through_the_orm(rows: None, model: Any) -> None:
    before = list(model.objects.values())

    assert "append-only" in _refused(lambda: model.objects.update(object_type="household"))
    assert "append-only" in _refused(lambda: model.objects.all().delete())
    assert "append-only" in _refused(lambda: model.objects.first().delete())

    assert list(model.objects.values()) == before


@pytest.mark.parametrize("table", TABLES.values())
def test_it_refuses_an_update_or_delete_in_raw_sql(rows: None, table: str) -> None:
    count = _raw(f"SELECT count(*) FROM {table}")  # noqa: S608 (a constant)

    assert "UPDATE refused" in _refused(_raw(f"UPDATE {table} SET object_type = 'x'"))  # noqa: S608
    assert "DELETE refused" in _refused(_raw(f"DELETE FROM {table}"))  # noqa: S608
    assert "DELETE refused" in _refused(_raw(f"DELETE FROM {table} WHERE id = -1"))  # noqa: S608

    count()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table} WHERE object_type = 'x'")  # noqa: S608
        assert cursor.fetchone() == (0,)


@pytest.mark.parametrize("table", TABLES.values())
def test_it_refuses_a_truncate(clerk: User, table: str) -> None:
    """The test database lets pytest-django TRUNCATE (the conftest turns that trigger off);
    turned on again here, inside the test's transaction, as every migrated database has it
    (PostgreSQL truncates no table with foreign-key checks pending: they are made at once)."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_no_truncate")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _rows(clerk)

    assert "TRUNCATE refused" in _refused(_raw(f"TRUNCATE {table} CASCADE"))

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        assert cursor.fetchone() == (1,)


def test_it_still_adds_rows(clerk: User) -> None:
    security_event_record(actor=clerk, event="denied", object_type="case")
    assert SecurityEvent.objects.filter(event="denied", object_type="case").count() == 1
