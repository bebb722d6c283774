"""``qorgau serve``: serve Qorgau with waitress, a production-grade pure-Python WSGI server."""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from qorgau.audit.services import access_log_flush


def worker_command() -> list[str]:
    """The task worker, ``db_worker``, run by this Python with this process's settings."""
    return [sys.executable, "-m", "django", "db_worker"]


def _stop(signum: int, frame: Any) -> None:
    """SIGTERM stops the server as Ctrl+C does: the worker and the access log's queue are
    seen to before the process ends."""
    raise SystemExit(0)


class Command(BaseCommand):
    help = "Serve the web interface and the API."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--threads",
            type=int,
            default=None,
            help="Server threads (default: QORGAU_SERVE_THREADS).",
        )
        parser.add_argument(
            "--worker",
            action="store_true",
            help="Also run the task worker (db_worker); it stops when the server stops.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker = None
        # SIGTERM ends the server as Ctrl+C does, so that the access log's queue is written and
        # the worker stopped (by default SIGTERM would end the process without either).
        signal.signal(signal.SIGTERM, _stop)
        if options["worker"]:
            worker = subprocess.Popen(worker_command())  # noqa: S603
        try:
            self._serve(options)
        finally:
            # Rows of the access log still queued are written before the process ends.
            access_log_flush()
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def _serve(self, options: dict[str, Any]) -> None:
        import waitress

        from qorgau.config.wsgi import application

        url = f"http://{options['host']}:{options['port']}"
        self.stdout.write(f"Qorgau ({settings.QORGAU_ENV}) serving on {url}  (Ctrl+C stops)")
        waitress.serve(
            application,
            host=options["host"],
            port=options["port"],
            threads=options["threads"] or settings.SERVE_THREADS,
            ident="qorgau",
        )
