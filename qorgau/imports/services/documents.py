"""Importing a file of documents: each row one document of a person the importing
organisation registered, found by the row's ``source_id`` (the organisation's own id), or of
the record a review linked that id to ("same person as", ``SourceLink``), as the import of
people finds it (``sources``). A record linked that the user may only see (a share) is never
written: a row that would add or change its document is refused, one it already holds as the
row says is unchanged.

A new document goes through ``document_add`` (its gate, its checks, its history); a document
the person already holds (the same type and number) is left alone when the row says what it
holds, and corrected through ``document_update`` when the row's issuer or dates differ. A row
whose person the organisation never registered, or whose type, country or dates cannot be
read, is refused with a translated message naming its column. The run is the same as for
people (``import_file``: one transaction, all or nothing unless ``skip_invalid``); its
``created``/``updated``/``unchanged`` count documents. Rows are taken a batch at a time: the
batch's people and their documents are each read in one query.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from qorgau.errors import NotAllowed
from qorgau.imports import errors
from qorgau.imports.documents import CHECK_FIELDS, DocumentValues, document_row_read
from qorgau.imports.readers import Row
from qorgau.imports.services.runs import BATCH, RowProblem, RowsImporter, row_problem
from qorgau.imports.sources import source_people
from qorgau.people.models import Document, Person
from qorgau.people.services.documents import document_add, document_number_hash, document_update


class DocumentImporter(RowsImporter):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.where = {target: column for column, target in self.columns.items() if target}

    def run(self, rows: Iterator[Row]) -> None:
        batch: list[Row] = []
        for row in rows:
            batch.append(row)
            self._counted()
            if len(batch) >= BATCH:
                self._batch(batch)
                self._batch_done()
                batch = []
        if batch:
            self._batch(batch)
            self._batch_done()

    def _batch(self, rows: list[Row]) -> None:
        read = [(row, *document_row_read(row.cells, self.columns, self.lookups)) for row in rows]
        sources = source_people(
            organisation=self.organisation,
            user=self.actor,
            source_ids={values.source_id for _row, values, _problems in read},
        )
        people = sources.people
        held: dict[tuple[int, str, str], Document] = {
            (d.person_id, d.type, d.number_hash): d
            for d in Document.objects.filter(person__in=list(people.values()))
        }
        column = self.where.get("source_id", "")
        for row, values, problems in read:
            found = [row_problem(row, p.column, p.value, p.message, p.params) for p in problems]
            person = people.get(values.source_id)
            if person is None and not found:
                message = errors.DOCUMENT_PERSON_UNKNOWN
                found = [row_problem(row, column, values.source_id, message)]
            if found or person is None:
                self._refuse(found)
                continue
            key = (person.pk, values.type, document_number_hash(values.number))
            if person.pk in sources.view_only:
                # Linked by a review to a record the user may only see: a share never writes.
                if self._changes(values, held.get(key)) == {}:
                    self.run_row.unchanged += 1
                else:
                    message = errors.DOCUMENT_PERSON_VIEW_ONLY
                    self._refuse([row_problem(row, column, values.source_id, message)])
                continue
            try:
                with transaction.atomic():
                    held[key], outcome = self._write(person, values, held.get(key))
            except ValidationError as error:
                self._refuse(self._from_validation(row, error))
                continue
            except NotAllowed as error:
                self._refuse([row_problem(row, column, values.source_id, str(error))])
                continue
            setattr(self.run_row, outcome, getattr(self.run_row, outcome) + 1)

    def _write(
        self, person: Person, values: DocumentValues, stored: Document | None
    ) -> tuple[Document, str]:
        """The document stored, and which count of the run it adds to."""
        if stored is None:
            added = document_add(
                actor=self.actor,
                person=person,
                type=values.type,
                number=values.number,
                issuing_country=values.issuing_country,
                issuer=values.issuer,
                issued_on=values.issued_on,
                expires_on=values.expires_on,
            )
            return added, "created"
        changes = self._changes(values, stored)
        if not changes:
            return stored, "unchanged"
        return document_update(actor=self.actor, document=stored, **changes), "updated"

    @staticmethod
    def _changes(values: DocumentValues, stored: Document | None) -> dict[str, Any] | None:
        """What the row changes in the document the person holds; None when they hold none."""
        if stored is None:
            return None
        changes: dict[str, Any] = {}
        if values.issuer.strip() and values.issuer.strip() != stored.issuer:
            changes["issuer"] = values.issuer
        for name in ("issued_on", "expires_on"):
            if getattr(values, name) is not None and getattr(values, name) != getattr(stored, name):
                changes[name] = getattr(values, name)
        return changes

    def _refuse(self, problems: list[RowProblem]) -> None:
        self.result.problems.extend(problems)
        self.run_row.invalid += 1

    def _from_validation(self, row: Row, error: ValidationError) -> list[RowProblem]:
        problems = []
        for name, messages in error.message_dict.items():
            column = self.where.get(CHECK_FIELDS.get(name, name), "")
            value = row.cells.get(column, "")
            problems += [row_problem(row, column, value, m) for m in messages]
        return problems
