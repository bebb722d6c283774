"""Identity and status documents. Numbers are encrypted; look-ups go through a keyed hash."""

from __future__ import annotations

import datetime as dt
import hmac
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import NotAllowed
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people import errors
from qorgau.people.access import visible_persons
from qorgau.people.models import Document, Person
from qorgau.people.models.choices import DOCUMENT_TYPE_VALUES
from qorgau.people.models.encryption import document_cipher, encrypted_columns
from qorgau.people.services.permissions import refuse_anonymised
from qorgau.reference.models import Country

_NOT_ALNUM = re.compile(r"[^0-9A-Z]")


def document_number_normalise(number: str) -> str:
    """Upper case without spaces, dashes or other separators: "n° 01-234 567" → "N01234567"."""
    return _NOT_ALNUM.sub("", number.upper())


@cache
def _hash_key() -> bytes:
    key = settings.DOCUMENT_HASH_KEY or f"document-number:{settings.SECRET_KEY}"
    return key.encode()


def document_number_hash(number: str) -> str:
    """Keyed hash (HMAC-SHA256) of the normalised number: equal numbers can be found without
    decrypting, and without the key a dictionary of numbers cannot be hashed to match."""
    normalised = document_number_normalise(number)
    return hmac.digest(_hash_key(), normalised.encode(), "sha256").hex()


DOCUMENT_KEYS_ROTATED = "document_keys_rotated"


@dataclass
class KeyRotation:
    """What ``document_keys_rotate`` found: tokens re-encrypted, already under the first key,
    and opened by no key at all (left as they were)."""

    rotated: int = 0
    current: int = 0
    unreadable: int = 0

    @property
    def seen(self) -> int:
        return self.rotated + self.current + self.unreadable


def document_keys_rotate(
    *, batch_size: int = 1000, progress: Callable[[str, int, int], None] | None = None
) -> KeyRotation:
    """Re-encrypt every value stored under the document keys, the document numbers and the
    hotline's contacts and names with their change history (every column of an encrypted field,
    ``encrypted_columns``), under the first of ``QORGAU_DOCUMENT_KEYS`` (numbers stored before
    those keys included), so that the other keys can then be removed. Idempotent: a token the
    first key opens is left alone, so a second run (or a run after an interruption) changes
    nothing more. One transaction per ``batch_size`` rows; a row changed meanwhile by someone
    else keeps their value (the update only replaces the token read). Nothing but the token
    changes: no version, no history row, no ``updated_at`` (the value is the same). Counts are
    of tokens (a ticket has two); an empty optional value counts as current.
    ``progress(table, done, total)`` after each batch. Run by an operator (``qorgau
    rotate-document-keys``), so there is no actor; the counts go to the security log."""
    cipher = document_cipher()
    result = KeyRotation()
    quote = connection.ops.quote_name
    for model, encrypted in encrypted_columns():
        table = quote(model._meta.db_table)
        key = quote(str(model._meta.pk.column))
        columns = [quote(column) for column in encrypted]
        selected = ", ".join(columns)
        total = model._default_manager.count()
        done, last = 0, None
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                after = "" if last is None else f"WHERE {key} > %s "
                cursor.execute(
                    f"SELECT {key}, {selected} FROM {table} {after}ORDER BY {key} LIMIT %s",  # noqa: S608 (names from the models)
                    ([] if last is None else [last]) + [batch_size],
                )
                rows = cursor.fetchall()
                if not rows:
                    break
                changed: list[list[tuple[str, Any, str]]] = [[] for _ in columns]
                for pk, *tokens in rows:
                    for index, token in enumerate(tokens):
                        if not token or cipher.is_current(token.encode()):
                            result.current += 1
                            continue
                        try:
                            fresh = cipher.rotate(token.encode()).decode()
                        except InvalidToken:
                            result.unreadable += 1
                            continue
                        changed[index].append((fresh, pk, token))
                        result.rotated += 1
                for column, updates in zip(columns, changed, strict=True):
                    cursor.executemany(
                        f"UPDATE {table} SET {column} = %s WHERE {key} = %s AND {column} = %s",  # noqa: S608
                        updates,
                    )
            last = rows[-1][0]
            done += len(rows)
            if progress is not None:
                progress(model._meta.db_table, done, total)
    security_event_record(
        actor=None,
        event=DOCUMENT_KEYS_ROTATED,
        detail={
            "rotated": result.rotated,
            "current": result.current,
            "unreadable": result.unreadable,
        },
    )
    return result


def document_numbers_encrypt(numbers: Sequence[str]) -> list[str]:
    """Encrypt many document numbers at once (bulk registration), as ``Document.number``
    encrypts one: Fernet tokens under the first of ``QORGAU_DOCUMENT_KEYS``."""
    cipher = document_cipher()
    return [cipher.encrypt(number.encode()).decode() for number in numbers]


@transaction.atomic
def document_add(
    *,
    actor: User,
    person: Person,
    type: str,
    number: str,
    issuing_country: Country | None = None,
    issuer: str = "",
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
) -> Document:
    if not visible_persons(actor, Perm.PERSON_CHANGE).filter(pk=person.pk).exists():
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    refuse_anonymised([person])
    problems: dict[str, ValidationError] = {}
    if type not in DOCUMENT_TYPE_VALUES:
        problems["type"] = ValidationError(
            errors.UNKNOWN_CODE, code="unknown_code", params={"code": type}
        )
    if not document_number_normalise(number):
        problems["number"] = ValidationError(errors.REQUIRED, code="required")
    if issued_on and issued_on > timezone.localdate():
        problems["issued_on"] = ValidationError(errors.ISSUED_IN_FUTURE, code="date_in_future")
    if issued_on and expires_on and expires_on <= issued_on:
        problems["expires_on"] = ValidationError(errors.DATE_ORDER, code="date_order")
    if problems:
        raise ValidationError(problems)
    return document_issue(
        actor=actor,
        person=person,
        type=type,
        number=number,
        issuing_country=issuing_country,
        issuer=issuer,
        issued_on=issued_on,
        expires_on=expires_on,
    )


def document_issue(
    *,
    actor: User,
    person: Person,
    type: str,
    number: str,
    issuing_country: Country | None = None,
    issuer: str = "",
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
) -> Document:
    """Store a checked document for a caller that has passed its own gate (``document_add``,
    or a case step that issues it). Run inside the caller's transaction."""
    document = Document(
        person=person,
        type=type,
        number=number.strip(),
        number_hash=document_number_hash(number),
        issuing_country=issuing_country,
        issuer=issuer.strip(),
        issued_on=issued_on,
        expires_on=expires_on,
    )
    history_stamp(document, actor=actor)
    document.save()
    return document


@transaction.atomic
def document_update(
    *,
    actor: User,
    document: Document,
    number: str | None = None,
    issuer: str | None = None,
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
) -> Document:
    """Correct a document's number, issuer or dates (the type of a document never changes)."""
    if not visible_persons(actor, Perm.PERSON_CHANGE).filter(pk=document.person_id).exists():
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    locked = Document.objects.select_for_update().select_related("person").get(pk=document.pk)
    refuse_anonymised([locked.person])
    if number is not None:
        if not document_number_normalise(number):
            raise ValidationError({"number": ValidationError(errors.REQUIRED, code="required")})
        locked.number = number.strip()
        locked.number_hash = document_number_hash(number)
    if issuer is not None:
        locked.issuer = issuer.strip()
    locked.issued_on = issued_on if issued_on is not None else locked.issued_on
    locked.expires_on = expires_on if expires_on is not None else locked.expires_on
    if locked.issued_on and locked.issued_on > timezone.localdate():
        raise ValidationError(
            {"issued_on": ValidationError(errors.ISSUED_IN_FUTURE, code="date_in_future")}
        )
    if locked.issued_on and locked.expires_on and locked.expires_on <= locked.issued_on:
        raise ValidationError({"expires_on": ValidationError(errors.DATE_ORDER, code="date_order")})
    history_stamp(locked, actor=actor)
    locked.save()
    return locked
