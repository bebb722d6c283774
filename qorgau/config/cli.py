"""The ``qorgau`` console command: ``qorgau <management command> [options]``."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qorgau.config.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv if argv is None else argv
    execute_from_command_line(["qorgau", *args[1:]])
