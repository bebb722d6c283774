"""``qorgau serve``: serve Qorgau with waitress, a production-grade pure-Python WSGI server."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the web interface and the API."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args: Any, **options: Any) -> None:
        import waitress

        from qorgau.config.wsgi import application

        url = f"http://{options['host']}:{options['port']}"
        self.stdout.write(f"Qorgau ({settings.QORGAU_ENV}) serving on {url}  (Ctrl+C stops)")
        waitress.serve(
            application,
            host=options["host"],
            port=options["port"],
            threads=options["threads"],
            ident="qorgau",
        )
