"""``qorgau rebuild-name-keys``: rewrite the stored name keys after a change of the folding."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.people.services.persons import name_keys_rebuild


class Command(BaseCommand):
    help = (
        "Rewrite the folded name keys that name search and the registration check look up, "
        "for every person whose stored keys differ from what this version's folding gives "
        "(run once after an upgrade whose notes say so). Safe to run again or after an "
        "interruption: only people whose keys differ are rewritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="People per transaction (1000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"people: {done:,} of {total:,}")

        result = name_keys_rebuild(batch_size=options["batch_size"], progress=progress)
        self.stdout.write(
            f"Name keys: {result.rebuilt:,} people rewritten of {result.checked:,} checked."
        )
