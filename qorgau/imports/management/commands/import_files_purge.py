"""``qorgau import-files-purge``: delete the imported files kept longer than the setting."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from qorgau.imports.services.files import files_purge
from qorgau.imports.services.jobs import import_jobs_purge


class Command(BaseCommand):
    help = (
        "Delete the encrypted copies of imported files, and the uploads and error reports of "
        "web imports, older than QORGAU_IMPORT_KEEP_DAYS."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{files_purge()} files deleted.")
        self.stdout.write(f"{import_jobs_purge()} web imports' uploads and reports deleted.")
