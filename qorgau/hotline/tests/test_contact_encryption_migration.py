"""The migrations that encrypt the hotline's contacts and names (``hotline.0002`` widens the
columns, ``0003`` encrypts) convert the plaintext values stored before them, in the tickets and
their history, and going back decrypts them again (ADR 0059). Run on SQLite and, with
``DATABASE_URL``, on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from qorgau.hotline.models import Ticket
from qorgau.hotline.tests.factories import ticket_submitted

BEFORE = [("hotline", "0001_hotline")]
KEY = Fernet.generate_key().decode()
TABLES = ("hotline_ticket", "hotline_historicalticket")


def _raw(table: str) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT contact_value, name FROM {table}")  # noqa: S608
        return sorted(cursor.fetchall())


def _migrate(targets: list[tuple[str, str]] | None = None) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@override_settings(DOCUMENT_KEYS=[KEY])
def test_it_encrypts_the_values_stored_before_and_decrypts_them_going_back(agency: Any) -> None:
    first = ticket_submitted(contact_value="+7 702 555 0101", name="Тест Бірінші")
    ticket_submitted(contact_method="email", contact_value="second.test@example.org", name="")
    _migrate(BEFORE)
    for table in TABLES:  # as the code before the migration wrote them
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET contact_value = %s, name = %s WHERE id = %s", ["+7 702 555 0101", "Тест Бірінші", first.pk])  # noqa: S608  # fmt: skip
            cursor.execute(f"UPDATE {table} SET contact_value = %s, name = %s WHERE id <> %s", ["second.test@example.org", "", first.pk])  # noqa: S608  # fmt: skip
    plain = {table: _raw(table) for table in TABLES}

    _migrate()

    for table in TABLES:
        stored = _raw(table)
        assert all("555" not in c and "example.org" not in c and "Тест" not in n for c, n in stored)
        opened = sorted(
            (Fernet(KEY).decrypt(c.encode()).decode(), Fernet(KEY).decrypt(n.encode()).decode() if n else "")
            for c, n in stored
        )  # fmt: skip
        assert opened == plain[table]
    stored_ticket = Ticket.objects.get(pk=first.pk)
    assert (stored_ticket.contact_value, stored_ticket.name) == ("+7 702 555 0101", "Тест Бірінші")

    _migrate(BEFORE)

    assert {table: _raw(table) for table in TABLES} == plain
    _migrate()  # every app back at its latest
