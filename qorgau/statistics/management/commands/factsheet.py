"""``qorgau factsheet``: the fact sheet of a country as a PDF (two A4 pages)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.statistics import errors
from qorgau.statistics.disclosure import policy_from_settings
from qorgau.statistics.errors import StatisticsInputError
from qorgau.statistics.factsheet import factsheet, factsheet_pdf
from qorgau.statistics.inputs import LANGUAGES, choice_check, figures_request


class Command(BaseCommand):
    help = (
        "Write a country's fact sheet as a PDF: key figures as of --as-of, funding as of "
        "--funding-as-of (default: the same date), narrative in --lang (en, ru or kk)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--country", required=True, help="ISO3 code, e.g. KAZ.")
        parser.add_argument("--as-of", required=True, help="Date of the key figures.")
        parser.add_argument("--funding-as-of", help="Date of the funding figures.")
        parser.add_argument("--lang", default="en", help="en (default), ru or kk.")
        parser.add_argument("--out", required=True, help="The PDF file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            language = choice_check(options["lang"], LANGUAGES, errors.BAD_LANGUAGE)
            # The command line is the server's operators: any date (ADR 0036).
            wanted = figures_request(country=options["country"], as_of=options["as_of"], daily=True)
            funding = figures_request(
                country=wanted.country, as_of=options["funding_as_of"] or wanted.as_of, daily=True
            ).as_of
        except StatisticsInputError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        sheet = factsheet(
            country=wanted.country, as_of=wanted.as_of, funding_as_of=funding,
            language=language, policy=policy_from_settings(),
        )  # fmt: skip
        Path(options["out"]).write_bytes(factsheet_pdf(sheet))
        self.stderr.write(f"Wrote {options['out']}.")
