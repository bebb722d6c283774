"""Headers that keep personal data out of caches: ``Cache-Control: no-store`` on every answer
to a logged-in user and on every API answer (a token-authenticated request is anonymous until
the API view authenticates it, so the API is marked by its path). Static files never get here:
WhiteNoise answers them earlier in the middleware chain, with their own long cache."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

API_PREFIX = "/api/"


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith(API_PREFIX) or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response
