"""``qorgau import-mapping``: print the mapping suggested for a file's headers, or save one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from qorgau.errors import DomainError
from qorgau.imports.mapping import mapping_suggest
from qorgau.imports.readers import table_open
from qorgau.imports.services.mappings import mapping_save
from qorgau.organisations.models import Organisation, User

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        'Print the mapping suggested for FILE\'s headers as JSON ({column: field}; "" is '
        "ignored), or with --save NAME store it (or the JSON of --columns) for the organisation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", type=Path, nargs="?")
        parser.add_argument("--columns", metavar="MAPPING.json", type=Path)
        parser.add_argument("--save", metavar="NAME")
        parser.add_argument("--organisation", metavar="CODE")
        parser.add_argument("--user", metavar="USERNAME")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["columns"]:
                columns = json.loads(Path(options["columns"]).read_text(encoding="utf-8"))
            elif options["file"]:
                table = table_open(Path(options["file"]))
                columns = mapping_suggest(table.columns, kobo=table.kobo)
            else:
                raise CommandError("give FILE or --columns", returncode=BAD_INPUT)
            if not options["save"]:
                self.stdout.write(json.dumps(columns, ensure_ascii=False, indent=2))
                return
            organisation = Organisation.objects.filter(code=options["organisation"]).first()
            actor = User.objects.filter(username=options["user"], is_active=True).first()
            if organisation is None or actor is None:
                raise CommandError("unknown organisation or user", returncode=BAD_INPUT)
            mapping_save(
                actor=actor, organisation=organisation, name=options["save"], columns=columns
            )
        except DomainError as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        except (OSError, ValueError) as error:
            raise CommandError(str(error), returncode=BAD_INPUT) from None
        self.stdout.write(
            _("Mapping “%(name)s” saved for %(organisation)s.")
            % {"name": options["save"], "organisation": organisation.code}
        )
