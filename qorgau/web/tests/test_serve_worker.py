"""``qorgau serve --worker``: the task worker runs beside the server and stops with it."""

from __future__ import annotations

import signal
import sys
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command


def test_it_starts_the_worker_and_terminates_it_when_the_server_stops() -> None:
    with (
        mock.patch("subprocess.Popen") as popen,
        mock.patch("signal.signal"),
        mock.patch("waitress.serve", side_effect=KeyboardInterrupt) as serve,
        pytest.raises(KeyboardInterrupt),
    ):
        call_command("serve", "--worker", "--port", "8123")
    popen.assert_called_once_with([sys.executable, "-m", "django", "db_worker"])
    assert serve.call_args.kwargs["port"] == 8123
    popen.return_value.terminate.assert_called_once_with()
    popen.return_value.wait.assert_called_once()


def test_it_starts_no_worker_without_the_option() -> None:
    with (
        mock.patch("subprocess.Popen") as popen,
        mock.patch("signal.signal"),
        mock.patch("waitress.serve") as serve,
    ):
        call_command("serve")
    popen.assert_not_called()
    serve.assert_called_once()


def test_it_writes_the_access_log_queue_when_it_stops() -> None:
    flush = "qorgau.web.management.commands.serve.access_log_flush"
    with (
        mock.patch("signal.signal") as handle,
        mock.patch(flush) as flushed,
        mock.patch("waitress.serve", side_effect=KeyboardInterrupt),
        pytest.raises(KeyboardInterrupt),
    ):
        call_command("serve")
    flushed.assert_called_once_with()
    assert handle.call_args.args[0] == signal.SIGTERM  # SIGTERM stops it the same way


def test_it_serves_with_the_threads_of_its_setting(settings: Any) -> None:
    settings.SERVE_THREADS = 3
    with mock.patch("signal.signal"), mock.patch("waitress.serve") as serve:
        call_command("serve")
    assert serve.call_args.kwargs["threads"] == 3


def test_sigterm_stops_the_server_like_ctrl_c() -> None:
    from qorgau.web.management.commands.serve import _stop

    frame: Any = None
    with pytest.raises(SystemExit):
        _stop(15, frame)


def test_it_starts_the_statistics_warm_up_when_asked_and_stops_it_with_the_server(
    settings,
) -> None:
    settings.STATISTICS_WARM = True
    still_computing = {"return_value.poll.return_value": None}  # when the server stops
    with (
        mock.patch("subprocess.Popen", **still_computing) as popen,
        mock.patch("signal.signal"),
        mock.patch("waitress.serve", side_effect=KeyboardInterrupt),
        pytest.raises(KeyboardInterrupt),
    ):
        call_command("serve")
    popen.assert_called_once_with(
        [sys.executable, "-m", "django", "statistics_warm", "--background"]
    )
    popen.return_value.terminate.assert_called_once_with()
