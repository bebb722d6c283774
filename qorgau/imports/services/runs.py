"""Importing a partner's file into the registry (ADR 0041).

Every row is read through the organisation's mapping, then:

- a row whose ``source_id`` the organisation already holds (or a review linked to a record,
  "same person as", ADR 0054) is compared with the record and, if it differs, changed in
  place through ``person_update`` (versioned, history with the importing user as actor); an
  identical row changes nothing, nor does a row linked to a record the user may only see;
- a new row that looks like a record the importing user may see (the registry's name keys,
  then ``people.likely``) is held for review (``HeldRow``), with its whole household;
- the other new rows are registered through the registry's bulk service, which runs on them
  every check a form runs (``registry_bulk_prepare``) and writes them with their history.

A file whose mapping fills ``document_number`` is a file of documents, attached to the
organisation's people by their source id (``services.documents``).

Rows are taken a batch at a time (``BATCH``): the batch's source ids, name keys and likely
duplicates are each looked up in a few queries, its new rows checked and written in bulk, its
held rows written together; the result is the same as row by row (``tests/test_batching.py``).
A new row is compared with the registry (which holds the file's earlier batches) and with the
new rows of the batch's earlier households: a row that looks like an earlier row of the same
file is held for review, whichever batch that row fell in.

The whole file is one transaction: by default any invalid row refuses the file and nothing is
stored; with ``skip_invalid`` the valid rows (and households whose every row is valid) are
stored and the others listed. A crash or a kill leaves the run ``running`` and the registry as
it was: the database rolls the transaction back, and a new run of the same file completes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.functional import Promise

from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed
from qorgau.imports import errors
from qorgau.imports.documents import is_documents_mapping
from qorgau.imports.mapping import Lookups, RowValues, column_of, row_read
from qorgau.imports.models import HeldRow, ImportMapping, ImportRun, RunState
from qorgau.imports.readers import Row, Table, table_open
from qorgau.imports.seen import SeenIds
from qorgau.imports.services.files import file_keep, file_sha256
from qorgau.imports.services.mappings import mapping_check
from qorgau.imports.sources import source_people
from qorgau.names import fold_tokens
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import visible_name_keys
from qorgau.people.likely import SHOWN, likely_evidence, likely_matches
from qorgau.people.models import Household, Person, PersonNameKey
from qorgau.people.models.encryption import document_cipher
from qorgau.people.services.bulk import (
    BulkHousehold,
    BulkLoad,
    BulkPerson,
    registry_bulk_prepare,
    registry_bulk_write,
)
from qorgau.people.services.households import household_member_add
from qorgau.people.services.permissions import require_perm_in
from qorgau.people.services.persons import person_create, person_input_from, person_update
from qorgau.people.services.validation import person_input_check

if TYPE_CHECKING:
    from qorgau.imports.services.documents import DocumentImporter

IMPORT_REFUSED = "import_refused"
IMPORT_DONE = "import_done"

#: Rows read before a batch is checked and written (a household is never split).
BATCH = 1000
#: What the comparison of a row with its record reads.
PERSON_PREFETCH = ("phones", "needs__need", "aliases")
#: The likeness (``people.likely``) from which a new row is held for review: the names and
#: the year of birth and sex, or the names and the exact date of birth.
HOLD_SCORE = 4
#: What a re-import changes in a row still pending review.
HELD_REFRESHED = ("run", "row", "household_source_id", "values", "candidates")


@dataclass
class RowProblem:
    row: int
    column: str
    value: str
    message: str


@dataclass
class ImportResult:
    run: ImportRun
    problems: list[RowProblem] = field(default_factory=list)


def row_problem(
    row: Row, column: str, value: str, message: Any, params: dict[str, Any] | None = None
) -> RowProblem:
    """One problem of a row. ``message`` is one of this app's lazy constants (its
    placeholders filled here) or a registry check's message, already filled in (a value
    with ``%`` in it must not be formatted again)."""
    params = {"value": value, **(params or {})}
    text = str(message) % params if isinstance(message, Promise) else str(message)
    return RowProblem(row.number, column, value, text)


class _Rollback(Exception):
    """Leaves the file's transaction without storing anything (dry run, refused file)."""


@dataclass
class _Item:
    row: Row
    values: RowValues
    household: str  # "" for a person in no household


def import_file(
    *,
    actor: User,
    organisation: Organisation,
    path: Path,
    mapping_name: str,
    dry_run: bool = False,
    skip_invalid: bool = False,
    file_name: str = "",
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import the file at ``path`` for ``organisation``. Refuses (``Invalid``, nothing stored)
    a file that cannot be read or does not fit the mapping; returns the run (its state and
    counts) and the problems of the rows."""
    import_allowed(actor=actor, organisation=organisation)
    mapping = ImportMapping.objects.filter(organisation=organisation, name=mapping_name).first()
    if mapping is None:
        raise Invalid(errors.NO_SUCH_MAPPING, code="no_mapping", params={"mapping": mapping_name})
    run = ImportRun.objects.create(
        organisation=organisation,
        started_by=actor,
        mapping=mapping,
        mapping_name=mapping.name,
        file_name=(file_name or path.name)[:255],
        sha256=file_sha256(path),
        dry_run=dry_run,
        skip_invalid=skip_invalid,
    )
    result = ImportResult(run=run)
    try:
        table = table_open(path)
        _columns_check(table, mapping)
        file_keep(run=run, path=path)
        importer: _Importer | DocumentImporter
        if is_documents_mapping(mapping.columns):
            # Here, not at the top: the documents' importer builds on this module.
            from qorgau.imports.services.documents import DocumentImporter

            importer = DocumentImporter(actor, organisation, mapping.columns, run, result, progress)
        else:
            importer = _Importer(actor, organisation, mapping.columns, run, result, progress)
        with transaction.atomic():
            importer.run(table.rows)
            if dry_run or (result.problems and not skip_invalid):
                raise _Rollback
        run.state = RunState.DONE
    except _Rollback:
        run.state = RunState.CHECKED if dry_run else RunState.REFUSED
    except Invalid as error:
        run.state, run.error_code = RunState.REFUSED, error.code
        _finish(run)
        raise
    except Exception:
        run.state = RunState.FAILED
        _finish(run)
        raise
    _finish(run)
    security_event_record(
        actor=actor,
        event=IMPORT_DONE,
        object_type="import_run",
        object_id=run.public_id,
        detail={"state": run.state, "rows": run.rows, "created": run.created},
    )
    return result


def import_allowed(*, actor: User, organisation: Organisation) -> None:
    """Refuse (and record the refusal) unless ``actor`` may register people for
    ``organisation`` itself: an import, or a pull from KoboToolbox, writes only there."""
    try:
        require_perm_in(actor=actor, perm=Perm.PERSON_CREATE, organisation=organisation)
    except NotAllowed:
        security_event_record(
            # An anonymous visitor (a page that forgot its log-in gate) is refused the same.
            actor=actor if actor.is_authenticated else None,
            event=IMPORT_REFUSED,
            object_type="organisation",
            detail={"reasons": ["no_permission"], "organisation": organisation.pk},
        )
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission") from None


def _finish(run: ImportRun) -> None:
    run.finished_at = timezone.now()
    run.save()


def _columns_check(table: Table, mapping: ImportMapping) -> None:
    """Every column the mapping reads is in the file, and every column of the file is in the
    mapping (an unknown column is refused, not silently dropped), but for KoboToolbox's own
    columns and the per-option columns of a multi-select (``needs/SM-CI``)."""
    columns = mapping.columns
    mapping_check(columns)
    present = set(table.columns)
    for column, target in columns.items():
        if target and column not in present:
            raise Invalid(
                errors.MISSING_COLUMN,
                code="missing_column",
                params={"mapping": mapping.name, "column": column},
            )
    mapped = [c for c, t in columns.items() if t]
    for column in table.columns:
        if not column or column in columns or column in table.ignored:
            continue
        if any(column.startswith(f"{m}/") for m in mapped):
            continue
        raise Invalid(
            errors.UNKNOWN_COLUMN,
            code="unknown_column",
            params={"mapping": mapping.name, "column": column},
        )


class RowsImporter:
    """What the importers of people and of documents share: who imports for which
    organisation through which columns, the run counted, the problems found."""

    def __init__(
        self,
        actor: User,
        organisation: Organisation,
        columns: dict[str, str],
        run: ImportRun,
        result: ImportResult,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.actor, self.organisation, self.columns = actor, organisation, columns
        self.run_row, self.result, self.progress = run, result, progress
        self.lookups = Lookups.load()

    def _counted(self) -> None:
        """One more row read."""
        self.run_row.rows += 1
        if self.progress is not None:
            self.progress(self.run_row.rows)

    def _batch_done(self) -> None:
        """Forget the queries Django logged for the batch, as it forgets a request's: with
        ``DEBUG`` (development, the benchmark) the connection keeps its last 9,000 queries
        with their parameters written out, a batch's lists of a thousand ids among them, and
        a long import would fill it (``tests/test_flat_memory.py``). Not while a test counts
        queries (``CaptureQueriesContext`` forces the debug cursor)."""
        if not connection.force_debug_cursor:
            connection.queries_log.clear()


class _Importer(RowsImporter):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.load = BulkLoad()
        self.seen = SeenIds()  # the ids of the batches so far, out of memory
        self.office = self.organisation.country
        self.cipher = document_cipher()
        self.held: list[HeldRow] = []
        self.view_only: set[int] = set()

    # --- reading -----------------------------------------------------------------------------

    def run(self, rows: Iterator[Row]) -> None:
        try:
            self._run(rows)
        finally:
            self.seen.close()

    def _run(self, rows: Iterator[Row]) -> None:
        batch: list[_Item] = []
        invalid: dict[int, list[RowProblem]] = {}
        for row in rows:
            values, problems = row_read(row.cells, self.columns, self.lookups)
            item = _Item(row, values, values.household_id.strip())
            found = [self._problem(row, p.column, p.value, p.message, p.params) for p in problems]
            if found:
                invalid[row.number] = found
            # A full batch ends before a row that does not continue a household: a person
            # alone (no household id) is never part of the batch's last household.
            ends = bool(batch) and (not item.household or item.household != batch[-1].household)
            if ends and len(batch) >= BATCH:
                self._batch(batch, invalid)
                batch, invalid = [], {k: v for k, v in invalid.items() if k == row.number}
            batch.append(item)
            self._counted()
        if batch:
            self._batch(batch, invalid)

    def _ids_check(self, batch: list[_Item], invalid: dict[int, list[RowProblem]]) -> None:
        """A row without a source id, with one an earlier row used, or of a household whose
        rows an earlier batch ended (the rows of a household come together): a problem of
        the row. The ids of the earlier batches are asked once for the batch (``SeenIds``)."""
        source_column = column_of("source_id", self.columns)
        ids = [i.values.source_id.strip() for i in batch]
        first_rows = self.seen.first_rows(i for i in ids if i)
        households_done = self.seen.households(i.household for i in batch if i.household)
        new: list[tuple[str, int]] = []
        for item, source_id in zip(batch, ids, strict=True):
            row = item.row
            found: list[RowProblem] = []
            first = first_rows.get(source_id)
            if not source_id:
                found = [self._problem(row, source_column, "", errors.SOURCE_ID_REQUIRED)]
            elif first is not None:
                message = errors.SOURCE_ID_TWICE
                found = [self._problem(row, source_column, source_id, message, {"first": first})]
            else:
                first_rows[source_id] = row.number
                new.append((source_id, row.number))
                if item.household in households_done:
                    column = column_of("household_id", self.columns)
                    found = [self._problem(row, column, item.household, errors.HOUSEHOLD_SPLIT)]
            if found:
                invalid.setdefault(row.number, []).extend(found)
        self.seen.add_sources(new)

    def _problem(
        self, row: Row, column: str, value: str, message: Any, params: dict[str, Any] | None = None
    ) -> RowProblem:
        return row_problem(row, column, value, message, params)

    def _refuse(self, items: list[_Item], problems: dict[int, list[RowProblem]]) -> None:
        """Refuse these rows (a household, or one person); the rows of a household without
        a problem of their own are named too, so that the report lists every row left out."""
        for item in items:
            found = problems.get(item.row.number) or [
                self._problem(item.row, "", "", errors.IN_HOUSEHOLD)
            ]
            self.result.problems.extend(found)
        self.run_row.invalid += len(items)

    # --- one batch ---------------------------------------------------------------------------

    def _batch(self, batch: list[_Item], invalid: dict[int, list[RowProblem]]) -> None:
        groups: dict[str, list[_Item]] = {}
        for item in batch:
            key = item.household or f"\x00{item.row.number}"
            groups.setdefault(key, []).append(item)
        self._ids_check(batch, invalid)
        self.seen.add_households(key for key in groups if not key.startswith("\x00"))
        existing = self._existing([i.values.source_id.strip() for i in batch])
        new_groups: list[list[_Item]] = []
        for items in groups.values():
            if any(i.row.number in invalid for i in items):
                self._refuse(items, invalid)
                continue
            old = [i for i in items if i.values.source_id.strip() in existing]
            fresh = [i for i in items if i.values.source_id.strip() not in existing]
            for item in old:
                self._update(item, existing[item.values.source_id.strip()])
            if fresh and old:
                self._join_existing(fresh, old, existing)
            elif fresh:
                new_groups.append(fresh)
        self._register(self._hold_likely(new_groups))
        self._held_write()
        self._batch_done()

    # --- rows the organisation already holds -------------------------------------------------

    def _existing(self, source_ids: list[str]) -> dict[str, Person]:
        """The records the organisation's rows of these ids are: the people it registered
        under them, or the records a review decided they are ("same person as",
        ``SourceLink``), followed to the record a merge kept (``sources``). A linked record the
        importing user may only see (a share), or not at all, is noted as such: its rows are
        recognised, never written."""
        found = source_people(
            organisation=self.organisation,
            user=self.actor,
            source_ids=source_ids,
            prefetch=PERSON_PREFETCH,
        )
        self.view_only |= found.view_only
        return found.people

    def _update(self, item: _Item, person: Person) -> None:
        if person.pk in self.view_only:
            # Linked by a review to a record of another organisation the user may only see:
            # the row is that person, and a share never writes (ADR 0054).
            self.run_row.unchanged += 1
            return
        stored = person_input_from(person)
        data = replace(item.values.data, aliases=stored.aliases)
        if _same(data, stored, person):
            self.run_row.unchanged += 1
            return
        try:
            with transaction.atomic():
                person_update(
                    actor=self.actor, person=person, expected_version=person.version, data=data
                )
        except ValidationError as error:
            self._refuse([item], {item.row.number: self._from_validation(item, error)})
            return
        except NotAllowed as error:
            column = column_of("source_id", self.columns)
            problem = self._problem(item.row, column, item.values.source_id, str(error))
            self._refuse([item], {item.row.number: [problem]})
            return
        self.run_row.updated += 1

    def _join_existing(
        self, fresh: list[_Item], old: list[_Item], existing: dict[str, Person]
    ) -> None:
        """New members of a household the organisation holds: registered one by one and added
        to it (rare: a birth, a reunited relative)."""
        household_id = existing[old[0].values.source_id.strip()].household_id
        household = None
        if household_id is not None:
            # Only a household of the organisation's own: a member linked by a review to
            # another organisation's record does not bring new members into its household.
            household = Household.objects.filter(
                pk=household_id, registered_by=self.organisation
            ).first()
        for item in fresh:
            if household is None or _likely_found(self.actor, item):
                self._hold([item])
                continue
            try:
                with transaction.atomic():
                    person = person_create(
                        actor=self.actor,
                        organisation=self.organisation,
                        data=item.values.data,
                        source_id=item.values.source_id,
                    )
                    household_member_add(
                        actor=self.actor,
                        household=household,
                        person=person,
                        relationship=item.values.relationship,
                    )
            except ValidationError as error:
                self._refuse([item], {item.row.number: self._from_validation(item, error)})
                continue
            self.run_row.created += 1

    # --- new rows ----------------------------------------------------------------------------

    def _hold_likely(self, groups: list[list[_Item]]) -> list[list[_Item]]:
        """Hold the households (or single people) of which a member looks like a record the
        importing user may see; return the others. The name keys of all the batch's rows are
        looked up in one query; only rows whose family and given name keys both meet a record
        are ranked by ``people.likely``."""
        families: set[str] = set()
        givens: set[str] = set()
        keys: dict[int, tuple[str, str]] = {}
        for items in groups:
            for item in items:
                data = item.values.data
                family, given = fold_tokens(data.family_name), fold_tokens(data.given_name)
                if family and given:
                    keys[item.row.number] = (family[0], given[0])
                    families.add(family[0])
                    givens.add(given[0])
        holders: dict[str, set[int]] = {}
        if families:
            # Family names first (rarer than given names), then the given names of only those
            # people: a few queries a batch, however many people share a given name.
            found = visible_name_keys(self.actor).filter(key__in=families)
            for person_id, key in found.values_list("person_id", "key"):
                holders.setdefault(key, set()).add(person_id)
            for chunk in _chunks(set().union(*holders.values()) if holders else set()):
                named = PersonNameKey.objects.filter(person_id__in=chunk, key__in=givens)
                for person_id, key in named.values_list("person_id", "key"):
                    holders.setdefault(key, set()).add(person_id)
        suspects: dict[int, set[int]] = {}
        for number, (family_key, given_key) in keys.items():
            both = holders.get(family_key, set()) & holders.get(given_key, set())
            if both:
                suspects[number] = both
        records: dict[int, Person] = {}
        fields = ("pk", "patronymic", "birth_year", "birth_month", "birth_day", "sex")
        for chunk in _chunks(set().union(*suspects.values()) if suspects else set()):
            found_people = Person.objects.filter(pk__in=chunk, merged_into__isnull=True)
            records.update((p.pk, p) for p in found_people.only(*fields))
        kept = []
        for items in groups:
            likely = {
                item.row.number: _likely_records(item, suspects, records)
                for item in items
                if item.row.number in suspects
            }
            if any(likely.values()):
                self._hold(items, likely)
            else:
                kept.append(items)
        return kept

    def _hold(self, items: list[_Item], likely: dict[int, list[int]] | None = None) -> None:
        """Hold these rows for review; they are written with the batch (``_held_write``)."""
        cipher = self.cipher
        for item in items:
            if likely is None:
                matches = likely_matches(self.actor, item.values.data)
                candidates = [m.person.pk for m in matches if m.score >= HOLD_SCORE]
            else:
                candidates = likely.get(item.row.number, [])
            values = {c: item.row.cells.get(c, "") for c, t in self.columns.items() if t}
            held = HeldRow(
                run=self.run_row,
                organisation=self.organisation,
                row=item.row.number,
                source_id=item.values.source_id.strip(),
                household_source_id=item.household,
                values=cipher.encrypt(json.dumps(values).encode()),
                candidates=candidates,
            )
            self.held.append(held)
        self.run_row.held += len(items)

    def _held_write(self) -> None:
        """The batch's held rows in three queries: a row already pending for the same source
        id (an earlier import of the file) is refreshed, the others are created."""
        if not self.held:
            return
        pending = {
            h.source_id: h
            for h in HeldRow.objects.filter(
                organisation=self.organisation,
                state=HeldRow.State.PENDING,
                source_id__in=[h.source_id for h in self.held],
            )
        }
        fresh, refreshed = [], []
        for held in self.held:
            stored = pending.get(held.source_id)
            if stored is None:
                fresh.append(held)
                continue
            for name in HELD_REFRESHED:
                setattr(stored, name, getattr(held, name))
            refreshed.append(stored)
        HeldRow.objects.bulk_create(fresh)
        HeldRow.objects.bulk_update(refreshed, HELD_REFRESHED)
        self.held = []

    def _register(self, groups: list[list[_Item]]) -> None:
        """Register the new households and people through the registry's bulk service; a
        row it refuses refuses its household, and the rest is checked again. A household (or
        person) of which a member looks like a new row of an earlier household of the same
        batch is held instead (``_alike_in_file``), its candidates the records those rows
        become: as it would be had the earlier rows been written in a batch of their own."""
        while groups:
            kept, alike = self._alike_in_file(groups)
            households, people, owners = self._bulk(kept)
            try:
                batch = registry_bulk_prepare(
                    households=households, people=people, actor=self.actor, load=self.load
                )
            except ValidationError as error:
                bad = kept[self._bad_group(error, kept, owners, households)]
                groups = [g for g in groups if g is not bad]
                continue
            rows = [item.row.number for items in kept for item in items]
            pks = dict(zip(rows, (row[0] for row in batch.tables[Person]), strict=True))
            for items, likely in alike:
                self._hold(items, {n: [pks[r] for r in found] for n, found in likely.items()})
            registry_bulk_write(batch=batch)
            self.run_row.created += len(people)
            return

    def _alike_in_file(
        self, groups: list[list[_Item]]
    ) -> tuple[list[list[_Item]], list[tuple[list[_Item], dict[int, list[int]]]]]:
        """Split the batch's new groups into those registered and those held because a member
        looks like a row of an earlier registered group of the batch (the registry's blocking
        on the name keys, then ``people.likely`` as for records: ``_likely_records``); the
        held ones with, per row, the row numbers it resembles, best first."""
        kept: list[list[_Item]] = []
        alike: list[tuple[list[_Item], dict[int, list[int]]]] = []
        holders: dict[str, list[_Item]] = {}  # name key -> earlier rows of kept groups
        for items in groups:
            likely: dict[int, list[int]] = {}
            for item in items:
                found = self._alike_rows(item, holders)
                if found:
                    likely[item.row.number] = found
            if likely:
                alike.append((items, likely))
                continue
            kept.append(items)
            for item in items:
                data = item.values.data
                names = (data.family_name, data.given_name, data.patronymic)
                for key in {k for text in names for k in self.load.fold(text)}:
                    holders.setdefault(key, []).append(item)
        return kept, alike

    def _alike_rows(self, item: _Item, holders: dict[str, list[_Item]]) -> list[int]:
        data = item.values.data
        family, given = self.load.fold(data.family_name), self.load.fold(data.given_name)
        if not family or not given or family[0] not in holders or given[0] not in holders:
            return []
        by_given = {id(other) for other in holders[given[0]]}
        year, ranked = data.birth.year, []
        for other in holders[family[0]]:
            if id(other) not in by_given:
                continue
            born = other.values.data.birth
            if year is not None and born.year is not None and abs(born.year - year) > 1:
                continue
            score = likely_evidence(_as_record(other.values.data), data).score
            if score >= HOLD_SCORE:
                ranked.append((-score, other.row.number))
        return [number for _score, number in sorted(ranked)[:SHOWN]]

    def _bulk(
        self, groups: list[list[_Item]]
    ) -> tuple[list[BulkHousehold], list[BulkPerson], list[int]]:
        now = timezone.now()
        org, office = self.organisation, self.office
        households: list[BulkHousehold] = []
        people: list[BulkPerson] = []
        owners: list[int] = []  # the group of each person
        for index, items in enumerate(groups):
            household = None
            if items[0].household:
                household = BulkHousehold(
                    registered_by_id=org.pk,
                    country_office_id=office.pk,
                    country_iso3=office.iso3,
                    registered_at=now,
                    source_id=items[0].household,
                )
                households.append(household)
            for item in items:
                people.append(
                    BulkPerson(
                        data=replace(item.values.data),
                        registered_by_id=org.pk,
                        country_office_id=office.pk,
                        country_iso3=office.iso3,
                        registered_at=now,
                        household=household,
                        relationship=item.values.relationship if household else "",
                        source_id=item.values.source_id.strip(),
                    )
                )
                owners.append(index)
        return households, people, owners

    def _bad_group(
        self,
        error: ValidationError,
        groups: list[list[_Item]],
        owners: list[int],
        households: list[BulkHousehold],
    ) -> int:
        """Record the problem the bulk check found, against the rows of its group; returns
        the group's index."""
        name, messages = next(iter(error.message_dict.items()))
        parts = name.split(".")
        if parts[0] == "people":
            group = owners[int(parts[1])]
            position = int(parts[1]) - owners.index(group)
            item = groups[group][position]
            column = column_of(parts[2] if len(parts) > 2 else "", self.columns)
            value = item.row.cells.get(column, "")
            found = {item.row.number: [self._problem(item.row, column, value, m) for m in messages]}
        else:
            household = households[int(parts[1])]
            group = next(i for i, g in enumerate(groups) if g[0].household == household.source_id)
            item = groups[group][0]
            column = column_of("relationship", self.columns)
            found = {
                i.row.number: [
                    self._problem(i.row, column, i.row.cells.get(column, ""), m) for m in messages
                ]
                for i in groups[group]
                if i.values.relationship == "principal"
            } or {item.row.number: [self._problem(item.row, column, "", m) for m in messages]}
        self._refuse(groups[group], found)
        return group

    def _from_validation(self, item: _Item, error: ValidationError) -> list[RowProblem]:
        problems = []
        for name, messages in error.message_dict.items():
            column = column_of(name, self.columns)
            value = item.row.cells.get(column, "")
            problems += [self._problem(item.row, column, value, m) for m in messages]
        return problems


def _chunks(ids: set[int], size: int = 5000) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def _likely_records(
    item: _Item, suspects: dict[int, set[int]], records: dict[int, Person]
) -> list[int]:
    """The records sharing the row's name keys (and about its year of birth, as
    ``people.likely`` blocks) whose likeness reaches ``HOLD_SCORE``, best first."""
    data, year = item.values.data, item.values.data.birth.year
    ranked = []
    for pk in sorted(suspects[item.row.number]):
        person = records.get(pk)
        if person is None:
            continue
        if year is not None and person.birth_year is not None and abs(person.birth_year - year) > 1:
            continue
        score = likely_evidence(person, data).score
        if score >= HOLD_SCORE:
            ranked.append((-score, pk))
    return [pk for _score, pk in sorted(ranked)[:SHOWN]]


def _as_record(data: Any) -> Person:
    """An unsaved record of a row's values, as the bulk service would store them, for
    ``likely_evidence`` (which reads the names, the date of birth and the sex)."""
    birth = data.birth
    return Person(
        family_name=data.family_name,
        given_name=data.given_name,
        patronymic=data.patronymic,
        sex=data.sex,
        birth_year=birth.year,
        birth_month=birth.month,
        birth_day=birth.day,
        birth_precision=birth.precision,
    )


def _likely_found(actor: User, item: _Item) -> bool:
    return any(m.score >= HOLD_SCORE for m in likely_matches(actor, item.values.data))


def _same(data: Any, stored: Any, person: Person) -> bool:
    """Whether the row says what the record holds (after the registry's normalisation)."""
    checked = replace(data, phones=list(data.phones), languages=list(data.languages))
    languages, phones, collector = person_input_check(checked, office=person.country_office)
    if collector.errors:
        return False
    names = ("given_name", "family_name", "patronymic", "sex", "citizenship_status", "birth")
    places = ("birth_country", "citizenship_country", "origin_country", "region")
    return (
        all(getattr(checked, n) == getattr(stored, n) for n in names)
        and all(getattr(checked, n) == getattr(stored, n) for n in places)
        and checked.birth_place.strip() == stored.birth_place
        and checked.address.strip() == stored.address
        and sorted(languages) == sorted(stored.languages)
        and sorted(phones) == sorted(str(p.number.as_e164) for p in person.phones.all())
        and sorted(set(checked.needs)) == sorted(set(stored.needs))
    )
