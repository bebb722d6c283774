"""``qorgau restore IN``: the database replaced by a backup of ``qorgau backup``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from qorgau.backups.databases import Database, restore
from qorgau.backups.progress import progress_bar
from qorgau.errors import DomainError


class Command(BaseCommand):
    help = (
        "Restore the database from IN, a file written by `qorgau backup` (decrypt it first). "
        "Refuses a database that holds any table unless --force, which replaces its content. "
        "Stop the server and workers first."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", metavar="IN", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace what the database holds (every table of the backup).",
        )
        parser.add_argument("--database", default="default", help="Database alias (default).")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["source"]
        try:
            database = Database.of(connections[options["database"]].settings_dict)
            connections.close_all()
            with progress_bar(f"Restore of {database.label}", self.stderr._out) as progress:
                restore(database, source, force=options["force"], progress=progress)
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {database.label} database {database.name} from {source}.")
