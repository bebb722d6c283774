"""``qorgau statistics_warm``: compute the figures the statistics pages open with (ADR 0015)."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand

from qorgau.statistics.warm import figures_warm


class Command(BaseCommand):
    help = (
        "Compute and keep the figures the statistics pages open with (today, the last "
        "reference date and 1 January, every country office with a history), so that no one "
        "waits for them. `qorgau serve` runs it when it starts (QORGAU_STATISTICS_WARM)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--background",
            action="store_true",
            help="At a lower CPU priority (nice 10), beside a server answering requests.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["background"]:
            os.nice(10)
        done = figures_warm()
        self.stdout.write(", ".join(f"{country} {day}" for country, day in done) or "nothing")
