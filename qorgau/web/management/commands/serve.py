"""``qorgau serve``: serve Qorgau from one process (waitress) or several (gunicorn, ADR 0019)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from qorgau.audit.services import access_log_flush
from qorgau.web.serving import (
    gc_tune,
    gunicorn_options,
    malloc_limit,
    proxied,
    serve_processes,
    waitress_options,
)


def worker_command() -> list[str]:
    """The task worker, ``db_worker``, run by this Python with this process's settings."""
    return [sys.executable, "-m", "django", "db_worker"]


def warm_command() -> list[str]:
    """The statistics warm-up (``QORGAU_STATISTICS_WARM``, ADR 0015), run once beside the
    server: the pages' opening figures are computed before the first person asks."""
    return [sys.executable, "-m", "django", "statistics_warm", "--background"]


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
            help="Server threads of each process (default: QORGAU_SERVE_THREADS).",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help="Web processes (default: QORGAU_SERVE_PROCESSES).",
        )
        parser.add_argument(
            "--worker",
            action="store_true",
            help="Also run the task worker (db_worker); it stops when the server stops.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        processes = options["processes"] or settings.SERVE_PROCESSES
        threads = options["threads"] or settings.SERVE_THREADS
        if processes < 1 or threads < 1:
            raise CommandError("--processes and --threads must be at least 1.")
        # Before any thread starts: the processes forked later inherit glibc's settings.
        malloc_limit()
        worker = None
        arbiter = os.getpid()
        # SIGTERM ends the server as Ctrl+C does, so that the access log's queue is written and
        # the worker stopped (by default SIGTERM would end the process without either). With
        # several processes gunicorn's arbiter takes over SIGTERM and SIGINT.
        signal.signal(signal.SIGTERM, _stop)
        if options["worker"]:
            worker = subprocess.Popen(worker_command())  # noqa: S603
        warm = subprocess.Popen(warm_command()) if settings.STATISTICS_WARM else None  # noqa: S603
        url = f"http://{options['host']}:{options['port']}"
        self.stdout.write(
            f"Qorgau ({settings.QORGAU_ENV}) serving on {url} from {processes} "
            f"process{'es' if processes > 1 else ''} of {threads} threads  (Ctrl+C stops)"
        )
        try:
            if processes == 1:
                self._serve(options, threads)
            else:
                self._serve_processes(options, processes, threads)
        finally:
            # A web process forked by the arbiter leaves through here too: it has written its
            # own queue (serving._worker_exit), and the task worker is the arbiter's to stop.
            if os.getpid() == arbiter:
                # Rows of the access log still queued are written before the process ends.
                access_log_flush()
                if warm is not None and warm.poll() is None:
                    warm.terminate()
                if worker is not None:
                    worker.terminate()
                    try:
                        worker.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        worker.kill()

    def _serve(self, options: dict[str, Any], threads: int) -> None:
        import waitress

        from qorgau.config.wsgi import application

        gc_tune()
        waitress.serve(
            application,
            **waitress_options(host=options["host"], port=options["port"], threads=threads),
        )

    def _serve_processes(self, options: dict[str, Any], processes: int, threads: int) -> None:
        from qorgau.config.wsgi import application

        serve_processes(
            proxied(application),
            gunicorn_options(
                host=options["host"], port=options["port"], processes=processes, threads=threads
            ),
        )
