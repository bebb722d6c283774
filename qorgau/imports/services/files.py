"""The imported files, kept encrypted for ``IMPORT_KEEP_DAYS`` days and then deleted."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from qorgau.audit.services import security_event_record
from qorgau.imports.models import ImportRun
from qorgau.people.models.encryption import document_cipher

IMPORT_FILES_PURGED = "import_files_purged"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def file_keep(*, run: ImportRun, path: Path) -> None:
    """Store the file encrypted (Fernet, the document keys) under ``IMPORT_FILES_DIR``,
    a block at a time: the file is never held whole in memory (its size is the import's)."""
    folder = Path(settings.IMPORT_FILES_DIR)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"{run.public_id}.fernet"
    with path.open("rb") as source, target.open("wb") as kept:
        target.chmod(0o600)
        document_cipher().encrypt_stream(source, kept)
    run.stored_file = target.name
    run.save(update_fields=["stored_file"])


def file_read(*, run: ImportRun) -> bytes:
    target = Path(settings.IMPORT_FILES_DIR) / run.stored_file
    return document_cipher().decrypt(target.read_bytes())


def files_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the files of runs older than ``IMPORT_KEEP_DAYS`` days; returns how many."""
    now = now or timezone.now()
    before = now - dt.timedelta(days=settings.IMPORT_KEEP_DAYS)
    runs = ImportRun.objects.filter(started_at__lt=before).exclude(stored_file="")
    purged = 0
    for run in runs.iterator():
        (Path(settings.IMPORT_FILES_DIR) / run.stored_file).unlink(missing_ok=True)
        run.stored_file = ""
        run.save(update_fields=["stored_file"])
        purged += 1
    if purged:
        security_event_record(actor=None, event=IMPORT_FILES_PURGED, detail={"files": purged})
    return purged
