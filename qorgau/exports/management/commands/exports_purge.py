"""``qorgau exports_purge``: delete the files of expired list exports (run daily from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from qorgau.exports.services import exports_purge


class Command(BaseCommand):
    help = (
        "Delete the files of list exports past their expiry (QORGAU_LIST_EXPORT_HOURS). "
        "Expired files are never served; this removes them from the database."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Deleted {exports_purge():,} expired export files.")
