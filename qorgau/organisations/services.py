"""Writes about users: their sessions, API tokens and deactivation.

The security log lives in ``audit``, an app above this one, so it is handed down: ``audit``
registers its writer in its ``AppConfig.ready`` (as other apps register page sections with
``people``, ADR 0023), and these services call it without importing ``audit``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import transaction
from knox.models import AuthToken

from qorgau.errors import NotAllowed
from qorgau.organisations import errors
from qorgau.organisations.models import User, UserSession
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope

type SecurityWriter = Callable[..., Any]
_security_writers: list[SecurityWriter] = []


def security_event_writer_register(writer: SecurityWriter) -> None:
    """Called once by ``audit``: ``writer`` takes ``security_event_record``'s arguments."""
    _security_writers[:] = [writer]


def security_event(**fields: Any) -> None:
    """One row of the security log, through the writer ``audit`` registered."""
    for writer in _security_writers:
        writer(**fields)


@dataclass(frozen=True)
class Ended:
    sessions: int
    tokens: int


def user_session_record(*, user: User, session_key: str) -> None:
    """Remember that ``session_key`` is ``user``'s, so that their sessions can all be ended
    (Django's session table does not say whose a session is without decoding every row)."""
    UserSession.objects.get_or_create(session_key=session_key, defaults={"user": user})


def user_sessions_end(
    *, user: User, keep_session_key: str | None = None, reason: str = "", address: str | None = None
) -> Ended:
    """End every session of ``user`` (but ``keep_session_key``, the session of a user who just
    changed their own password) and revoke all their API tokens. Called at log-out, on every
    change of the password (by the user, an administrator or a command) and at deactivation."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    with transaction.atomic():
        keys = list(
            UserSession.objects.filter(user=user)
            .exclude(session_key=keep_session_key or "")
            .values_list("session_key", flat=True)
        )
        for key in keys:
            store(session_key=key).delete()
        UserSession.objects.filter(session_key__in=keys).delete()
        tokens, _ = AuthToken.objects.filter(user=user).delete()
    ended = Ended(sessions=len(keys), tokens=tokens)
    security_event(
        actor=user,
        event="sessions_ended",
        detail={"reason": reason, "sessions": ended.sessions, "tokens": ended.tokens},
        address=address,
    )
    return ended


def user_may_manage(actor: User, user: User) -> bool:
    """Whether ``actor`` holds ``organisation.manage`` in one of ``user``'s organisations (or is
    a superuser)."""
    if actor.is_active and actor.is_superuser:
        return True
    managed = user_scope(actor, Perm.ORGANISATION_MANAGE).organisation_ids
    return user.memberships.filter(organisation_id__in=managed).exists()


def user_deactivate(*, actor: User, user: User, address: str | None = None) -> User:
    """Deactivate ``user``: no more log-ins, every session ended, every API token revoked.
    ``actor`` needs ``organisation.manage`` in one of the user's organisations, or to be a
    superuser; nobody deactivates themselves here (they would lock themselves out)."""
    if actor.pk == user.pk or not user_may_manage(actor, user):
        security_event(
            actor=actor,
            event="user_deactivate_refused",
            object_type="user",
            object_id=user.public_id,
            detail={"reasons": ["self" if actor.pk == user.pk else "no_permission"]},
            address=address,
        )
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        ended = user_sessions_end(user=user, reason="deactivated", address=address)
        security_event(
            actor=actor,
            event="user_deactivated",
            object_type="user",
            object_id=user.public_id,
            detail={"sessions": ended.sessions, "tokens": ended.tokens},
            address=address,
        )
    return user
