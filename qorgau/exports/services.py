"""Writes of list exports: asking for one, building its file, handing it to its requester, and
deleting expired files (ADR 0042).

A request is checked at once (format, fields the user's roles may read, filters) and recorded
with a security event; the file is built by ``export_execute`` (in the request for small lists,
by the task worker for larger ones), reading only people the user may see and writing one
access-log row per exported person (channel ``export``), batch by batch. The file is kept as a
Fernet token under the document keys, readable by its requester only until it expires.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator, Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qorgau.audit.models import Channel
from qorgau.audit.services import Reader, access_log_record, security_event_record
from qorgau.errors import Invalid, NotAllowed
from qorgau.exports import errors
from qorgau.exports.columns import BY_KEY, Column, csv_bytes, row_cells, xlsx_bytes
from qorgau.exports.models import Export, ExportFormat, ExportStatus
from qorgau.exports.selectors import export_people_of, readable_groups
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.fields import field_policies
from qorgau.people.lists import PERSON_FILTERS
from qorgau.people.models import Person
from qorgau.people.models.choices import CitizenshipStatus, Sex
from qorgau.people.models.encryption import document_cipher
from qorgau.people.selectors import SEARCH_CAP, person_search

logger = logging.getLogger(__name__)

#: Security events: an export asked for, refused, and a file downloaded.
EXPORT = "export"
EXPORT_REFUSED = "export_refused"
EXPORT_DOWNLOADED = "export_downloaded"

#: The longest query the search page reads (``people.views.search``).
SEARCH_QUERY_MAX = 200
#: People read, written and logged at a time.
BATCH = 1_000

_CHOICES = {"sex": set(Sex.values), "citizenship_status": set(CitizenshipStatus.values)}


def _filters(asked: Mapping[str, str]) -> dict[str, str]:
    """The query parameters of ``people.lists.PERSON_FILTERS`` asked for; other keys are not
    filters of a list of people and are left out; a value outside a field's choices is refused."""
    found: dict[str, str] = {}
    for name in PERSON_FILTERS:
        value = str(asked.get(name) or "").strip()
        if not value:
            continue
        if name in _CHOICES and value not in _CHOICES[name]:
            raise Invalid(
                errors.UNKNOWN_FILTER,
                code="unknown_filter",
                field=name,
                params={"value": value, "filter": name},
            )
        found[name] = value[:20]
    return found


def export_request(
    *,
    actor: User,
    format: str,
    fields: Iterable[str],
    filters: Mapping[str, str] | None = None,
    query: str = "",
    address: str | None = None,
) -> Export:
    """Record an export of the people ``actor`` may see (filtered) with ``fields``; refused
    for a field no role of the actor may read (a security event). With ``query``, of exactly
    the people the search page finds for it with those filters (at most ``SEARCH_CAP``, as the
    page lists them); refused when it finds nobody."""
    if user_scope(actor, Perm.PERSON_VIEW).is_empty:
        raise NotAllowed
    if format not in ExportFormat.values:
        raise Invalid(errors.UNKNOWN_FORMAT, code="unknown_format", field="format")
    keys = list(dict.fromkeys(fields))
    if not keys:
        raise Invalid(errors.NO_FIELDS, code="no_fields", field="fields")
    for key in keys:
        if key not in BY_KEY:
            raise Invalid(
                errors.UNKNOWN_FIELD, code="unknown_field", field="fields", params={"field": key}
            )
    readable = readable_groups(actor)
    refused = [k for k in keys if BY_KEY[k].group is not None and BY_KEY[k].group not in readable]
    if refused:
        security_event_record(
            actor=actor, event=EXPORT_REFUSED, detail={"fields": refused}, address=address
        )
        raise Invalid(
            errors.FIELD_NOT_READABLE,
            code="field_not_readable",
            field="fields",
            params={"field": refused[0]},
        )
    chosen = _filters(filters or {})
    person_ids = _found(actor, query, chosen)
    with transaction.atomic():
        export = Export.objects.create(
            requested_by=actor,
            format=format,
            fields=keys,
            filters=chosen,
            person_ids=person_ids,
            address=address,
            expires_at=timezone.now() + dt.timedelta(hours=settings.LIST_EXPORT_HOURS),
        )
        security_event_record(
            actor=actor,
            event=EXPORT,
            object_type="export",
            object_id=export.public_id,
            detail={
                "what": "people" if person_ids is None else "search",
                "format": format,
                "fields": keys,
                "filters": chosen,
                # How many a search found, never the query (it may be a person's name).
                **({} if person_ids is None else {"found": len(person_ids)}),
            },
            address=address,
        )
    return export


def _found(actor: User, query: str, filters: Mapping[str, str]) -> list[int] | None:
    """The ids of the people the search page finds for ``query`` (None without a query)."""
    query = query.strip()[:SEARCH_QUERY_MAX]
    if not query:
        return None
    lookups = {PERSON_FILTERS[k]: v for k, v in filters.items()}
    found = person_search(user=actor, query=query, filters=lookups, cap=SEARCH_CAP).ids
    if not found:
        raise Invalid(errors.SEARCH_FOUND_NOBODY, code="found_nobody", field="q")
    return found


def _batches(people: Iterator[Person]) -> Iterator[list[Person]]:
    batch: list[Person] = []
    for person in people:
        batch.append(person)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _rows(export: Export, columns: list[Column]) -> Iterator[list[str]]:
    """The header, then each person's cells; logs each batch as read and reports progress."""
    user = export.requested_by
    reader = Reader(
        user=user,
        channel=Channel.EXPORT,
        path=f"/exports/{export.public_id}/",
        address=export.address,
    )
    yield [column.key for column in columns]
    people = export_people_of(export)
    done = 0
    for batch in _batches(people.iterator(chunk_size=BATCH)):
        policies = field_policies(user, batch)
        for person in batch:
            yield row_cells(person, columns, policies[person.pk].read)
        access_log_record(
            reader=reader,
            action="export",
            object_type="person",
            object_ids=[person.public_id for person in batch],
        )
        done += len(batch)
        Export.objects.filter(pk=export.pk).update(done=done)


def export_execute(export: Export) -> Export:
    """Build the export's file now (the task calls this; small ones are built in the request);
    a failure is recorded on the export, its exception in the log."""
    Export.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, done=0)
    try:
        Export.objects.filter(pk=export.pk).update(total=export_people_of(export).count())
        columns = [BY_KEY[key] for key in export.fields]
        rows = _rows(export, columns)
        data = xlsx_bytes(rows, "people") if export.format == ExportFormat.XLSX else csv_bytes(rows)
        Export.objects.filter(pk=export.pk).update(
            status=ExportStatus.DONE,
            content=document_cipher().encrypt(data),
            size=len(data),
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("The export %s failed", export.pk)
        Export.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, finished_at=timezone.now()
        )
    export.refresh_from_db()
    return export


def export_file(*, actor: User, export: Export, address: str | None = None) -> bytes:
    """The decrypted file of the actor's own finished export (a security event)."""
    if export.requested_by_id != actor.pk:
        raise NotAllowed
    if export.status != ExportStatus.DONE or export.expires_at <= timezone.now():
        raise Invalid(errors.NOT_READY, code="not_ready")
    data = document_cipher().decrypt(bytes(export.content or b""))
    security_event_record(
        actor=actor,
        event=EXPORT_DOWNLOADED,
        object_type="export",
        object_id=export.public_id,
        detail={"format": export.format, "rows": export.done},
        address=address,
    )
    return data


def exports_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the files of expired exports (the record of who exported what stays, in the
    security log and here without its file); returns how many."""
    return Export.objects.filter(
        expires_at__lte=now or timezone.now(), content__isnull=False
    ).update(content=None, size=0, status=ExportStatus.EXPIRED)
