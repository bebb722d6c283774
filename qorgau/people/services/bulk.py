"""Bulk registration: many households and people in one transaction, for imports and the
synthetic population.

Every person passes the same checks as one registered through a form
(``validation.person_input_check``), households need exactly one principal applicant, status
periods must follow each other without overlap, and registration numbers come from the same
counters. What differs is the writing: rows are inserted with ``executemany`` and their
primary keys assigned here, since building a model instance per row would be ten times
slower. Each row gets its change-history row ("created", with the actor) in the same
transaction, as a single registration would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any
from uuid import UUID, uuid4

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from qorgau.names import fold_tokens, transliterate
from qorgau.organisations.models import User
from qorgau.people import errors
from qorgau.people.models import (
    Document,
    Household,
    LegalStatusPeriod,
    Person,
    PersonNameKey,
    PersonNeed,
    PhoneNumber,
    RegistrationCounter,
    Relationship,
)
from qorgau.people.models.choices import (
    DOCUMENT_TYPE_VALUES,
    LEGAL_STATUS_VALUES,
    RELATIONSHIP_VALUES,
)
from qorgau.people.services.documents import document_number_hash, document_number_normalise
from qorgau.people.services.numbers import HOUSEHOLD, PERSON, registration_number_format
from qorgau.people.services.persons import PersonInput
from qorgau.people.services.validation import ErrorCollector, person_input_check
from qorgau.reference.models import SpecificNeed


@dataclass(slots=True)
class BulkHousehold:
    registered_by_id: int
    country_office_id: int
    country_iso3: str
    registered_at: dt.datetime
    source_id: str = ""
    public_id: UUID = field(default_factory=uuid4)


@dataclass(slots=True)
class BulkStatus:
    status: str
    effective_from: dt.date
    effective_to: dt.date | None
    recorded_by_id: int
    deciding_authority_id: int | None = None
    basis: str = ""
    public_id: UUID = field(default_factory=uuid4)


@dataclass(slots=True)
class BulkDocument:
    type: str
    number: str
    issuing_country_id: int | None = None
    issuer: str = ""
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    public_id: UUID = field(default_factory=uuid4)


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
    public_id: UUID = field(default_factory=uuid4)


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
    """Validate and insert one batch; nothing is written if any record is invalid.

    Rows are built outside the writing transaction, with primary keys reserved beforehand
    (so several processes can build batches at once); registration numbers are allocated in
    the writing transaction, from the locked counters, so they stay gap-free.
    """
    today = today or timezone.localdate()
    needs = {n.code: n.pk for n in SpecificNeed.objects.all()}
    checked = [_check(index, person, today, needs) for index, person in enumerate(people)]
    _check_households(households, people)
    writer = _Writer(actor)
    writer.reserve(households, people, checked)
    household_ids = writer.households(households)
    writer.people(people, checked, household_ids, needs)
    with transaction.atomic():
        writer.write(households, people)
    return BulkResult(households=len(households), people=len(people), rows=writer.rows)


# --- validation -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Checked:
    languages: list[str]
    phones: list[str]
    needs: list[str]
    keys: list[str]


def _check(index: int, person: BulkPerson, today: dt.date, needs: dict[str, int]) -> _Checked:
    languages, phones, collector = person_input_check(person.data, today=today)
    for code in person.data.needs:
        if code not in needs:
            collector.add("needs", errors.UNKNOWN_CODE, "unknown_code", code=code)
    if person.relationship and person.relationship not in RELATIONSHIP_VALUES:
        collector.add("relationship", errors.UNKNOWN_CODE, "unknown_code", code=person.relationship)
    _check_statuses(collector, person.statuses)
    for document in person.documents:
        if document.type not in DOCUMENT_TYPE_VALUES:
            collector.add("documents", errors.UNKNOWN_CODE, "unknown_code", code=document.type)
        if not document_number_normalise(document.number):
            collector.add("documents", errors.REQUIRED, "required")
        if document.issued_on and document.expires_on and document.expires_on <= document.issued_on:
            collector.add("documents", errors.DATE_ORDER, "date_order")
    if collector.errors:
        raise ValidationError(
            {f"people.{index}.{name}": problems for name, problems in collector.errors.items()}
        )
    data = person.data
    keys = {
        k
        for text in (data.family_name, data.given_name, data.patronymic)
        for k in fold_tokens(text)
    }
    return _Checked(languages, phones, list(dict.fromkeys(data.needs)), sorted(keys))


def _check_statuses(collector: ErrorCollector, statuses: list[BulkStatus]) -> None:
    """Periods in order, each ending after it starts and where the next one starts; only the
    last may stay open."""
    for position, period in enumerate(statuses):
        if period.status not in LEGAL_STATUS_VALUES:
            collector.add("statuses", errors.UNKNOWN_CODE, "unknown_code", code=period.status)
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


# --- writing --------------------------------------------------------------------------------


# Names repeat (a registry has thousands of Nurlans): transliterate each spelling once per process.
_latin = lru_cache(maxsize=65_536)(transliterate)


class _Table:
    """An INSERT of all concrete columns of a model, rows given as dicts keyed by column."""

    def __init__(self, model: type[models.Model], *, skip: frozenset[str] = frozenset()) -> None:
        self.model = model
        columns = [str(f.column) for f in model._meta.concrete_fields]
        self.columns = [c for c in columns if c not in skip]
        names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        marks = ", ".join(["%s"] * len(self.columns))
        self.sql = f"INSERT INTO {model._meta.db_table} ({names}) VALUES ({marks})"  # noqa: S608
        self.rows: list[tuple[Any, ...]] = []
        self.pick = itemgetter(*self.columns)
        self.number_at = (
            self.columns.index("registration_number")
            if "registration_number" in self.columns
            else None
        )

    def number(self, numbers: list[str]) -> None:
        """Replace the placeholder (an index into ``numbers``) by the registration number."""
        at = self.number_at
        if at is not None:
            self.rows = [(*row[:at], numbers[row[at]], *row[at + 1 :]) for row in self.rows]

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(self.pick(row))

    def flush(self, cursor: Any) -> int:
        """Write the collected rows: COPY on PostgreSQL (ten times faster than INSERTs there),
        ``executemany`` elsewhere."""
        count = len(self.rows)
        if not self.rows:
            return 0
        if connection.vendor == "postgresql":
            names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            table = self.model._meta.db_table
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            cursor.executemany(self.sql, self.rows)
        self.rows = []
        return count


def _history(model: type[models.Model]) -> _Table:
    return _Table(model.history.model, skip=frozenset({"history_id"}))  # type: ignore[attr-defined]


class _Writer:
    TABLES: tuple[type[models.Model], ...] = (
        Household,
        Person,
        LegalStatusPeriod,
        Document,
        PhoneNumber,
        PersonNeed,
        PersonNameKey,
    )

    def __init__(self, actor: User | None) -> None:
        self.actor_id = actor.pk if actor else None
        self.rows = 0
        self.ids: dict[type[models.Model], Iterator[int]] = {}
        self.tables = {model: _Table(model) for model in self.TABLES}
        self.histories = {
            model: _history(model)
            for model in (Household, Person, LegalStatusPeriod, Document, PhoneNumber, PersonNeed)
        }
        ops = connection.ops
        native_uuid = connection.features.has_native_uuid_field
        self.uuid: Callable[[UUID], Any] = (lambda u: u) if native_uuid else (lambda u: u.hex)
        self.datetime = lru_cache(maxsize=4096)(ops.adapt_datetimefield_value)
        self.date = ops.adapt_datefield_value
        cipher = Document._meta.get_field("number").f  # type: ignore[union-attr]
        self.encrypt: Callable[[str], str] = lambda text: cipher.encrypt(text.encode()).decode()

    def reserve(
        self,
        households: Sequence[BulkHousehold],
        people: Sequence[BulkPerson],
        checked: list[_Checked],
    ) -> None:
        """Reserve the primary keys the batch needs, in short transactions of their own."""
        counts = {
            Household: len(households),
            Person: len(people),
            LegalStatusPeriod: sum(len(p.statuses) for p in people),
            Document: sum(len(p.documents) for p in people),
            PhoneNumber: sum(len(c.phones) for c in checked),
            PersonNeed: sum(len(c.needs) for c in checked),
            PersonNameKey: sum(len(c.keys) for c in checked),
        }
        self.ids = {model: iter(_reserve_ids(model, count)) for model, count in counts.items()}

    def _id(self, model: type[models.Model]) -> int:
        return next(self.ids[model])

    def _numbers(self, records: Sequence[BulkHousehold | BulkPerson], kind: str) -> list[str]:
        """Registration numbers per country office and year of registration, from the same
        counters as single registrations (locked, so numbers never repeat)."""
        wanted: dict[tuple[int, str, int], int] = defaultdict(int)
        for record in records:
            wanted[(record.country_office_id, record.country_iso3, record.registered_at.year)] += 1
        start: dict[tuple[int, str, int], int] = {}
        for (country_id, iso3, year), count in sorted(wanted.items()):
            RegistrationCounter.objects.get_or_create(country_id=country_id, year=year, kind=kind)
            counter = RegistrationCounter.objects.select_for_update().get(
                country_id=country_id, year=year, kind=kind
            )
            start[(country_id, iso3, year)] = counter.last_value
            counter.last_value += count
            counter.save(update_fields=["last_value"])
        numbers = []
        for record in records:
            key = (record.country_office_id, record.country_iso3, record.registered_at.year)
            start[key] += 1
            numbers.append(
                registration_number_format(
                    iso3=record.country_iso3,
                    year=record.registered_at.year,
                    kind=kind,
                    value=start[key],
                )
            )
        return numbers

    def _created(self, model: type[models.Model], row: dict[str, Any], at: Any) -> None:
        self.tables[model].add(row)
        if model in self.histories:
            self.histories[model].add(
                {
                    **row,
                    "history_date": at,
                    "history_change_reason": None,
                    "history_type": "+",
                    "history_user_id": self.actor_id,
                }
            )

    def households(self, households: Sequence[BulkHousehold]) -> dict[int, int]:
        ids = {}
        for number, household in enumerate(households):
            pk = self._id(Household)
            ids[id(household)] = pk
            at = self.datetime(household.registered_at)
            row = {
                "id": pk,
                "public_id": self.uuid(household.public_id),
                "registration_number": number,
                "country_office_id": household.country_office_id,
                "registered_by_id": household.registered_by_id,
                "source_id": household.source_id,
                "version": 1,
                "created_at": at,
                "updated_at": at,
            }
            self._created(Household, row, at)
        return ids

    def people(
        self,
        people: Sequence[BulkPerson],
        checked: list[_Checked],
        household_ids: dict[int, int],
        needs: dict[str, int],
    ) -> None:
        for number, (person, check) in enumerate(zip(people, checked, strict=True)):
            pk = self._id(Person)
            at = self.datetime(person.registered_at)
            self._created(
                Person, self._person_row(pk, person, check, number, household_ids, at), at
            )
            for key in check.keys:
                self.tables[PersonNameKey].add(
                    {"id": self._id(PersonNameKey), "person_id": pk, "key": key}
                )
            for period in person.statuses:
                self._created(LegalStatusPeriod, self._status_row(pk, period, at), at)
            for document in person.documents:
                self._created(Document, self._document_row(pk, document, at), at)
            for phone in check.phones:
                row = {
                    "id": self._id(PhoneNumber),
                    "person_id": pk,
                    "number": phone,
                    "created_at": at,
                }
                self._created(PhoneNumber, row, at)
            for code in check.needs:
                row = {
                    "id": self._id(PersonNeed),
                    "person_id": pk,
                    "need_id": needs[code],
                    "created_at": at,
                }
                self._created(PersonNeed, row, at)

    def _person_row(
        self,
        pk: int,
        person: BulkPerson,
        check: _Checked,
        number: int,
        household_ids: dict[int, int],
        at: Any,
    ) -> dict[str, Any]:
        data = person.data
        household_id = household_ids[id(person.household)] if person.household else None
        return {
            "id": pk,
            "public_id": self.uuid(person.public_id),
            "registration_number": number,
            "country_office_id": person.country_office_id,
            "registered_by_id": person.registered_by_id,
            "source_id": person.source_id,
            "version": 1,
            "created_at": at,
            "updated_at": at,
            "family_name": data.family_name,
            "given_name": data.given_name,
            "patronymic": data.patronymic,
            "family_name_latin": _latin(data.family_name),
            "given_name_latin": _latin(data.given_name),
            "patronymic_latin": _latin(data.patronymic),
            "sex": data.sex,
            "birth_year": data.birth.year,
            "birth_month": data.birth.month,
            "birth_day": data.birth.day,
            "birth_precision": data.birth.precision,
            "birth_country_id": data.birth_country.pk if data.birth_country else None,
            "birth_place": data.birth_place.strip(),
            "citizenship_status": data.citizenship_status,
            "citizenship_country_id": (
                data.citizenship_country.pk if data.citizenship_country else None
            ),
            "origin_country_id": data.origin_country.pk if data.origin_country else None,
            "languages": json.dumps(check.languages, cls=DjangoJSONEncoder),
            "address": data.address.strip(),
            "region_id": data.region.pk if data.region else None,
            "household_id": household_id,
            "relationship": person.relationship if household_id else "",
        }

    def _status_row(self, person_id: int, period: BulkStatus, at: Any) -> dict[str, Any]:
        return {
            "id": self._id(LegalStatusPeriod),
            "public_id": self.uuid(period.public_id),
            "person_id": person_id,
            "status": period.status,
            "effective_from": self.date(period.effective_from),
            "effective_to": self.date(period.effective_to),
            "deciding_authority_id": period.deciding_authority_id,
            "recorded_by_id": period.recorded_by_id,
            "basis": period.basis,
            "created_at": at,
        }

    def _document_row(self, person_id: int, document: BulkDocument, at: Any) -> dict[str, Any]:
        return {
            "id": self._id(Document),
            "public_id": self.uuid(document.public_id),
            "person_id": person_id,
            "type": document.type,
            "number": self.encrypt(document.number.strip()),
            "number_hash": document_number_hash(document.number),
            "issuing_country_id": document.issuing_country_id,
            "issuer": document.issuer,
            "issued_on": self.date(document.issued_on),
            "expires_on": self.date(document.expires_on),
            "created_at": at,
            "updated_at": at,
        }

    def write(self, households: Sequence[BulkHousehold], people: Sequence[BulkPerson]) -> None:
        """In the caller's transaction: allocate registration numbers, then write every row."""
        household_numbers = self._numbers(households, HOUSEHOLD)
        person_numbers = self._numbers(people, PERSON)
        for model, numbers in ((Household, household_numbers), (Person, person_numbers)):
            self.tables[model].number(numbers)
            self.histories[model].number(numbers)
        with connection.cursor() as cursor:
            for table in (*self.tables.values(), *self.histories.values()):
                self.rows += table.flush(cursor)


def _reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` primary keys no other writer will use. SQLite: move the table's AUTOINCREMENT
    counter on by ``count`` under the write lock. PostgreSQL: draw them from the sequence."""
    if count == 0:
        return []
    table = model._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "  # noqa: S608
                "FROM generate_series(1, %s)",
                [count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        last = max(found[0] if found else 0, cursor.fetchone()[0])
        if found:
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [last + count, table]
            )
        else:
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, last + count]
            )
        return list(range(last + 1, last + count + 1))
