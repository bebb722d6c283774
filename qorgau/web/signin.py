"""Sign-in: the security log of log-ins, failures and lock-outs (from Django's and axes'
signals, which every way of signing in sends), log-out, and the page to change one's own
password. Every event goes through ``audit.services.security_event_record`` with the client's
address, and never with a password, a token or the name typed into a failed log-in."""

from __future__ import annotations

import time
from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from rest_framework.request import Request

from qorgau.audit.services import security_event_record
from qorgau.organisations.lockout import client_address
from qorgau.organisations.models import User
from qorgau.organisations.services import user_session_record, user_sessions_end
from qorgau.web.requests import request_user
from qorgau.web.timeouts import LAST_ACTIVITY, STARTED

PASSWORD_CHANGED = _(
    "Your password has been changed. Your other sessions have ended and your API tokens "
    "were revoked."
)


def _address(request: HttpRequest | None) -> str | None:
    return client_address(request) if request is not None else None


def logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    # Knox sends this signal too when it issues an API token: no new session then, and the
    # session it was asked from keeps its own start.
    session = None if isinstance(request, Request) else getattr(request, "session", None)
    if session is not None and session.session_key:
        user_session_record(user=user, session_key=session.session_key)
        # The absolute timeout counts from here (web/timeouts.py).
        session[STARTED] = session[LAST_ACTIVITY] = time.time()
    security_event_record(actor=user, event="login", address=_address(request))


def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # The account is named when the name is one; what was typed is never kept (a password
    # typed into the name field would be).
    user = User.objects.filter(username=credentials.get("username") or "").first()
    security_event_record(
        actor=user,
        event="login_failed",
        detail={"known_account": user is not None},
        address=_address(request),
    )


def locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    user = User.objects.filter(username=username or "").first()
    security_event_record(actor=user, event="locked_out", address=ip_address or None)


def signals_connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="qorgau.signin.logged_in")
    user_login_failed.connect(login_failed, dispatch_uid="qorgau.signin.login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="qorgau.signin.locked_out")


def session_timed_out(request: HttpRequest, reason: str) -> None:
    """Called by the timeout middleware before it ends the session."""
    security_event_record(
        actor=request_user(request),
        event="session_timeout",
        detail={"reason": reason},
        address=_address(request),
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Log out: this session and every other session of the user end, and their API tokens
    are revoked."""
    if request.user.is_authenticated:
        user = request_user(request)
        security_event_record(actor=user, event="logout", address=_address(request))
        user_sessions_end(user=user, reason="logout", address=_address(request))
    logout(request)
    return redirect("login")


class OwnPasswordChangeView(PasswordChangeView):
    """Django's password change through our template: the old password, the new one twice,
    checked by the validators (12 characters at least, not common, not like the user's name).
    Every other session of the user ends and their API tokens are revoked; this one goes on
    under a new key."""

    form_class = PasswordChangeForm
    template_name = "web/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "min_length": settings.PASSWORD_MIN_LENGTH}

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        super().form_valid(form)  # saves (ending the sessions), keeps this one
        user = request_user(self.request)
        user_session_record(user=user, session_key=self.request.session.session_key or "")
        security_event_record(actor=user, event="password_changed", address=_address(self.request))
        messages.success(self.request, PASSWORD_CHANGED)
        return HttpResponseRedirect(str(self.success_url))
