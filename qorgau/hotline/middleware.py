"""The public inquiry form's first defences, before anything reads the request's body: the
size limit (413) and the rate per address (429). Placed after the headers' middlewares, so the
refusal carries them, and before any view runs (CSRF reads the body in its ``process_view``),
so a flood costs no parsing, no session and no form."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django_ratelimit.core import is_ratelimited

from qorgau.hotline.public_text import LANGUAGES, public_text
from qorgau.organisations.lockout import client_address

ADDRESS_GROUP = "hotline-ask-address"
SALT = "qorgau.hotline.ask"
_ASK = re.compile(r"^/help/(?P<lang>[a-z]{2})/ask/$")


def address_key(group: str, request: HttpRequest) -> str:
    """The rate-limit key of the visitor's address: a keyed hash (the secret key salts it), so
    the cache never holds the address; the entry expires with the rate's period."""
    from django.utils.crypto import salted_hmac

    return salted_hmac(SALT, client_address(request) or "-", algorithm="sha256").hexdigest()


def refusal(lang: str, key: str, status: int) -> HttpResponse:
    """A short page for a refusal before the form is read: cheap to send, since a flood gets
    thousands, and not written to the server's log one by one (the rate limit keeps the count)."""
    text = public_text(lang)
    html_lang, direction = LANGUAGES[lang]
    context = {
        "lang": lang,
        "html_lang": html_lang,
        "direction": direction,
        "message": text[key],
        "again": text["title"],
    }
    response = HttpResponse(render_to_string("hotline/ask_refused.html", context), status=status)
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response


class InquiryFloodMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = _ASK.match(request.path_info) if request.method == "POST" else None
        if found is None or found["lang"] not in LANGUAGES:
            return self.get_response(request)
        lang = found["lang"]
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = settings.HOTLINE_ASK_MAX_BYTES + 1
        if size > settings.HOTLINE_ASK_MAX_BYTES:
            return refusal(lang, "err_too_large", 413)
        limited = is_ratelimited(
            request,
            group=ADDRESS_GROUP,
            key=address_key,
            rate=settings.HOTLINE_ASK_RATE_PER_ADDRESS,
            increment=True,
        )
        if limited:
            return refusal(lang, "err_too_many", 429)
        return self.get_response(request)
