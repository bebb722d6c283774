"""``qorgau import FILE --organisation SLUG --mapping NAME --user USERNAME``, or
``qorgau import --kobo URL --asset UID …`` to pull a form's new submissions from a
KoboToolbox server (the token from ``QORGAU_KOBO_TOKEN``, never on the command line)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from qorgau.errors import DomainError
from qorgau.imports.services.kobo import kobo_pull
from qorgau.imports.services.runs import ImportResult, RowProblem, import_file
from qorgau.organisations.models import Organisation, User

#: Exit status for input the command refuses (as for a usage error).
BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Import a partner's list (CSV, XLSX, KoboToolbox XLSX or JSON) for an organisation, "
        "through one of its saved mappings. All or nothing unless --skip-invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", type=Path, nargs="?")
        parser.add_argument(
            "--kobo",
            metavar="URL",
            help="Pull from this KoboToolbox server instead of reading FILE (token: the "
            "QORGAU_KOBO_TOKEN setting).",
        )
        parser.add_argument(
            "--asset",
            metavar="UID",
            help="With --kobo: the form (asset) whose submissions to pull.",
        )
        parser.add_argument("--organisation", metavar="SLUG", required=True)
        parser.add_argument("--mapping", metavar="NAME", required=True)
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            required=True,
            help="The user the import is made as (its rights, and the change history's actor).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check only; store nothing.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Store the valid rows and list the others in the error report.",
        )
        parser.add_argument(
            "--errors",
            metavar="ERRORS.csv",
            type=Path,
            help="Where the error report goes (default: FILE.errors.csv beside the file).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kobo = options["kobo"]
        if bool(kobo) == bool(options["file"]) or bool(kobo) != bool(options["asset"]):
            raise CommandError("give FILE, or --kobo URL with --asset UID", returncode=BAD_INPUT)
        path = Path(options["file"] or f"kobo-{options['asset']}.json")
        if not kobo and not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=BAD_INPUT)
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        actor = User.objects.filter(username=options["user"], is_active=True).first()
        if organisation is None or actor is None:
            raise CommandError("unknown organisation or user", returncode=BAD_INPUT)
        with Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            TextColumn("{task.completed:,} rows"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task(path.name, total=None)
            common: dict[str, Any] = {
                "actor": actor,
                "organisation": organisation,
                "mapping_name": options["mapping"],
                "dry_run": options["dry_run"],
                "skip_invalid": options["skip_invalid"],
                "progress": lambda done: bar.update(task, completed=done),
            }
            try:
                if kobo:
                    pulled = kobo_pull(server=kobo, asset=options["asset"], **common)
                    if pulled.imported is None:
                        self.stdout.write(_("No new submissions."))
                        return
                    result = pulled.imported
                else:
                    result = import_file(path=path, **common)
            except DomainError as error:
                raise CommandError(str(error), returncode=BAD_INPUT) from None
        report = Path(options["errors"] or path.with_name(path.name + ".errors.csv"))
        if result.problems:
            report_write(report, result.problems)
        self.stdout.write(summary(result, report if result.problems else None))
        if result.problems and not options["skip_invalid"]:
            raise CommandError(_("Nothing was stored."), returncode=BAD_INPUT)


def report_write(path: Path, problems: list[RowProblem]) -> None:
    """The error report: row, column, value, message (UTF-8 with BOM, for Excel)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([_("row"), _("column"), _("value"), _("message")])
        for problem in problems:
            writer.writerow([problem.row, problem.column, _neutral(problem.value), problem.message])


def _neutral(value: str) -> str:
    """A cell that a spreadsheet would run as a formula is written as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def summary(result: ImportResult, report: Path | None) -> str:
    run = result.run
    lines = [
        _("Import %(file)s: %(state)s") % {"file": run.file_name, "state": run.get_state_display()},
        _("rows read: %(n)s") % {"n": run.rows},
        _("created: %(n)s") % {"n": run.created},
        _("updated: %(n)s") % {"n": run.updated},
        _("unchanged: %(n)s") % {"n": run.unchanged},
        _("invalid: %(n)s") % {"n": run.invalid},
        _("sent to review: %(n)s") % {"n": run.held},
    ]
    if report is not None:
        lines.append(_("error report: %(path)s") % {"path": report})
    return "\n".join(lines)
