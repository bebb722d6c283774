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

from qorgau.organisations.models import User, UserSession

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
