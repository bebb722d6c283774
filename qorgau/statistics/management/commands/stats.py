"""``qorgau stats``: a country's figures as of a date, disclosure control applied."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.statistics import errors
from qorgau.statistics.disclosure import policy_from_settings
from qorgau.statistics.errors import StatisticsInputError
from qorgau.statistics.figures import figures
from qorgau.statistics.inputs import FORMATS, choice_check, figures_request
from qorgau.statistics.render import render
from qorgau.statistics.tables import release


class Command(BaseCommand):
    help = (
        "Print a country's figures as of a date (stocks from the status history, acquisitions "
        "of citizenship since a date) as JSON, CSV or XLSX with HXL hashtags. Counts below "
        "QORGAU_STATISTICS_THRESHOLD are suppressed (*), with complementary suppression."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--country", required=True, help="ISO3 code of the country office.")
        parser.add_argument("--as-of", required=True, help="Reference date, YYYY-MM-DD.")
        parser.add_argument("--since", help="Count acquisitions from this date (2014-01-01).")
        parser.add_argument("--format", default="json", help="json (default), csv or xlsx.")
        parser.add_argument("--out", help="Write to this file instead of standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            format = choice_check(options["format"], FORMATS, errors.BAD_FORMAT)
            # The command line is the server's operators: any date (ADR 0036).
            request = figures_request(
                country=options["country"], as_of=options["as_of"], since=options["since"],
                daily=True,
            )  # fmt: skip
        except StatisticsInputError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        if format == "xlsx" and not options["out"]:
            raise CommandError(str(errors.XLSX_NEEDS_FILE), returncode=2)
        result = release(
            figures(country=request.country, as_of=request.as_of, since=request.since),
            policy_from_settings(),
        )
        content = render(result, format)
        if options["out"]:
            Path(options["out"]).write_bytes(content)
            self.stderr.write(f"Wrote {options['out']}.")
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
