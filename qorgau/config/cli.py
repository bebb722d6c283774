"""The ``qorgau`` console command: ``qorgau <management command> [options]``."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qorgau.config.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    # ``qorgau rotate-document-keys`` runs the command ``rotate_document_keys``.
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(["qorgau", *args[1:]])
