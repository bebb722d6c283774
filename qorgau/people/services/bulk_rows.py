"""The rows of a bulk registration (``people.services.bulk``): built as tuples from checked
records, carried between processes as a plain picklable :class:`BulkBatch`, written in one
transaction.

Values are stored ready for the database: UUIDs as 32 hex digits, dates in ISO form,
timestamps as the backend adapts them, JSON as text; both SQLite and PostgreSQL's COPY read
them so. The columns of every table are listed here once and checked against the models, so
a field added to a model without being added here fails loudly instead of being left empty.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction

from qorgau.names import fold_tokens, transliterate
from qorgau.organisations.models import User
from qorgau.people.models import (
    Document,
    Household,
    LegalStatusPeriod,
    Person,
    PersonNameKey,
    PersonNeed,
    PhoneNumber,
    RegistrationCounter,
)
from qorgau.people.models.person import name_keys_row_words
from qorgau.people.services.documents import document_number_hash, document_numbers_encrypt
from qorgau.people.services.numbers import HOUSEHOLD, PERSON, registration_number_format
from qorgau.people.services.validation import CheckedValues

if TYPE_CHECKING:
    from qorgau.people.services.bulk import BulkHousehold, BulkPerson

Row = tuple[Any, ...]
_RECORD = ("id", "public_id", "country_office_id", "registered_by_id", "source_id", "version")
_STAMPS = ("created_at", "updated_at")
#: The columns of each table in the order rows are built; ``registration_number`` is added
#: last when the batch is written, and history rows are the row plus ``_HISTORY_TAIL``.
COLUMNS: dict[type[models.Model], tuple[str, ...]] = {
    Household: (*_RECORD, *_STAMPS),
    Person: (
        *_RECORD, *_STAMPS, "family_name", "given_name", "patronymic", "family_name_latin",
        "given_name_latin", "patronymic_latin", "sex", "birth_year", "birth_month", "birth_day",
        "birth_precision", "birth_country_id", "birth_place", "citizenship_status",
        "citizenship_country_id", "origin_country_id", "languages", "address", "region_id",
        "household_id", "relationship", "merged_into_id",
    ),
    LegalStatusPeriod: (
        "id", "public_id", "person_id", "status", "effective_from", "effective_to",
        "deciding_authority_id", "recorded_by_id", "basis", "created_at",
    ),
    Document: (
        "id", "public_id", "person_id", "type", "number", "number_hash", "issuing_country_id",
        "issuer", "issued_on", "expires_on", *_STAMPS,
    ),
    PhoneNumber: ("id", "person_id", "number", "created_at"),
    PersonNeed: ("id", "person_id", "need_id", "created_at"),
    PersonNameKey: ("id", "person_id", "key", "words", "registered_by_id"),
}  # fmt: skip
NUMBERED: dict[type[models.Model], str] = {Household: HOUSEHOLD, Person: PERSON}
WITH_HISTORY = (Household, Person, LegalStatusPeriod, Document, PhoneNumber, PersonNeed)
_HISTORY_TAIL = ("history_date", "history_change_reason", "history_type", "history_user_id")
#: Distinct name spellings whose search keys a load remembers (bounded, so memory stays flat).
FOLDED_NAMES = 20_000


@dataclass(slots=True)
class Checked:
    """What checking one person produced: normalised languages, phones, needs, name keys."""

    languages: list[str]
    phones: list[str]
    needs: list[str]
    keys: list[str]


class BulkLoad:
    """What the batches of one load share: values already found valid, the search keys of the
    names seen, and (with ``id_block``) primary keys reserved a block at a time, so that a
    process preparing batches seldom asks for them. Keys left over at the end of a load are
    gaps in the ids, which nothing depends on. ``reserve`` reserves keys (default:
    :func:`reserve_ids`, in this process)."""

    def __init__(
        self,
        *,
        id_block: int = 0,
        reserve: Callable[[type[models.Model], int], Sequence[int]] | None = None,
    ) -> None:
        self.known = CheckedValues()
        self.folded: dict[str, list[str]] = {}
        self.id_block = id_block
        self.reserve = reserve or reserve_ids
        self._free: dict[type[models.Model], tuple[int, int]] = {}

    def fold(self, text: str) -> list[str]:
        keys = self.folded.get(text)
        if keys is None:
            if len(self.folded) >= FOLDED_NAMES:
                self.folded.clear()
            keys = self.folded[text] = fold_tokens(text)
        return keys

    def ids(self, model: type[models.Model], wanted: int) -> range:
        """``wanted`` consecutive keys (so a batch's rows of a table are one range of ids, and
        their history rows can be copied by range); what is left of a block too small for the
        next batch is skipped."""
        first, end = self._free.get(model, (0, 0))
        if end - first < wanted:
            keys = self.reserve(model, max(wanted, self.id_block))
            first, end = keys[0] if keys else 0, (keys[-1] + 1) if keys else 0
            if end - first != len(keys):
                raise ImproperlyConfigured(f"keys reserved for {model._meta.label} not consecutive")
        self._free[model] = (first + wanted, end)
        return range(first, first + wanted)


@dataclass
class BulkBatch:
    """A checked batch ready to write: rows per table, and per numbered record the key of its
    registration counter (country office, ISO3, year)."""

    households: int
    people: int
    actor_id: int | None
    tables: dict[type[models.Model], list[Row]] = field(default_factory=dict)
    numbering: dict[type[models.Model], list[tuple[int, str, int]]] = field(default_factory=dict)


def batch_build(
    *,
    households: Sequence[BulkHousehold],
    people: Sequence[BulkPerson],
    checked: list[Checked],
    needs: dict[str, int],
    actor: User | None,
    load: BulkLoad,
) -> BulkBatch:
    statements()  # the columns are checked before anything is built
    builder = _Builder(load)
    batch = BulkBatch(len(households), len(people), actor.pk if actor else None)
    household_ids = load.ids(Household, len(households))
    ids = {id(h): pk for h, pk in zip(households, household_ids, strict=True)}
    batch.tables[Household] = [
        builder.household(pk, h) for h, pk in zip(households, household_ids, strict=True)
    ]
    stamps = [builder.at(p) for p in people]
    people_checked = list(zip(people, load.ids(Person, len(people)), checked, stamps, strict=True))
    batch.tables[Person] = [builder.person(pk, p, c, ids, at) for p, pk, c, at in people_checked]
    for model, records in ((Household, households), (Person, people)):
        batch.numbering[model] = [
            (r.country_office_id, r.country_iso3, r.registered_at.year) for r in records
        ]
    statuses = [(pk, at, s) for p, pk, _, at in people_checked for s in p.statuses]
    batch.tables[LegalStatusPeriod] = [
        builder.status(pk, *row) for pk, row in _keyed(load, LegalStatusPeriod, statuses)
    ]
    documents = [(pk, at, d) for p, pk, _, at in people_checked for d in p.documents]
    secrets = iter(document_numbers_encrypt([d.number.strip() for _, _, d in documents]))
    batch.tables[Document] = [
        builder.document(pk, *row, next(secrets)) for pk, row in _keyed(load, Document, documents)
    ]
    phones = [(pk, n, at) for _, pk, c, at in people_checked for n in c.phones]
    chosen = [(pk, needs[n], at) for _, pk, c, at in people_checked for n in c.needs]
    keys = [
        (pk, key, words, p.registered_by_id)
        for p, pk, c, _ in people_checked
        for words in (name_keys_row_words(c.keys),)
        for key in c.keys
    ]
    small: tuple[tuple[type[models.Model], list[Row]], ...] = (
        (PhoneNumber, phones),
        (PersonNeed, chosen),
        (PersonNameKey, keys),
    )
    for table, rows in small:
        batch.tables[table] = [(pk, *row) for pk, row in _keyed(load, table, rows)]
    return batch


def _keyed[T](load: BulkLoad, model: type[models.Model], items: list[T]) -> Iterator[tuple[int, T]]:
    return zip(load.ids(model, len(items)), items, strict=True)


class _Builder:
    """One row per record, in the order of ``COLUMNS``."""

    def __init__(self, load: BulkLoad) -> None:
        self.load = load
        self.fresh: Iterator[str] = iter(())
        self.datetimes: dict[Any, Any] = {}
        self.languages: dict[tuple[str, ...], str] = {}
        adapt = connection.ops.adapt_datetimefield_value
        self.adapt: Callable[[Any], Any] = lambda value: str(adapt(value))

    def uuid(self, value: UUID | None) -> str:
        if value is not None:
            return value.hex
        text = next(self.fresh, None)
        if text is None:
            self.fresh = iter(random_uuids(4096))
            text = next(self.fresh)
        return text

    def at(self, record: BulkHousehold | BulkPerson) -> str:
        value = self.datetimes.get(record.registered_at)
        if value is None:
            value = self.datetimes[record.registered_at] = self.adapt(record.registered_at)
        return value

    def household(self, pk: int, household: BulkHousehold) -> Row:
        at = self.at(household)
        return (
            pk, self.uuid(household.public_id), household.country_office_id,
            household.registered_by_id, household.source_id, 1, at, at,
        )  # fmt: skip

    def person(
        self, pk: int, person: BulkPerson, check: Checked, households: dict[int, int], at: str
    ) -> Row:
        data = person.data
        household_id = households[id(person.household)] if person.household else None
        languages = self.languages.get(tuple(check.languages))
        if languages is None:
            languages = self.languages[tuple(check.languages)] = json.dumps(check.languages)
        birth = data.birth
        return (
            pk, self.uuid(person.public_id), person.country_office_id, person.registered_by_id,
            person.source_id, 1, at, at, data.family_name, data.given_name, data.patronymic,
            latin(data.family_name), latin(data.given_name), latin(data.patronymic),
            data.sex, birth.year, birth.month, birth.day, birth.precision,
            data.birth_country.pk if data.birth_country else None, data.birth_place.strip(),
            data.citizenship_status,
            data.citizenship_country.pk if data.citizenship_country else None,
            data.origin_country.pk if data.origin_country else None,
            languages, data.address.strip(), data.region.pk if data.region else None,
            household_id, person.relationship if household_id else "", None,
        )  # fmt: skip

    def status(self, pk: int, person_id: int, at: str, period: Any) -> Row:
        return (
            pk, self.uuid(period.public_id), person_id, period.status,
            _date(period.effective_from), _date(period.effective_to),
            period.deciding_authority_id, period.recorded_by_id, period.basis, at,
        )  # fmt: skip

    def document(self, pk: int, person_id: int, at: str, document: Any, secret: str) -> Row:
        return (
            pk, self.uuid(document.public_id), person_id, document.type, secret,
            document_number_hash(document.number), document.issuing_country_id,
            document.issuer, _date(document.issued_on), _date(document.expires_on), at, at,
        )  # fmt: skip


# Names repeat (a registry has thousands of Nurlans): transliterate each spelling once per process.
latin = lru_cache(maxsize=65_536)(transliterate)


def _date(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def random_uuids(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs as 32 hex digits, from one call to ``os.urandom``."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes(b & 0x0F | 0x40 for b in raw[6::16])
    raw[8::16] = bytes(b & 0x3F | 0x80 for b in raw[8::16])
    text = raw.hex()
    return [text[i : i + 32] for i in range(0, 32 * count, 32)]


# --- writing --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Statement:
    table: str
    columns: tuple[str, ...]
    sql: str


@cache
def statements() -> dict[tuple[type[models.Model], bool], _Statement]:
    """The INSERT (or COPY) of each table, and the statement copying a range of its rows into
    its history table, after checking that the columns built here are exactly the models'."""
    found = {}
    for model, columns in COLUMNS.items():
        built = (*columns, "registration_number") if model in NUMBERED else columns
        found[(model, False)] = _statement(model, built)
        if model in WITH_HISTORY:
            found[(model, True)] = _history_statement(model, columns, built[len(columns) :])
    return found


def _columns_check(model: type[models.Model], columns: tuple[str, ...], skip: str = "") -> None:
    expected = {str(f.column) for f in model._meta.concrete_fields} - {skip}
    if expected != set(columns):
        raise ImproperlyConfigured(
            f"bulk rows of {model._meta.label}: columns {sorted(set(columns) ^ expected)} differ"
        )


def _statement(model: type[models.Model], columns: tuple[str, ...]) -> _Statement:
    _columns_check(model, columns)
    table = model._meta.db_table
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor == "postgresql":
        return _Statement(table, columns, f"COPY {table} ({names}) FROM STDIN")
    marks = ", ".join(["%s"] * len(columns))
    return _Statement(table, columns, f"INSERT INTO {table} ({names}) VALUES ({marks})")  # noqa: S608


def _history_statement(
    model: type[models.Model], columns: tuple[str, ...], numbered: tuple[str, ...]
) -> _Statement:
    """``INSERT … SELECT`` of the "created" history rows of the rows whose ids lie in a range
    (parameters: actor, first id, last id): the database copies them, instead of every value
    crossing from Python a second time."""
    history: type[models.Model] = model.history.model  # type: ignore[attr-defined]
    target = (*columns, *_HISTORY_TAIL, *numbered)
    _columns_check(history, target, skip="history_id")
    quote = connection.ops.quote_name
    copied = ", ".join(quote(c) for c in columns)
    numbers = "".join(f", {quote(c)}" for c in numbered)
    sql = (
        f"INSERT INTO {history._meta.db_table} ({', '.join(quote(c) for c in target)}) "  # noqa: S608
        f"SELECT {copied}, {quote('created_at')}, NULL, '+', %s{numbers} "
        f"FROM {model._meta.db_table} WHERE id BETWEEN %s AND %s"
    )
    return _Statement(history._meta.db_table, target, sql)


def batch_write(batch: BulkBatch) -> int:
    """In the caller's transaction: allocate registration numbers, then write every row and
    its history row. Returns the number of rows written."""
    numbers = {model: _numbers(batch.numbering[model], kind) for model, kind in NUMBERED.items()}
    written = 0
    with connection.cursor() as cursor:
        for model, rows in batch.tables.items():
            if not rows:
                continue
            numbered = numbers.get(model)
            main = rows if numbered is None else map(_append, rows, numbered)
            written += _flush(cursor.cursor, statements()[(model, False)], main)
            if model in WITH_HISTORY:
                first, last = rows[0][0], rows[-1][0]
                if last - first + 1 != len(rows):
                    raise ImproperlyConfigured(f"{model._meta.label}: ids of a batch not a range")
                cursor.execute(statements()[(model, True)].sql, [batch.actor_id, first, last])
                written += cursor.rowcount
    return written


def _append(row: Row, value: Any) -> Row:
    return (*row, value)


def _flush(cursor: Any, statement: _Statement, rows: Iterable[Row]) -> int:
    """COPY on PostgreSQL (ten times faster than INSERTs there), ``executemany`` elsewhere."""
    if connection.vendor == "postgresql":
        written = 0
        with cursor.copy(statement.sql) as copy:
            for row in rows:
                copy.write_row(row)
                written += 1
        return written
    cursor.executemany(statement.sql, rows)
    return int(cursor.rowcount)


def _numbers(keys: list[tuple[int, str, int]], kind: str) -> list[str]:
    """Registration numbers per country office and year of registration, from the same
    counters as single registrations, locked (in the order of their keys) so numbers never
    repeat."""
    if not keys:
        return []
    wanted = Counter(keys)
    RegistrationCounter.objects.bulk_create(
        [RegistrationCounter(country_id=c, year=y, kind=kind) for c, _, y in wanted],
        ignore_conflicts=True,
    )
    iso3 = {(c, y): i for c, i, y in wanted}
    counters = RegistrationCounter.objects.select_for_update().filter(
        kind=kind, country_id__in={c for c, _ in iso3}, year__in={y for _, y in iso3}
    )
    last: dict[tuple[int, str, int], int] = {}
    changed = []
    for counter in counters.order_by("pk"):
        key = (counter.country_id, iso3.get((counter.country_id, counter.year), ""), counter.year)
        if key in wanted:
            last[key] = counter.last_value
            counter.last_value += wanted[key]
            changed.append(counter)
    RegistrationCounter.objects.bulk_update(changed, ["last_value"])
    numbers = []
    for key in keys:
        last[key] += 1
        numbers.append(
            registration_number_format(iso3=key[1], year=key[2], kind=kind, value=last[key])
        )
    return numbers


def reserve_ids(model: type[models.Model], wanted: int) -> range:
    """``wanted`` consecutive primary keys no other writer will use. SQLite: move the table's
    AUTOINCREMENT counter on by ``wanted`` under the write lock. PostgreSQL: move the
    sequence on by ``wanted`` while the table is locked against inserts (which take their
    key from the sequence), so no other key falls inside the range."""
    if wanted == 0:
        return range(0)
    table = model._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"nextval(pg_get_serial_sequence('{table}', 'id')) + %s)",
                [wanted - 1],
            )
            last = cursor.fetchone()[0]
            return range(last - wanted + 1, last + 1)
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        last = max(found[0] if found else 0, cursor.fetchone()[0])
        if found:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [last + wanted, table]
            )
        else:
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, last + wanted]
            )
        return range(last + 1, last + wanted + 1)
