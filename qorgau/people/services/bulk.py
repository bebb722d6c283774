"""Bulk registration: many households and people in one transaction, for imports and the
synthetic population.

Every person passes the same checks as one registered through a form
(``validation.person_input_check``), households need exactly one principal applicant, status
periods must follow each other without overlap, and registration numbers come from the same
counters. What differs is the writing: rows are built as tuples with their primary keys
reserved beforehand and inserted with ``executemany`` (COPY on PostgreSQL), since building a
model instance per row would be ten times slower. Each row gets its change-history row
("created", with the actor) in the same transaction, as a single registration would.

The work comes in two halves so that large loads can run them in two processes at once:
:func:`registry_bulk_prepare` checks a batch and builds its rows (no write transaction), and
:func:`registry_bulk_write` allocates the registration numbers and writes the rows in one
transaction. :func:`registry_bulk_insert` does both.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from qorgau.organisations.models import User
from qorgau.people import errors
from qorgau.people.models import Relationship
from qorgau.people.models.choices import (
    DOCUMENT_TYPE_VALUES,
    LEGAL_STATUS_VALUES,
    RELATIONSHIP_VALUES,
)
from qorgau.people.services.bulk_rows import (
    COLUMNS,
    BulkBatch,
    BulkLoad,
    Checked,
    batch_build,
    batch_write,
)
from qorgau.people.services.documents import document_number_normalise
from qorgau.people.services.persons import PersonInput
from qorgau.people.services.validation import ErrorCollector, check_region, person_input_check
from qorgau.reference.models import SpecificNeed

__all__ = [
    "BulkBatch",
    "BulkDocument",
    "BulkHousehold",
    "BulkLoad",
    "BulkPerson",
    "BulkResult",
    "BulkStatus",
    "bulk_loading",
    "references_trusted",
    "registry_bulk_insert",
    "registry_bulk_prepare",
    "registry_bulk_write",
]

# ``public_id=None``: a random UUID is drawn when the rows are built (in bulk, much cheaper
# than one ``uuid4()`` per record).


@dataclass(slots=True)
class BulkHousehold:
    registered_by_id: int
    country_office_id: int
    country_iso3: str
    registered_at: dt.datetime
    source_id: str = ""
    public_id: UUID | None = None


@dataclass(slots=True)
class BulkStatus:
    status: str
    effective_from: dt.date
    effective_to: dt.date | None
    recorded_by_id: int
    deciding_authority_id: int | None = None
    basis: str = ""
    public_id: UUID | None = None


@dataclass(slots=True)
class BulkDocument:
    type: str
    number: str
    issuing_country_id: int | None = None
    issuer: str = ""
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    public_id: UUID | None = None


@dataclass(slots=True)
class BulkPerson:
    data: PersonInput
    registered_by_id: int
    country_office_id: int
    country_iso3: str
    registered_at: dt.datetime
    household: BulkHousehold | None = None
    relationship: str = ""
    statuses: list[BulkStatus] = field(default_factory=list)
    documents: list[BulkDocument] = field(default_factory=list)
    source_id: str = ""
    public_id: UUID | None = None


@dataclass
class BulkResult:
    households: int = 0
    people: int = 0
    rows: int = 0


def registry_bulk_insert(
    *,
    households: Sequence[BulkHousehold],
    people: Sequence[BulkPerson],
    actor: User | None,
    today: dt.date | None = None,
) -> BulkResult:
    """Validate and insert one batch; nothing is written if any record is invalid."""
    batch = registry_bulk_prepare(households=households, people=people, actor=actor, today=today)
    return registry_bulk_write(batch=batch)


def registry_bulk_prepare(
    *,
    households: Sequence[BulkHousehold],
    people: Sequence[BulkPerson],
    actor: User | None,
    today: dt.date | None = None,
    load: BulkLoad | None = None,
) -> BulkBatch:
    """Check a batch and build its rows, with primary keys reserved (in short transactions of
    their own, so several processes can prepare batches at once). Raises ``ValidationError``
    naming every problem of the first invalid person. ``load`` carries what the batches of one
    large load share: values already found valid, blocks of reserved keys."""
    today = today or timezone.localdate()
    load = load or BulkLoad()
    needs = {n.code: n.pk for n in SpecificNeed.objects.all()}
    checked = [_check(index, person, today, needs, load) for index, person in enumerate(people)]
    _check_households(households, people)
    return batch_build(
        households=households, people=people, checked=checked, needs=needs, actor=actor, load=load
    )


def registry_bulk_write(*, batch: BulkBatch) -> BulkResult:
    """Allocate the batch's registration numbers from the locked counters (so they stay
    gap-free) and write all its rows, in one transaction."""
    with transaction.atomic():
        rows = batch_write(batch)
    return BulkResult(households=batch.households, people=batch.people, rows=rows)


# --- validation -----------------------------------------------------------------------------


def _check(
    index: int, person: BulkPerson, today: dt.date, needs: dict[str, int], load: BulkLoad
) -> Checked:
    languages, phones, collector = person_input_check(person.data, today=today, known=load.known)
    # As a form refuses them: a region of another country, a status or document from the future.
    check_region(collector, person.data.region, person.country_office_id)
    for code in person.data.needs:
        if code not in needs:
            collector.add("needs", errors.UNKNOWN_CODE, "unknown_code", code=code)
    if person.relationship and person.relationship not in RELATIONSHIP_VALUES:
        collector.add("relationship", errors.UNKNOWN_CODE, "unknown_code", code=person.relationship)
    _check_statuses(collector, person.statuses, today)
    for document in person.documents:
        if document.type not in DOCUMENT_TYPE_VALUES:
            collector.add("documents", errors.UNKNOWN_CODE, "unknown_code", code=document.type)
        if not document_number_normalise(document.number):
            collector.add("documents", errors.REQUIRED, "required")
        if document.issued_on and document.issued_on > today:
            collector.add("documents", errors.ISSUED_IN_FUTURE, "date_in_future")
        if document.issued_on and document.expires_on and document.expires_on <= document.issued_on:
            collector.add("documents", errors.DATE_ORDER, "date_order")
    if collector.errors:
        raise ValidationError(
            {f"people.{index}.{name}": problems for name, problems in collector.errors.items()}
        )
    data = person.data
    names = (data.family_name, data.given_name, data.patronymic)
    keys = {k for text in names for k in load.fold(text)}
    return Checked(languages, phones, list(dict.fromkeys(data.needs)), sorted(keys))


def _check_statuses(collector: ErrorCollector, statuses: list[BulkStatus], today: dt.date) -> None:
    """Periods in order, none starting after today, each ending after it starts and where the
    next one starts; only the last may stay open."""
    for position, period in enumerate(statuses):
        if period.status not in LEGAL_STATUS_VALUES:
            collector.add("statuses", errors.UNKNOWN_CODE, "unknown_code", code=period.status)
        if period.effective_from > today:
            collector.add("statuses", errors.STATUS_IN_FUTURE, "date_in_future")
            return
        following = statuses[position + 1] if position + 1 < len(statuses) else None
        ends_after_start = (
            period.effective_to is None or period.effective_to > period.effective_from
        )
        joins_next = following is None or following.effective_from == period.effective_to
        if not ends_after_start or not joins_next:
            collector.add("statuses", errors.STATUS_SEQUENCE, "status_sequence")
            return


def _check_households(households: Sequence[BulkHousehold], people: Sequence[BulkPerson]) -> None:
    principals: dict[int, int] = defaultdict(int)
    for person in people:
        if person.household is not None:
            principals[id(person.household)] += person.relationship == Relationship.PRINCIPAL
    for index, household in enumerate(households):
        count = principals.get(id(household), 0)
        if count != 1:
            message = errors.NO_PRINCIPAL if count == 0 else errors.TWO_PRINCIPALS
            raise ValidationError(
                {
                    f"households.{index}": ValidationError(
                        message, code="principal", params={"count": count}
                    )
                }
            )


@contextmanager
def references_trusted() -> Iterator[None]:
    """Switch off the database's row-by-row foreign-key checks while a load writes whose every
    reference is to a row the load read from the database or wrote itself (the synthetic
    population): those checks cost more than the writing. Imports of outside data don't use
    this. SQLite: ``PRAGMA foreign_keys`` (only outside a transaction; inside one it stays
    on). PostgreSQL: ``session_replication_role = replica``, which only a superuser may set;
    for other roles the checks stay on."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            restore = "PRAGMA foreign_keys = ON"
        elif connection.vendor == "postgresql" and _superuser(cursor):
            cursor.execute("SET session_replication_role = replica")
            restore = "RESET session_replication_role"
        else:
            restore = ""
    try:
        yield
    finally:
        if restore:
            with connection.cursor() as cursor:
                cursor.execute(restore)


@contextmanager
def bulk_loading() -> Iterator[None]:
    """What a large load of generated records needs from its connection: the references
    trusted (:func:`references_trusted`) and, on SQLite, a larger page cache for the indexes
    the load inserts into all over (public ids, dates, hashes): 256 MiB instead of the 64 MiB
    a request needs, given back afterwards (1 GiB measured no faster)."""
    with references_trusted():
        if connection.vendor != "sqlite":
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            (before,) = cursor.fetchone()
            cursor.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(before)}")


BULK_CACHE_KIB = 256 * 1024


def _superuser(cursor: CursorWrapper) -> bool:
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    found = cursor.fetchone()
    return bool(found and found[0])


def registry_analyze() -> None:
    """Refresh the query planner's statistics after a large load.

    Rows written by COPY are invisible to the planner until the tables are analysed: with no
    statistics PostgreSQL plans the joins of people and status periods for one row each and a
    query over 40,000 people then runs for minutes, and SQLite ignores the statistics indexes.
    Runs in the caller's transaction, so a load inside a test transaction is analysed too.
    """
    names = [connection.ops.quote_name(model._meta.db_table) for model in COLUMNS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(names))
        else:
            for name in names:
                cursor.execute(f"ANALYZE {name}")
