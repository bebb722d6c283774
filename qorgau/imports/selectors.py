"""Reads of the imports app: an organisation's runs, and the rows held for review with the
records they resemble, limited to those the reader may see."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.imports import errors
from qorgau.imports.access import (
    visible_held_rows,
    visible_jobs,
    visible_mappings,
    visible_runs,
)
from qorgau.imports.documents import document_row_read, is_documents_mapping
from qorgau.imports.mapping import Lookups, column_of, row_read
from qorgau.imports.models import HeldRow, ImportJob, ImportMapping, ImportRun, JobState
from qorgau.imports.readers import table_open
from qorgau.imports.services.held import held_row_values
from qorgau.imports.services.jobs import import_job_interrupted, progress_path
from qorgau.imports.sources import source_people
from qorgau.organisations.models import User
from qorgau.people import errors as people_errors
from qorgau.people.access import visible_persons
from qorgau.people.fields import FieldGroup, field_policies
from qorgau.people.models import Person
from qorgau.people.services.validation import person_input_check


def import_runs(user: User | AnonymousUser) -> QuerySet[ImportRun]:
    """The user's organisations' runs, newest first."""
    return visible_runs(user).select_related("organisation", "started_by")


@dataclass(frozen=True)
class HeldForReview:
    row: HeldRow
    candidate_ids: list[int]  # of the records the reader may see, best first


def held_rows_pending(user: User | AnonymousUser) -> list[HeldForReview]:
    """Rows waiting for review in the user's organisations, each with the records it
    resembles that the user may see now (a share revoked since the import hides its record)."""
    rows = list(visible_held_rows(user).filter(state=HeldRow.State.PENDING).select_related("run"))
    wanted = {pk for row in rows for pk in row.candidates}
    seen = set(visible_persons(user).filter(pk__in=wanted).values_list("pk", flat=True))
    return [HeldForReview(row, [pk for pk in row.candidates if pk in seen]) for row in rows]


# --- the web pages --------------------------------------------------------------------------

#: Rows the preview shows.
PREVIEW_ROWS = 20


@dataclass(frozen=True)
class PreviewRow:
    number: int
    cells: list[str]  # the values of the mapped columns, in their order
    problems: list[tuple[str, str]]  # (column, translated message)


@dataclass(frozen=True)
class Preview:
    columns: list[str]  # the mapped columns
    rows: list[PreviewRow]


def import_job_preview(job: ImportJob, path: Path, columns: dict[str, str]) -> Preview:
    """The first rows of the uploaded file through the mapping, each with what the import
    would refuse in it: the reading of its cells, a missing source id, and the registry's own
    checks of a person's fields (a refusal that needs the database, such as a household's
    second principal applicant, shows only when the import runs)."""
    lookups = Lookups.load()
    mapped = [c for c in job.columns if columns.get(c)]
    if is_documents_mapping(columns):
        return _documents_preview(job, path, columns, mapped, lookups)
    rows = []
    for row in itertools.islice(table_open(path).rows, PREVIEW_ROWS):
        values, cell_errors = row_read(row.cells, columns, lookups)
        problems = [
            (e.column, str(e.message) % {"value": e.value, **e.params}) for e in cell_errors
        ]
        if not values.source_id.strip():
            problems.append((column_of("source_id", columns), str(errors.SOURCE_ID_REQUIRED)))
        if not cell_errors:
            checked = replace(values.data, phones=list(values.data.phones))
            _l, _p, collector = person_input_check(checked, office=job.organisation.country)
            for name, found in collector.errors.items():
                column = column_of(name, columns)
                problems += [(column, message) for e in found for message in e.messages]
        cells = [row.cells.get(c, "") for c in mapped]
        rows.append(PreviewRow(row.number, cells, problems))
    return Preview(mapped, rows)


def _documents_preview(
    job: ImportJob, path: Path, columns: dict[str, str], mapped: list[str], lookups: Lookups
) -> Preview:
    """The first rows of a documents file, each with what the import would refuse: the
    reading of its cells, a missing id, type or number, and a person the organisation never
    registered under the row's id nor had linked to a record by a review (``sources``: a few
    queries for the rows shown); the documents service's own
    checks (an issue date in the future, an expiry before the issue) show when it runs."""
    read = [
        (row, *document_row_read(row.cells, columns, lookups))
        for row in itertools.islice(table_open(path).rows, PREVIEW_ROWS)
    ]
    known = source_people(
        organisation=job.organisation,
        user=job.requested_by,
        source_ids={values.source_id for _r, values, _p in read},
        writes=False,
    ).people
    where = {target: column for column, target in columns.items() if target}
    rows = []
    for row, values, cell_errors in read:
        problems = [
            (e.column, str(e.message) % {"value": e.value, **e.params}) for e in cell_errors
        ]
        if not values.source_id.strip():
            problems.append((where.get("source_id", ""), str(errors.SOURCE_ID_REQUIRED)))
        for target, value in (("document_type", values.type), ("document_number", values.number)):
            if not value.strip():
                problems.append((where.get(target, ""), str(people_errors.REQUIRED)))
        if values.source_id.strip() and values.source_id not in known:
            message = str(errors.DOCUMENT_PERSON_UNKNOWN) % {"value": values.source_id}
            problems.append((where.get("source_id", ""), message))
        rows.append(PreviewRow(row.number, [row.cells.get(c, "") for c in mapped], problems))
    return Preview(mapped, rows)


def import_job_progress(job: ImportJob) -> int:
    """Rows the running job has read so far (its progress file; 0 before it starts)."""
    if job.state == JobState.FINISHED and job.run is not None:
        return job.run.rows
    try:
        return int(progress_path(job).read_text() or 0)
    except (OSError, ValueError):
        return 0


#: Imports the list page shows.
JOBS_LISTED = 20


@dataclass(frozen=True)
class JobListed:
    job: ImportJob
    interrupted: bool  # running, but its worker stopped renewing its lease (ADR 0053)


def import_jobs_listed(user: User | AnonymousUser) -> list[JobListed]:
    """The user's own latest imports, each with the state its page shows: a job whose worker
    died is interrupted (and may be run again) here as there, not running (no query per job:
    the lease is a file)."""
    jobs = visible_jobs(user).select_related("run", "organisation")[:JOBS_LISTED]
    return [JobListed(job, import_job_interrupted(job)) for job in jobs]


def saved_mappings(user: User | AnonymousUser, job: ImportJob) -> QuerySet[ImportMapping]:
    """The mappings of the job's organisation, to choose one."""
    return visible_mappings(user).filter(organisation_id=job.organisation_id)


@dataclass(frozen=True)
class Candidate:
    person: Person
    name: str  # "" when the reader's field policy does not show the record's identity
    birth_year: int | None


@dataclass(frozen=True)
class HeldForDecision:
    row: HeldRow
    values: list[tuple[str, str]]  # (column, cell)
    candidates: list[Candidate]


def held_rows_review(user: User | AnonymousUser) -> list[HeldForDecision]:
    """The rows waiting for review in the user's organisations, each with its cells and the
    records it resembles that the user may see now, shown only as far as their field policy
    reads (the registration number always; the name and year of birth with "identity")."""
    pending = held_rows_pending(user)
    wanted = {pk for item in pending for pk in item.candidate_ids}
    people = {p.pk: p for p in visible_persons(user).filter(pk__in=wanted)}
    policies = field_policies(user, list(people.values()))
    result = []
    for item in pending:
        candidates = []
        for pk in item.candidate_ids:
            person = people[pk]
            shows = FieldGroup.IDENTITY in policies[pk].read
            name = person.display_name if shows else ""
            candidates.append(Candidate(person, name, person.birth_year if shows else None))
        cells = held_row_values(item.row)
        result.append(HeldForDecision(item.row, list(cells.items()), candidates))
    return result
