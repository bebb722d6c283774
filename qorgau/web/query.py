"""A NUL byte in a query string is bad input, answered 400 before any view: PostgreSQL refuses
to compare text holding one, so every filter of every list, page or API, would otherwise end in
a server error (found by the API fuzzing of issue 14). Form and JSON bodies need no such guard:
Django's and DRF's text fields refuse a NUL byte themselves, and code fields do
(``web.api.CodeField``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

from qorgau.web.headers import API_PREFIX


class NulByteQueryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
            message = _("The address holds a character that is not allowed (a NUL byte).")
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": message, "code": "nul_byte"}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
