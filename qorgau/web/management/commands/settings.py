"""``qorgau settings``: the environment variables Qorgau reads, as the README's table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from qorgau.config import env

START, END = "<!-- settings-table:start -->", "<!-- settings-table:end -->"


class Command(BaseCommand):
    help = "Print the configuration variables as a Markdown table (or write it into README.md)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--update-readme", action="store_true", help="Replace the table in README.md."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        table = env.markdown_table()
        if not options["update_readme"]:
            self.stdout.write(table)
            return
        readme = Path(settings.BASE_DIR) / "README.md"
        text = readme.read_text(encoding="utf-8")
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        readme.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")
        self.stdout.write(f"Updated {readme}")
