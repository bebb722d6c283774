"""Rate limits (429): the API per user (``QORGAU_API_RATE``); exports in a stricter scope per
user (``QORGAU_EXPORT_RATE``), which also limits the pages' downloads (``export_throttled``);
and, per client address (``QORGAU_ANONYMOUS_RATE``), every API request that carries no session
of a signed-in user and no API token (``AnonymousRateMiddleware``: before DRF answers 401, and
the token endpoint's HTTP Basic sign-in, which sends a password) and the public pages
(``anonymous_throttled``: ``/figures/``). Guessing passwords is stopped by the log-in lock-out
as well, which the Basic sign-in goes through too.

Counts are kept in each process's memory (Django's default cache): several web processes each
count apart, so the effective limit is at most the processes times the rate (ADR 0035).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework import throttling

from qorgau.organisations.lockout import client_address
from qorgau.web.headers import API_PREFIX

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
    rates = {"user": settings.API_RATE, "anonymous": settings.ANONYMOUS_RATE}
    return str(rates.get(scope, settings.EXPORT_RATE))


def _retry_after(response: HttpResponse, wait: float | None) -> HttpResponse:
    if wait is not None:
        response["Retry-After"] = str(max(1, int(wait + 0.999)))
    return response


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
            return _page_refused(request, wait)
        return view(request, *args, **kwargs)

    return limited


def _page_refused(request: HttpRequest, wait: float | None) -> HttpResponse:
    message = too_many_message(wait)
    return _retry_after(render(request, "web/refused.html", {"message": message}, status=429), wait)


class AddressRateThrottle(throttling.SimpleRateThrottle):
    """Requests counted per client address (``REMOTE_ADDR``, which ``qorgau serve`` takes from
    a trusted proxy only: DRF's own ``get_ident`` would believe any X-Forwarded-For)."""

    scope = "anonymous"

    def get_rate(self) -> str:
        return _rate("anonymous")

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_address(request) or "-"}


def _anonymous_api_request(request: HttpRequest) -> bool:
    """An API request of no signed-in session and with no API token (``Authorization: Token``,
    counted per user once the API knows whose it is)."""
    if not request.path.startswith(API_PREFIX):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    scheme = request.headers.get("authorization", "").split(" ", 1)[0].lower()
    return scheme != "token"


class AnonymousRateMiddleware:
    """429 (JSON, translated) beyond ``QORGAU_ANONYMOUS_RATE`` per address for the API requests
    of nobody signed in, before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _anonymous_api_request(request):
            throttle = AddressRateThrottle()
            if not throttle.allow_request(request, None):  # type: ignore[arg-type]
                wait = throttle.wait()
                body = {"detail": too_many_message(wait), "code": "throttled"}
                return _retry_after(JsonResponse(body, status=429), wait)
        return self.get_response(request)


def anonymous_throttled(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page open to visitors who are not signed in: their requests are counted per address
    (``QORGAU_ANONYMOUS_RATE``), 429 beyond it; a signed-in user's are not."""

    @wraps(view)
    def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            throttle = AddressRateThrottle()
            if not throttle.allow_request(request, None):  # type: ignore[arg-type]
                return _page_refused(request, throttle.wait())
        return view(request, *args, **kwargs)

    return limited
