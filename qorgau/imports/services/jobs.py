"""Imports made on the web pages (ADR 0046): the uploaded file is kept encrypted between the
steps (upload → mapping → preview → run), the run is the same ``import_file`` the command
line uses, made by the background job, and its rows' problems are kept (encrypted) for the
error report, which only the requester downloads."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed
from qorgau.exports.columns import cell_safe, csv_bytes, xlsx_bytes
from qorgau.imports import errors
from qorgau.imports.models import ImportJob, ImportMapping, JobState
from qorgau.imports.readers import table_open
from qorgau.imports.services.mappings import mapping_save
from qorgau.imports.services.runs import import_file
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people.models.encryption import document_cipher
from qorgau.people.services.permissions import require_perm_in

logger = logging.getLogger(__name__)

IMPORT_REPORT_DOWNLOADED = "import_report_downloaded"
IMPORT_JOB_RERUN = "import_job_rerun"
#: Rows between two writes of the progress file.
PROGRESS_EVERY = 200


def _uploads() -> Path:
    folder = Path(settings.IMPORT_FILES_DIR) / "uploads"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def progress_path(job: ImportJob) -> Path:
    """The small file the running job writes its count of rows read to: the import's single
    transaction holds SQLite's write lock, so the count cannot go through the database."""
    return Path(settings.IMPORT_FILES_DIR) / "uploads" / f"{job.public_id}.progress"


def heartbeat_path(job: ImportJob) -> Path:
    """The file whose modification time the running job's worker renews (its lease): a worker
    killed mid-import stops renewing it, and the page then shows the import interrupted."""
    return Path(settings.IMPORT_FILES_DIR) / "uploads" / f"{job.public_id}.alive"


def import_job_interrupted(job: ImportJob, *, now: float | None = None) -> bool:
    """Whether the job is shown running but its worker stopped renewing its lease for
    ``IMPORT_JOB_LEASE_SECONDS`` (killed, or its machine stopped): nothing of it was stored
    (the import is one transaction) and it may be run again.

    A worker that is only slow is never declared dead: its thread renews the lease every
    quarter of the lease (``_heartbeat``), so three renewals in a row must be missed, and the
    lease is measured from the last renewal, never from the start of the run, however long
    the run takes."""
    if job.state != JobState.RUNNING:
        return False
    try:
        renewed = heartbeat_path(job).stat().st_mtime
    except OSError:
        return True  # written before the job is marked running, deleted only after it ends
    return (time.time() if now is None else now) - renewed > settings.IMPORT_JOB_LEASE_SECONDS


def _lease_renew(path: Path) -> None:
    """Stamp the lease file with the worker's clock, the clock ``import_job_interrupted``
    reads (``time.time``), rather than leaving the stamp to the file system."""
    now = time.time()
    try:
        os.utime(path, (now, now))
    except OSError:  # deleted meanwhile (a run again of a job thought dead): written again
        path.touch()
        os.utime(path, (now, now))


@contextmanager
def _heartbeat(job: ImportJob) -> Iterator[None]:
    """Renew the job's lease every quarter of ``IMPORT_JOB_LEASE_SECONDS`` from a thread of
    its own, while the import (one long transaction, which cannot write to the database)
    runs; the lease file is written before the job is marked running. The thread needs no
    database connection and no lock: it renews while the import waits for the database or
    holds the CPU (Python hands the interpreter to a waiting thread every few milliseconds)."""
    path = heartbeat_path(job)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.touch()
    _lease_renew(path)
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(settings.IMPORT_JOB_LEASE_SECONDS / 4):
            try:
                _lease_renew(path)
            except OSError:
                logger.warning("The lease of import job %s could not be renewed", job.pk)

    thread = threading.Thread(target=renew, name=f"import-heartbeat-{job.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _require(actor: User, job: ImportJob) -> None:
    """Only the requester, while they still register people for the organisation."""
    if job.requested_by_id != actor.pk:
        raise NotAllowed(errors.NOT_YOUR_IMPORT, code="not_requester")
    try:
        require_perm_in(actor=actor, perm=Perm.PERSON_CREATE, organisation=job.organisation)
    except NotAllowed:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission") from None


def _shown_columns(columns: list[str], ignored: set[str]) -> list[str]:
    """The columns a mapping lists: not KoboToolbox's own, not a multi-select's per-option
    columns (``needs/SM-CI`` beside ``needs``)."""
    present = set(columns)
    return [
        c
        for c in columns
        if c and c not in ignored and not any(c.startswith(f"{p}/") for p in present if p != c)
    ]


def import_job_upload(
    *, actor: User, organisation: Organisation, path: Path, file_name: str, language: str = ""
) -> ImportJob:
    """Read the uploaded file through (refusing, with the reader's message, a file that cannot
    be read: nothing is kept then) and keep it encrypted for the next steps."""
    try:
        require_perm_in(actor=actor, perm=Perm.PERSON_CREATE, organisation=organisation)
    except NotAllowed:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission") from None
    table = table_open(path)
    total = sum(1 for _row in table.rows)  # reads every row: a bad encoding is found now
    columns = _shown_columns(table.columns, table.ignored)
    if not columns:
        raise Invalid(errors.EMPTY, code="empty")
    job = ImportJob.objects.create(
        organisation=organisation,
        requested_by=actor,
        file_name=Path(file_name).name[:255] or path.name,
        columns=columns,
        language=language[:10],
        total=total,
    )
    target = _uploads() / f"{job.public_id}{path.suffix.lower()}.fernet"
    target.write_bytes(document_cipher().encrypt(path.read_bytes()))
    target.chmod(0o600)
    job.upload = target.name
    job.save(update_fields=["upload"])
    return job


@contextmanager
def import_job_file(job: ImportJob) -> Iterator[Path]:
    """The uploaded file, decrypted into a temporary file (with its suffix, which tells the
    readers its type) that is deleted afterwards."""
    if not job.upload:
        raise Invalid(errors.UPLOAD_GONE, code="upload_gone")
    data = document_cipher().decrypt((_uploads() / job.upload).read_bytes())
    suffix = Path(job.upload.removesuffix(".fernet")).suffix
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        yield path


@transaction.atomic
def import_job_map(
    *, actor: User, job: ImportJob, name: str, columns: dict[str, str]
) -> ImportMapping:
    """Save the mapping chosen for the file (a named mapping of the organisation, created or
    replaced) and note it on the job."""
    _require(actor, job)
    if job.state != JobState.UPLOADED:
        raise Invalid(errors.ALREADY_RUN, code="already_run")
    unknown = set(columns) - set(job.columns)
    if unknown:
        raise Invalid(errors.UNKNOWN_FIELD, code="unknown_column", params={"field": min(unknown)})
    mapping = mapping_save(actor=actor, organisation=job.organisation, name=name, columns=columns)
    job.mapping_name = mapping.name
    job.save(update_fields=["mapping_name", "updated_at"])
    return mapping


@transaction.atomic
def import_job_start(*, actor: User, job: ImportJob, skip_invalid: bool) -> ImportJob:
    """Queue the run (the caller enqueues the background job once this commits)."""
    _require(actor, job)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.state != JobState.UPLOADED:
        raise Invalid(errors.ALREADY_RUN, code="already_run")
    if not job.mapping_name:
        raise Invalid(errors.NO_MAPPING_YET, code="no_mapping")
    job.state, job.skip_invalid = JobState.QUEUED, skip_invalid
    job.save(update_fields=["state", "skip_invalid", "updated_at"])
    return job


@transaction.atomic
def import_job_rerun(*, actor: User, job: ImportJob) -> ImportJob:
    """Queue again the requester's import whose worker was interrupted (``import_job_
    interrupted``): nothing of the first run was stored, the upload is still kept, and the
    new run is the whole import (the caller enqueues it once this commits)."""
    _require(actor, job)
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if not import_job_interrupted(job):
        raise Invalid(errors.NOT_INTERRUPTED, code="not_interrupted")
    if not job.upload:
        raise Invalid(errors.UPLOAD_GONE, code="upload_gone")
    job.state = JobState.QUEUED
    job.save(update_fields=["state", "updated_at"])
    heartbeat_path(job).unlink(missing_ok=True)
    progress_path(job).unlink(missing_ok=True)
    security_event_record(
        actor=actor,
        event=IMPORT_JOB_RERUN,
        object_type="import_job",
        object_id=job.public_id,
        detail={"state": "interrupted"},
    )
    return job


def _progress(job: ImportJob) -> Callable[[int], None]:
    path = progress_path(job)

    def write(done: int) -> None:
        if done == 1 or done % PROGRESS_EVERY == 0:
            path.write_text(str(done))

    return write


def import_job_execute(job: ImportJob) -> ImportJob:
    """Run the queued import as its requester, in the requester's language (the report's
    messages); the uploaded file is deleted afterwards, the run keeps its own encrypted copy."""
    if job.state != JobState.QUEUED:
        return job
    with _heartbeat(job):
        _execute(job)
    heartbeat_path(job).unlink(missing_ok=True)  # after the job's end is stored
    return job


def _execute(job: ImportJob) -> None:
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            with import_job_file(job) as path:
                result = import_file(
                    actor=job.requested_by,
                    organisation=job.organisation,
                    path=path,
                    mapping_name=job.mapping_name,
                    skip_invalid=job.skip_invalid,
                    file_name=job.file_name,
                    progress=_progress(job),
                )
            problems = [[p.row, p.column, p.value, p.message] for p in result.problems]
        job.run = result.run
        job.state = JobState.FINISHED
        job.problem_count = len(problems)
        if problems:
            job.problems = document_cipher().encrypt(json.dumps(problems).encode())
    except (Invalid, NotAllowed) as error:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            job.state, job.error = JobState.FAILED, str(error)
    except Exception:
        logger.exception("The web import %s failed", job.pk)
        job.state = JobState.FAILED
    if job.upload:
        (_uploads() / job.upload).unlink(missing_ok=True)
    progress_path(job).unlink(missing_ok=True)
    job.upload = ""
    job.save()


def import_job_report(
    *, actor: User, job: ImportJob, format: str, address: str | None = None
) -> bytes:
    """The error report of the requester's own import: row, column, value, message; every
    cell a spreadsheet would run as a formula is written as text (a security event)."""
    _require(actor, job)
    if not job.problems:
        raise Invalid(errors.NO_REPORT, code="no_report")
    problems = json.loads(document_cipher().decrypt(bytes(job.problems)))
    with translation.override(job.language or settings.LANGUAGE_CODE):
        header = [str(text) for text in errors.REPORT_HEADER]
    rows = [header] + [[row, *(cell_safe(str(c)) for c in rest)] for row, *rest in problems]
    data = xlsx_bytes(rows, "errors") if format == "xlsx" else csv_bytes(rows)
    security_event_record(
        actor=actor,
        event=IMPORT_REPORT_DOWNLOADED,
        object_type="import_job",
        object_id=job.public_id,
        detail={"format": format, "rows": len(problems)},
        address=address,
    )
    return data


def import_jobs_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the uploads and error reports of web imports older than ``IMPORT_KEEP_DAYS``
    days (an upload never run, a report never downloaded); returns how many jobs."""
    before = (now or timezone.now()) - dt.timedelta(days=settings.IMPORT_KEEP_DAYS)
    old = ImportJob.objects.filter(created_at__lt=before).exclude(upload="", problems=None)
    purged = 0
    for job in old.iterator():
        if job.upload:
            (_uploads() / job.upload).unlink(missing_ok=True)
        ImportJob.objects.filter(pk=job.pk).update(upload="", problems=None)
        purged += 1
    return purged
