"""``qorgau serve`` with several web processes (docs/adr/0019-several-web-processes.md).

The unit tests check which server runs with which settings; the process tests start the real
server (gunicorn's arbiter and two processes) on a file database with a view that logs a read.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]
SERVE_PROCESSES = "qorgau.web.management.commands.serve.serve_processes"


def test_it_serves_from_several_processes_with_gunicorn(settings: Any) -> None:
    settings.SERVE_THREADS = 3
    with (
        mock.patch("signal.signal"),
        mock.patch("waitress.serve") as waitress,
        mock.patch(SERVE_PROCESSES) as serve,
    ):
        call_command("serve", "--processes", "4", "--port", "8123")
    waitress.assert_not_called()
    options = serve.call_args.args[1]
    assert options["workers"] == 4
    assert options["threads"] == 3
    assert options["worker_class"] == "gthread"
    assert options["bind"] == ["127.0.0.1:8123"]


def test_it_takes_the_processes_of_its_setting(settings: Any) -> None:
    settings.SERVE_PROCESSES = 2
    with mock.patch("signal.signal"), mock.patch(SERVE_PROCESSES) as serve:
        call_command("serve")
    assert serve.call_args.args[1]["workers"] == 2


def test_it_serves_one_process_with_waitress(settings: Any) -> None:
    settings.SERVE_PROCESSES = 2
    with (
        mock.patch("signal.signal"),
        mock.patch("waitress.serve") as waitress,
        mock.patch(SERVE_PROCESSES) as serve,
    ):
        call_command("serve", "--processes", "1")
    serve.assert_not_called()
    waitress.assert_called_once()


def test_it_still_starts_one_task_worker_with_several_processes() -> None:
    with (
        mock.patch("subprocess.Popen") as popen,
        mock.patch("signal.signal"),
        mock.patch(SERVE_PROCESSES, side_effect=SystemExit(0)),
        pytest.raises(SystemExit),
    ):
        call_command("serve", "--worker", "--processes", "2")
    popen.assert_called_once_with([sys.executable, "-m", "django", "db_worker"])
    popen.return_value.terminate.assert_called_once_with()


def test_a_forked_web_process_leaves_the_task_worker_to_the_arbiter() -> None:
    pids = iter([100, 200])  # the arbiter's pid at start, a forked process's at its end
    with (
        mock.patch("subprocess.Popen") as popen,
        mock.patch("signal.signal"),
        mock.patch("os.getpid", side_effect=lambda: next(pids)),
        mock.patch(SERVE_PROCESSES, side_effect=SystemExit(0)),
        pytest.raises(SystemExit),
    ):
        call_command("serve", "--worker", "--processes", "2")
    popen.return_value.terminate.assert_not_called()


# The child only reads two attributes and writes to a pipe: no lock another thread could hold.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_process_starts_its_own_access_log_queue() -> None:
    from qorgau.audit import services

    services._queue.rows.append(mock.sentinel.row)  # a row the parent has yet to write
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child reports through the pipe)
        fresh = not services._queue.rows and services._queue.thread is None
        os.write(write, b"1" if fresh else b"0")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.waitpid(child, 0)
    services._queue.rows.remove(mock.sentinel.row)
    assert answer == b"1"


# --- the real server ----------------------------------------------------------------------

URLS = textwrap.dedent(
    """
    import os, uuid
    from django.http import HttpResponse
    from django.urls import path
    from qorgau.audit.services import Reader, access_log_record

    def read(request):
        access_log_record(
            reader=Reader(user=None, channel="web"), action="view", object_type="person",
            object_ids=[uuid.uuid4()],
        )
        return HttpResponse(str(os.getpid()))

    urlpatterns = [path("read/", read)]
    """
)
SETTINGS = textwrap.dedent(
    """
    from qorgau.config.settings import *  # noqa: F403
    ROOT_URLCONF = "serve_test_urls"
    # Only the access-log table exists here: rows without a user, no foreign-key check.
    DATABASES["default"]["OPTIONS"]["init_command"] += "; PRAGMA foreign_keys = OFF"
    """
)
TABLE = textwrap.dedent(
    """
    import django
    django.setup()
    from django.db import connection
    from qorgau.audit.models import AccessLog
    with connection.schema_editor() as editor:
        editor.create_model(AccessLog)
    """
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int) -> int | None:
    """The pid of the process that served a read, on a new connection; None while refused."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/read/")
        return int(connection.getresponse().read())
    except ConnectionError:
        return None
    finally:
        connection.close()


def _children(pid: int) -> set[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return {int(child) for child in text.split()}


def _stored(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM audit_accesslog").fetchone()[0])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int, Path]]:
    """``qorgau serve --processes 2`` whose queued reads are written only when it stops."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("reads the processes from /proc (Linux)")
    (tmp_path / "serve_test_urls.py").write_text(URLS)
    (tmp_path / "serve_test_settings.py").write_text(SETTINGS)
    database = tmp_path / "serve.sqlite3"
    env = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "serve_test_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "QORGAU_ACCESS_LOG_FLUSH_MS": "3600000",
    }
    subprocess.run([sys.executable, "-c", TABLE], cwd=ROOT, env=env, check=True)  # noqa: S603
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (this interpreter, our own command)
        [sys.executable, "-m", "qorgau", "serve", "--processes", "2", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            if len(_children(process.pid)) == 2 and _get(port) is not None:
                break
            assert process.poll() is None, "qorgau serve stopped"
            time.sleep(0.1)
        yield process, port, database
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_sigterm_writes_the_queued_reads_of_the_web_processes(
    server: tuple[subprocess.Popen[bytes], int, Path],
) -> None:
    process, port, database = server
    served = [_get(port) for _ in range(40)] + [_get(port)]  # the first was read on start-up
    assert _stored(database) == 0  # still queued: the interval is an hour

    process.send_signal(signal.SIGTERM)

    assert process.wait(timeout=60) == 0
    assert _stored(database) == len(served) + 1


def test_a_dead_web_process_is_replaced(
    server: tuple[subprocess.Popen[bytes], int, Path],
) -> None:
    process, port, _ = server
    before = _children(process.pid)
    dead = before.pop()
    os.kill(dead, signal.SIGKILL)
    for _ in range(600):
        now = _children(process.pid)
        if len(now) == 2 and dead not in now:
            break
        time.sleep(0.1)
    now = _children(process.pid)
    assert len(now) == 2
    assert dead not in now
    assert _get(port) in now
