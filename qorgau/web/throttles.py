"""Rate limits of the API (429): per user (``QORGAU_API_RATE``) and a stricter scope for
exports (``QORGAU_EXPORT_RATE``), which also limits the pages' downloads (``export_throttled``).
Requests without a log-in are refused (401) before any rate is counted; guessing passwords
is stopped by the log-in lock-out, which the token endpoint's Basic sign-in goes through too.

Counts are kept in each process's memory (Django's default cache): several web processes each
count apart, so the effective limit is at most the processes times the rate (ADR 0035).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework import throttling

TOO_MANY = _("Too many requests: please wait a little and try again.")


def too_many_message(wait: float | None) -> str:
    """The translated message of a 429, with the seconds to wait when known."""
    if wait is None:
        return str(TOO_MANY)
    seconds = max(1, int(wait + 0.999))
    return ngettext(
        "Too many requests: please try again in %(seconds)d second.",
        "Too many requests: please try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


def _rate(scope: str) -> str:
    """The rate of a scope, read from the settings at each request (DRF reads its own
    ``DEFAULT_THROTTLE_RATES`` once, at import)."""
    return str(settings.API_RATE if scope == "user" else settings.EXPORT_RATE)


class UserRateThrottle(throttling.UserRateThrottle):
    """Every API request of a logged-in user, whichever view."""

    def get_rate(self) -> str:
        return _rate(self.scope or "user")


class ExportRateThrottle(UserRateThrottle):
    """Downloads of exports, per user, on top of the user's general rate."""

    scope = "exports"


def export_throttled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page view that answers a download: counted in the ``exports`` scope, 429 beyond it."""

    @wraps(view)
    def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        throttle = ExportRateThrottle()
        if not throttle.allow_request(request, None):  # type: ignore[arg-type]
            wait = throttle.wait()
            response = render(
                request,
                "web/refused.html",
                {"message": too_many_message(wait)},
                status=429,
            )
            if wait is not None:
                response["Retry-After"] = str(max(1, int(wait + 0.999)))
            return response
        return view(request, *args, **kwargs)

    return limited
