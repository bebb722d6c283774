"""``qorgau reminders``: refresh the reminders now, or enqueue the refresh for the worker."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tasks import reminders_refresh_task
from qorgau.web.management.arguments import command_date


class Command(BaseCommand):
    help = (
        "Create the reminders of expiring certificates and approaching case deadlines, and "
        "close the ones no longer relevant. Run daily (cron); --enqueue leaves it to db_worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="The day to refresh for (YYYY-MM-DD); default today.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue for `qorgau db_worker` instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = command_date(options["today"]) if options["today"] else None
        if options["enqueue"]:
            result = reminders_refresh_task.enqueue(today.isoformat() if today else None)
            self.stdout.write(f"Enqueued reminders refresh {result.id}.")
            return
        refreshed = reminders_refresh(today=today or timezone.localdate())
        self.stdout.write(
            f"Reminders: {refreshed.created} created, {refreshed.closed} closed, "
            f"{refreshed.reopened} reopened."
        )
