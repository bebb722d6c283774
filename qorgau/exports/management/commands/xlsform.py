"""``qorgau xlsform --out registration.xlsx``: Qorgau's registration form for KoboToolbox."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.exports import errors
from qorgau.exports.xlsform import xlsform_write


class Command(BaseCommand):
    help = (
        "Write Qorgau's registration form as an XLSForm (kk/ru/en labels, Qorgau's codes, "
        "household members as a repeat), checked by pyxform; its qorgau_columns sheet maps "
        "Kobo's export headers to Qorgau's fields."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx")
        parser.add_argument("--form-version", help="Form version (default: today, YYYYMMDD01).")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.suffix.lower() != ".xlsx":
            raise CommandError(str(errors.XLSFORM_NOT_XLSX))
        if not out.parent.is_dir():
            raise CommandError(str(errors.XLSFORM_NO_FOLDER) % {"path": out})
        xlsform_write(out, version=options["form_version"])
        from pyxform.xls2xform import convert

        try:
            convert(xlsform=str(out), validate=False, warnings=[])
        except Exception as error:  # pyxform's errors have no common base class
            out.unlink(missing_ok=True)
            message = str(errors.XLSFORM_REFUSED) % {"error": error}
            raise CommandError(message) from error
        self.stdout.write(f"Wrote {out} (checked by pyxform).")
