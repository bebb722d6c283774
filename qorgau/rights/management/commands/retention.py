"""``qorgau retention``: anonymise what is past its retention period now, say what would be
done (``--dry-run``), or enqueue the run for the worker (``--enqueue``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.reference.models import Country
from qorgau.rights.services.retention import retention_run
from qorgau.rights.tasks import retention_task
from qorgau.web.management.arguments import command_date


class Command(BaseCommand):
    help = (
        "Anonymise the people and clear the cases past their retention period "
        "(QORGAU_RETENTION_YEARS_*), never under a legal hold, and keep a report per country "
        "office. --dry-run only lists them; --enqueue leaves the run to db_worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="The day to run for (YYYY-MM-DD); default today.")
        parser.add_argument("--dry-run", action="store_true", help="Change and keep nothing.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue for `qorgau db_worker` instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = command_date(options["today"]) if options["today"] else None
        if options["enqueue"]:
            if options["dry_run"]:
                raise CommandError("--dry-run and --enqueue exclude each other.")
            result = retention_task.enqueue(today.isoformat() if today else None)
            self.stdout.write(f"Enqueued retention run {result.id}.")
            return
        outcomes = retention_run(today=today, dry_run=options["dry_run"])
        names = dict(Country.objects.values_list("pk", "iso3"))
        verb = "would be" if options["dry_run"] else "were"
        for o in outcomes:
            self.stdout.write(
                f"{names.get(o.country_id, o.country_id)}: {len(o.persons)} people {verb} "
                f"anonymised, {len(o.cases)} cases {verb} cleared, {len(o.held)} people kept "
                "by a legal hold."
            )
            for kind, ids in (("person", o.persons), ("case", o.cases), ("held", o.held)):
                for public_id in ids:
                    self.stdout.write(f"  {kind} {public_id}")
        if not options["dry_run"]:
            self.stdout.write("Reports kept.")
