"""``qorgau reminders``: refresh the reminders now, or enqueue the refresh for the worker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext

from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tasks import reminders_refresh_task


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        # The message statistics requests give for a bad date (one entry in the catalogues).
        message = gettext("“%(value)s” is not a date: use YYYY-MM-DD.")
        raise CommandError(message % {"value": value}) from None


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
        today = _date(options["today"]) if options["today"] else None
        if options["enqueue"]:
            result = reminders_refresh_task.enqueue(today.isoformat() if today else None)
            self.stdout.write(f"Enqueued reminders refresh {result.id}.")
            return
        refreshed = reminders_refresh(today=today or timezone.localdate())
        self.stdout.write(
            f"Reminders: {refreshed.created} created, {refreshed.closed} closed, "
            f"{refreshed.reopened} reopened."
        )
