"""``qorgau rotate-document-keys``: re-encrypt every value under the document keys (document
numbers, the hotline's contacts and names) under the first key."""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandError, CommandParser

from qorgau.people.services.documents import document_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every value encrypted under QORGAU_DOCUMENT_KEYS (document numbers, the "
        "hotline's contacts and names, and their history) under its first key, numbers stored "
        "before those keys included; then the other keys can be removed. Safe to run again or "
        "after an interruption. --new-key prints a new key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--new-key", action="store_true", help="Print a new random key and change nothing."
        )
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Rows per transaction (1000)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(Fernet.generate_key().decode())
            return
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")

        def progress(table: str, done: int, total: int) -> None:
            self.stdout.write(f"{table}: {done:,} of {total:,}")

        result = document_keys_rotate(batch_size=options["batch_size"], progress=progress)
        self.stdout.write(
            f"Encrypted values (document numbers, hotline contacts and names): "
            f"{result.rotated:,} re-encrypted, {result.current:,} already under the first key, "
            f"{result.unreadable:,} opened by no key."
        )
        if result.unreadable:
            raise CommandError(
                f"{result.unreadable:,} values could not be decrypted with any key (left as "
                "they were): keep every key they may need in QORGAU_DOCUMENT_KEYS and run again."
            )
