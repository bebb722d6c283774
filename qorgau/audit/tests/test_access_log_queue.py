"""The access log written by a thread in batches (docs/adr/0016-access-log-queue.md)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from qorgau.audit import services
from qorgau.audit.models import AccessLog
from qorgau.audit.services import Reader, access_log_flush, access_log_record
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def queued(settings: Any) -> None:
    """A queue whose thread never writes during the test (the test flushes it itself)."""
    settings.ACCESS_LOG_FLUSH_MS = 3_600_000
    access_log_flush()


def test_it_writes_at_once_when_the_interval_is_zero(clerk: User) -> None:
    access_log_record(
        reader=Reader(user=clerk, channel="web"),
        action="view",
        object_type="person",
        object_ids=[uuid.uuid4()],
    )
    assert AccessLog.objects.count() == 1


def test_it_keeps_every_row_of_a_finished_request_until_the_flush(
    queued: None,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    login: Callable[[User | None], Client],
) -> None:
    person = make_person(clerk, agency)
    before = timezone.now()
    assert login(clerk).get(f"/people/{person.public_id}/").status_code == 200
    after = timezone.now()
    assert not AccessLog.objects.filter(object_id=person.public_id).exists()

    assert access_log_flush() >= 1
    row = AccessLog.objects.get(object_id=person.public_id, action="view")
    assert row.user == clerk
    assert before <= row.at <= after  # the time of the read, not of the write


def test_it_keeps_the_rows_when_a_write_fails(
    queued: None, clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = Reader(user=clerk, channel="web")
    first, second = uuid.uuid4(), uuid.uuid4()
    access_log_record(reader=reader, action="view", object_type="person", object_ids=[first])

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database is locked")

    with monkeypatch.context() as patch:
        patch.setattr(AccessLog.objects, "bulk_create", refuse)
        with pytest.raises(RuntimeError):
            access_log_flush()
    access_log_record(reader=reader, action="view", object_type="person", object_ids=[second])

    assert access_log_flush() == 2
    assert list(AccessLog.objects.order_by("id").values_list("object_id", flat=True)) == [
        first,
        second,
    ]


# A process of its own on a file database: what a normal stop writes, and what SIGKILL loses.
CHILD = textwrap.dedent(
    """
    import os, sys, time, uuid
    import django
    django.setup()
    from django.db import connection
    from qorgau.audit.models import AccessLog
    from qorgau.audit.services import Reader, access_log_flush, access_log_record

    with connection.schema_editor() as editor:
        editor.create_model(AccessLog)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys = OFF")  # no user table here: rows without a user
    reader = Reader(user=None, channel="web")

    def read(count):
        access_log_record(
            reader=reader, action="view", object_type="person",
            object_ids=[uuid.uuid4() for _ in range(count)],
        )

    read(3)
    access_log_flush()  # what the writer thread does once per interval
    read(2)
    print("ready", flush=True)
    if sys.argv[1] == "wait":
        time.sleep(60)
    """
)


def _child(tmp_path: Path, how: str) -> tuple[subprocess.Popen[str], Path]:
    database = tmp_path / "log.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "QORGAU_ACCESS_LOG_FLUSH_MS": "3600000",
        "DJANGO_SETTINGS_MODULE": "qorgau.config.settings",
    }
    process = subprocess.Popen(  # noqa: S603 (this interpreter, our own script)
        [sys.executable, "-c", CHILD, how],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process, database


def _stored(database: Path) -> int:
    import sqlite3

    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM audit_accesslog").fetchone()[0])


def test_it_writes_the_queue_when_the_process_stops(tmp_path: Path) -> None:
    process, database = _child(tmp_path, "exit")
    assert process.wait(timeout=60) == 0
    assert _stored(database) == 5


def test_it_loses_only_the_last_interval_when_the_process_is_killed(tmp_path: Path) -> None:
    process, database = _child(tmp_path, "wait")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert _stored(database) == 3  # the two reads queued since the last write are lost


def test_the_writer_thread_writes_without_being_asked(
    transactional_db: None, settings: Any, clerk: User
) -> None:
    settings.ACCESS_LOG_FLUSH_MS = 20
    services._queue.wake.set()  # a writer of an earlier test takes up the new interval
    read = uuid.uuid4()
    access_log_record(
        reader=Reader(user=clerk, channel="web"),
        action="view",
        object_type="person",
        object_ids=[read],
    )
    thread = services._queue.thread
    assert thread is not None
    assert thread.is_alive()
    for _ in range(200):
        if AccessLog.objects.filter(object_id=read).exists():
            break
        services._queue.wake.wait(0.05)
    assert AccessLog.objects.filter(object_id=read).exists()
