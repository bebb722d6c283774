"""Domain errors on pages, in one place (ADR 0021): a refusal that a view does not show on its
own form becomes a page with the translated message and the error's status; a 403 or 404 is
written to the security log first (``security_log.py``, ADR 0034).

``NotAllowed`` and ``NotFound`` are Django's ``PermissionDenied`` and ``Http404``, so Django's
403 and 404 handlers render them (``403.html`` shows the message); every other domain error
(``StaleVersion`` 409, ``Invalid`` 400) is rendered here instead of ending as a server error.
The API maps the same hierarchy in ``api_errors.py``."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from qorgau.errors import DomainError
from qorgau.web.security_log import denial_record


def refusal_page(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "web/refused.html", {"message": str(exc)}, status=exc.status)


class DomainErrorMiddleware:
    """Turns a domain error a page view let through into its page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        denial_record(request, getattr(request, "user", None), exc)
        if not isinstance(exc, DomainError) or isinstance(exc, PermissionDenied | Http404):
            return None  # Django's own handlers: 403.html and 404.html
        return refusal_page(request, exc)
