"""Session timeouts (ASVS V7.3): idle and absolute (after the messages middleware, whose
message the log-in page shows).

A session with no request for ``QORGAU_IDLE_TIMEOUT_MINUTES`` ends; so does any session
``QORGAU_SESSION_SECONDS`` after its log-in, however active (the session cookie's age is the
same figure, so the browser drops it then too). The times are kept in the session; an ended
session is flushed and the user sent to log in with a translated message saying why.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from qorgau.web.headers import API_PREFIX

LAST_ACTIVITY = "qorgau_last_activity"
STARTED = "qorgau_started"
# Activity is written to the session at most this often, not on every request (each write is
# a database write of the session row).
WRITE_EVERY_SECONDS = 60

IDLE_ENDED = _("Your session ended after a time without activity. Please log in again.")
ABSOLUTE_ENDED = _("Your session reached its longest allowed time. Please log in again.")


def idle_seconds() -> float:
    return float(settings.IDLE_TIMEOUT_MINUTES) * 60


def session_ended_reason(request: HttpRequest, now: float) -> str | None:
    """Why the request's session has ended (``idle`` or ``absolute``), or None."""
    session = request.session
    started = session.get(STARTED)
    last = session.get(LAST_ACTIVITY)
    if started is not None and now - started > settings.SESSION_COOKIE_AGE:
        return "absolute"
    if last is not None and now - last > idle_seconds():
        return "idle"
    return None


class SessionTimeoutMiddleware:
    """After ``AuthenticationMiddleware``: ends the logged-in user's session when it has been
    idle too long or lasted too long; otherwise notes the activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not hasattr(request, "session"):
            return self.get_response(request)
        now = time.time()
        reason = session_ended_reason(request, now)
        if reason is not None:
            return self._ended(request, reason)
        session = request.session
        session.setdefault(STARTED, now)
        last = session.get(LAST_ACTIVITY)
        if last is None or now - last >= min(WRITE_EVERY_SECONDS, idle_seconds() / 2):
            session[LAST_ACTIVITY] = now
        return self.get_response(request)

    def _ended(self, request: HttpRequest, reason: str) -> HttpResponse:
        from qorgau.web.signin import session_timed_out

        session_timed_out(request, reason)
        logout(request)  # flushes the session: a new, empty one carries the message
        message = IDLE_ENDED if reason == "idle" else ABSOLUTE_ENDED
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"detail": str(message), "code": f"session_{reason}"}, status=401)
        messages.warning(request, message)
        return redirect_to_login(request.get_full_path())
