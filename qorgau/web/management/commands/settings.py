"""``qorgau settings``: the environment variables Qorgau reads, as the README's table."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from qorgau.config import env


class Command(BaseCommand):
    help = "Print the configuration variables as a Markdown table."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(env.markdown_table())
