"""``qorgau procedures``: print a country's procedures, or check a definition file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.procedures.definition import Procedure
from qorgau.procedures.registry import definition_load, procedures_for
from qorgau.procedures.yaml_lines import DefinitionError
from qorgau.reference.catalogue import CENTRAL_ASIA


class Command(BaseCommand):
    help = "Print the procedures of a country (--country KAZ) or check a definition (--check FILE)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--country", help="ISO3 code, e.g. KAZ.")
        group.add_argument("--check", metavar="FILE", help="A definition file to check.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            path = Path(options["check"])
            try:
                procedure = definition_load(path)
            except DefinitionError as exc:
                self.stderr.write(str(exc))
                sys.exit(2)
            self.stdout.write(f"{path}: {procedure.country}/{procedure.code} is valid.")
            return
        country = options["country"].upper()
        if country not in CENTRAL_ASIA:
            raise CommandError(
                f"Unknown country {country!r}: use one of {', '.join(CENTRAL_ASIA)}."
            )
        for procedure in procedures_for(country):
            self._print(procedure)

    def _print(self, procedure: Procedure) -> None:
        write = self.stdout.write
        write(f"{procedure.title.en} [{procedure.country}/{procedure.code}] ({procedure.subject})")
        write(f"  law: {procedure.law.en}")
        write("  stages: " + " → ".join(
            s.code + (" (start)" if s.initial else "") + (" (end)" if s.final else "")
            for s in procedure.stages
        ))  # fmt: skip
        write("  transitions:")
        for t in procedure.transitions:
            extra = [f"roles {', '.join(t.roles)}"]
            if t.status:
                extra.append(f"status → {t.status}")
            if t.decision:
                extra.append(f"decision {t.decision.outcome}")
            if t.issues:
                valid = f" valid {t.validity.describe(procedure.settings)}" if t.validity else ""
                extra.append(f"issues {', '.join(t.issues)}{valid}")
            write(f"    {t.code}: {', '.join(t.sources)} → {t.target} ({'; '.join(extra)})")
        if procedure.deadlines:
            write("  deadlines:")
        for d in procedure.deadlines:
            line = f"    {d.code}: {d.period.describe(procedure.settings)} from {d.starts}"
            line += f", met by {d.met_by}"
            if d.extension:
                line += f", extendable to {d.extension.describe(procedure.settings)}"
            write(line)
        unverified = [s for s in procedure.settings.values() if s.unverified]
        for setting in unverified:
            write(f"  setting {setting.name} = {setting.value} (unverified: {setting.note})")
        write("")
