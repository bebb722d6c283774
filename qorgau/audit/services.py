"""Writes of the audit trail.

Reads are logged through a queue (docs/adr/0016-access-log-queue.md): a page's rows are handed
to a writer thread that stores every waiting row in one transaction each
``QORGAU_ACCESS_LOG_FLUSH_MS``, so readers never wait for the database's write lock and never
take it. A crash loses at most the rows of that last interval; a normal stop writes them all.
With the setting at 0 (development and tests) each call writes its rows at once, as before.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import close_old_connections, transaction
from django.http import HttpRequest
from django.utils import timezone

from qorgau.audit.models import AccessLog, Channel, SecurityEvent
from qorgau.audit.terms import logged_path
from qorgau.organisations.models import User


@dataclass(frozen=True)
class Reader:
    """Who is reading, and from where: what every access-log row records."""

    user: User
    channel: str
    path: str = ""
    address: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest, channel: str = Channel.WEB) -> Reader:
        if not isinstance(request.user, User):
            raise TypeError("readers are authenticated users")
        return cls(
            user=request.user,
            channel=channel,
            path=logged_path(request.path, request.META.get("QUERY_STRING", ""))[:300],
            address=request.META.get("REMOTE_ADDR") or None,
        )


def access_log_record(
    *, reader: Reader, action: str, object_type: str, object_ids: Iterable[UUID]
) -> None:
    """Log one read per object. Called by the access gates and by list and export code.

    The time of each row is the time of the read, also when the row is written later."""
    at = timezone.now()
    rows = [
        AccessLog(
            user=reader.user,
            channel=reader.channel,
            action=action,
            object_type=object_type,
            object_id=object_id,
            path=reader.path,
            address=reader.address,
            at=at,
        )
        for object_id in object_ids
    ]
    if not rows:
        return
    if settings.ACCESS_LOG_FLUSH_MS <= 0:
        AccessLog.objects.bulk_create(rows)
    else:
        _queue.put(rows)


security_log = logging.getLogger("qorgau.security")


def security_event_record(
    *,
    actor: User | None,
    event: str,
    object_type: str = "",
    object_id: UUID | None = None,
    detail: dict[str, Any] | None = None,
    address: str | None = None,
) -> SecurityEvent:
    """Write one row of the security log (and the same line to the ``qorgau.security`` logger,
    for the server's log). Called by the services that grant, revoke or refuse access to a
    record, and by sign-in (no record: ``object_type`` empty, ``address`` the client's); a
    refusal is recorded before the refusal is raised, outside the service's transaction, so
    that it is kept. ``detail`` holds codes and ids only: never a name, a password, a token or
    a search term."""
    row = SecurityEvent.objects.create(
        user=actor,
        event=event,
        object_type=object_type,
        object_id=object_id,
        address=address or None,
        detail=detail or {},
    )
    security_log.info(
        "%s %s %s by %s from %s: %s",
        event,
        object_type or "-",
        object_id or "-",
        actor.username if actor is not None else "-",
        address or "-",
        detail or {},
    )
    return row


def access_log_flush() -> int:
    """Write every queued row now, in one transaction; returns how many. Called by the writer
    thread, at exit, and by ``qorgau serve`` when it stops."""
    return _queue.flush()


log = logging.getLogger(__name__)

# Rows waiting beyond this wake the writer before its interval is up.
EARLY_FLUSH_ROWS = 1000


class _Queue:
    """Rows handed over by readers, written by one daemon thread started with the first row."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        """A fresh queue: at start, and in a process forked from this one (the forked process
        has no writer thread and may have copied a lock held by a thread of the parent; the
        parent's queued rows stay the parent's to write)."""
        self.rows: list[AccessLog] = []
        self.lock = threading.Lock()  # guards ``rows``; held for list operations only
        self.writing = threading.Lock()  # one writer at a time (thread, exit, serve)
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None

    def put(self, rows: list[AccessLog]) -> None:
        with self.lock:
            self.rows.extend(rows)
            waiting = len(self.rows)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._run, name="qorgau-access-log", daemon=True
                )
                self.thread.start()
        if waiting >= EARLY_FLUSH_ROWS:
            self.wake.set()

    def flush(self) -> int:
        with self.writing:
            with self.lock:
                rows, self.rows = self.rows, []
            if not rows:
                return 0
            try:
                with transaction.atomic():
                    AccessLog.objects.bulk_create(rows, batch_size=500)
            except Exception:
                # Kept for the next attempt, ahead of newer rows: a database that is busy or
                # restarting delays the log, it does not lose it.
                with self.lock:
                    self.rows[:0] = rows
                raise
            return len(rows)

    def _run(self) -> None:
        while True:
            self.wake.wait((settings.ACCESS_LOG_FLUSH_MS or 1000) / 1000)
            self.wake.clear()
            if not self.rows:
                continue
            try:
                close_old_connections()
                self.flush()
            except Exception:
                log.exception("access log: rows kept for the next attempt")


_queue = _Queue()
atexit.register(access_log_flush)
# Every web process forked by ``qorgau serve`` starts its own writer thread (docs/adr/0019).
os.register_at_fork(after_in_child=_queue.reset)
