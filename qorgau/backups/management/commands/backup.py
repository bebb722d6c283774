"""``qorgau backup OUT``: a consistent copy of the whole database, while the server runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from qorgau.backups.databases import Database, backup
from qorgau.backups.progress import progress_bar
from qorgau.errors import DomainError


class Command(BaseCommand):
    help = (
        "Back up the whole database to OUT: SQLite through its online backup API (a copy of the "
        "database file), PostgreSQL with pg_dump -Fc. Safe while the server runs. Encrypt the "
        "file before it leaves the server (README, operations)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", metavar="OUT", type=Path)
        parser.add_argument("--force", action="store_true", help="Replace OUT if it exists.")
        parser.add_argument("--database", default="default", help="Database alias (default).")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        try:
            database = Database.of(connections[options["database"]].settings_dict)
            with progress_bar(f"Backup of {database.label}", self.stderr._out) as progress:
                backup(database, out, force=options["force"], progress=progress)
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {out} ({out.stat().st_size:,} bytes).")
