"""The one error hierarchy of Qorgau's domain code (ADR 0021).

Services, selectors and access gates of every app raise these; the web layer maps them in one
place each for the API (``web/api_errors.py``) and for pages (``web/errors.py``). This module
sits below every app and imports only Django, so any app may import it and none imports ``web``.

Each class is also the Django exception that meant the same thing before, so Django, DRF and
the forms keep treating it as they did: ``NotAllowed`` is a ``PermissionDenied``, ``NotFound``
an ``Http404``, ``Invalid`` (and ``StaleVersion``) a ``ValidationError``.

    raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    raise Invalid(errors.CASE_CLOSED, code="case_closed", field="transition")
    raise StaleVersion(errors.STALE_CASE, code="stale_case", current_version=locked.version)

An edit based on a version locks the row and refuses a stale version with one helper:

    locked = locked_at_version(Case, case.pk, version, message=errors.STALE_CASE, code="stale_case")

Messages are the translatable constants of each app's ``errors.py``; ``code`` is stable, for
tests and clients, and does not change with the language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, Self, cast
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

if TYPE_CHECKING:
    from django.db.models import Model, QuerySet
    from django_stubs_ext import StrOrPromise as Message


class _Versioned(Protocol):
    """A row that carries the ``version`` its edits are based on."""

    version: int


class DomainError(Exception):
    """A refusal by domain code: a stable ``code``, a translatable ``message`` and the HTTP
    status the web layer answers with."""

    status: ClassVar[int] = 400
    code: str = "refused"
    message: Message = ""
    params: dict[str, Any] | None = None
    #: The record an access gate refused, for the security log that the web layer writes
    #: (``web/security_log.py``): its type, and the id asked for (None when malformed). Never shown.
    object_type: str = ""
    object_id: UUID | None = None

    def __init__(
        self,
        message: Message | None = None,
        *,
        code: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        if message is not None:
            self.message = message
        if code is not None:
            self.code = code
        self.params = params
        # No argument without a message: Django and DRF then show their own default text.
        Exception.__init__(self, *([str(self)] if self.message else []))

    def __str__(self) -> str:
        """The message in the active language, its parameters filled in."""
        text = str(self.message)
        return text % self.params if self.params else text

    def details(self) -> dict[str, Any]:
        """What a client needs besides the message (the current version of a stale record)."""
        return {}

    def about(self, object_type: str, object_id: UUID | None) -> Self:
        """The same refusal, naming the record asked for (``raise NotFound().about("person",
        asked)``): the answer does not change, the security log gets the record."""
        self.object_type, self.object_id = object_type, object_id
        return self


class NotAllowed(DomainError, PermissionDenied):
    """The actor may not do this (403): change rights, roles, a view-only share."""

    status = 403
    code = "not_allowed"


class NotFound(DomainError, Http404):
    """No such record, or not one the actor may see: the same answer for both (404)."""

    status = 404
    code = "not_found"


class Invalid(DomainError, ValidationError):
    """The input is refused (400); with ``field``, the refusal names the field it is about,
    as Django's ``ValidationError({field: ...})`` does, so forms show it beside the field."""

    status = 400
    code = "invalid"

    def __init__(
        self,
        message: Message | None = None,
        *,
        code: str | None = None,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        message = self.message if message is None else message
        code = code or self.code
        one = ValidationError(message, code=code, params=params)
        ValidationError.__init__(self, {field: one} if field else one)
        self.field = field
        self.message, self.code, self.params = message, code, params


class StaleVersion(Invalid):
    """The change was based on an older version of the record than the stored one (409); it
    carries the current version, so a client can reload and apply its change again."""

    status = 409
    code = "stale_version"

    def __init__(
        self,
        message: Message | None = None,
        *,
        current_version: int,
        code: str | None = None,
    ) -> None:
        super().__init__(message, code=code, field="version")
        self.current_version = current_version

    def details(self) -> dict[str, Any]:
        return {"current_version": self.current_version}


def locked_at_version[Row: Model](
    rows: type[Row] | QuerySet[Row],
    pk: Any,
    version: int,
    *,
    message: Message,
    code: str,
    check_first: Callable[[Row], object] | None = None,
) -> Row:
    """The row ``pk`` of ``rows`` (a model, or a queryset for its ``select_related``), locked
    (``select_for_update``) until the caller's transaction ends, if it is still at ``version``,
    the version the actor's change was based on; else ``StaleVersion(message, code)`` with the
    current version. The lock makes the second of two simultaneous changes wait, then see the
    first one's version.

    ``check_first(row)`` runs on the locked row before the version is compared, for the
    refusals that must win over a stale version (the actor's change rights, a closed ticket).

    It works through the model or queryset it is given, so this module still imports only
    Django and no app's models, and stays below every app (ADR 0065).
    """
    queryset = rows._default_manager.all() if isinstance(rows, type) else rows
    row = queryset.select_for_update().get(pk=pk)
    if check_first is not None:
        check_first(row)
    current = cast(_Versioned, row).version
    if current != version:
        raise StaleVersion(message, code=code, current_version=current)
    return row


class FieldProblems:
    """Field errors gathered before anything is stored, raised together as one
    ``ValidationError`` naming every field at fault (a form shows each beside its field).

        problems = FieldProblems()
        if not text:
            problems.add("text", errors.REQUIRED, "required")
        problems.raise_any()
    """

    def __init__(self) -> None:
        self.found: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: Message, code: str, **params: Any) -> None:
        self.found.setdefault(field, []).append(
            ValidationError(message, code=code, params=params or None)
        )

    def raise_any(self) -> None:
        if self.found:
            raise ValidationError(self.found)
