"""The public inquiry form (``/help/<lang>/ask/``): no account, in the help site's five
languages, behind the abuse resistance of ADR 0047: a size limit and rate limits (per address,
kept only as a salted hash in the cache, and for the form as a whole) checked before the form is
read, a honeypot field, a minimum time to submit (a signed timestamp in the form), and plain
text only. The visitor's address is never stored with the ticket."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage, is_ratelimited

from qorgau.errors import Invalid
from qorgau.help.chrome import chrome
from qorgau.help.selectors import help_frame
from qorgau.hotline import services
from qorgau.hotline.middleware import SALT, refusal
from qorgau.hotline.models import Language, Topic
from qorgau.hotline.public_text import LANGUAGES, PUBLIC_CONTACT_METHODS, public_text

STARTED_MAX_AGE = 24 * 3600
FORM_GROUP = "hotline-ask-form"
HONEYPOT = "website"
TEXT_FIELDS = {"question": services.QUESTION_LIMIT, "contact_value": services.SHORT_LIMIT}
CODES = {"empty": "err_required", "too_long": "err_too_long", "markup": "err_markup"}


def whole_form_key(group: str, request: HttpRequest) -> str:
    return "all"


def started_token() -> str:
    return signing.dumps(int(time.time()), salt=SALT)


def _message(text: dict[str, str], error: Invalid) -> str:
    if error.code.startswith("unknown_"):
        return text["err_choice"]
    if error.code == "no_hotline":
        return text["err_closed"]
    message = text[CODES.get(error.code, "err_choice")]
    return message % error.params if error.params else message


def _checked(post: Any, lang: str, text: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The submitted values, and the errors by field (``__all__`` for the form as a whole)."""
    values = {
        name: str(post.get(name, ""))
        for name in ("topic", "language", "question", "contact_method", "contact_value", "name")
    }
    problems: dict[str, str] = {}
    if post.get(HONEYPOT):
        problems[HONEYPOT] = text["err_honeypot"]
    try:
        started = signing.loads(str(post.get("started", "")), salt=SALT, max_age=STARTED_MAX_AGE)
    except signing.BadSignature:
        problems["__all__"] = text["err_expired"]
    else:
        if time.time() - int(started) < settings.HOTLINE_ASK_MIN_SECONDS:
            problems["__all__"] = text["err_too_fast"]
    if values["topic"] not in Topic.values:
        problems["topic"] = text["err_choice"]
    if values["language"] not in Language.values:
        problems["language"] = text["err_choice"]
    if values["contact_method"] not in PUBLIC_CONTACT_METHODS:
        problems["contact_method"] = text["err_choice"]
    for name, limit in (*TEXT_FIELDS.items(), ("name", services.SHORT_LIMIT)):
        try:
            services.text_clean(values[name], field=name, limit=limit, required=name != "name")
        except Invalid as exc:
            problems[name] = _message(text, exc)
    return values, problems


def _page(
    request: HttpRequest,
    lang: str,
    text: dict[str, str],
    *,
    values: dict[str, str] | None = None,
    problems: dict[str, str] | None = None,
    reference: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "lang": lang,
        # The help site's frame around the form: its navigation, language switch (to the form
        # in each language), hotline contacts and direction, with its own fixed strings.
        "frame": help_frame(lang, section="ask"),
        "t": chrome(lang),
        "f": text,
        "values": values or {"language": lang},
        "problems": problems or {},
        "reference": reference,
        "started": started_token(),
        "topics": [(code, text[f"topic_{code}"]) for code in Topic.values],
        "languages": Language.choices,
        "contacts": [(code, text[f"contact_{code}"]) for code in PUBLIC_CONTACT_METHODS],
    }
    response = render(request, "hotline/ask.html", context, status=status)
    response["Content-Language"] = lang
    return response


def _form_full(request: HttpRequest, whole_form: dict[str, Any]) -> bool:
    """Whether the form as a whole has taken its rate of tickets (counted only when one is
    stored, so that a flood of refused posts from one address never closes it to others)."""
    usage = get_usage(request, increment=False, **whole_form)
    return usage is not None and usage["count"] >= usage["limit"]


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, lang: str) -> HttpResponse:
    if lang not in LANGUAGES:
        raise Http404
    text = public_text(lang)
    if request.method != "POST":
        return _page(request, lang, text)
    # The size and the rate per address are checked before this, by InquiryFloodMiddleware.
    whole_form: dict[str, Any] = {
        "group": FORM_GROUP,
        "key": whole_form_key,
        "rate": settings.HOTLINE_ASK_RATE_TOTAL,
    }
    if _form_full(request, whole_form):
        return refusal(lang, "err_too_many", 429)
    values, problems = _checked(request.POST, lang, text)
    if not problems:
        try:
            ticket = services.ticket_submit(**values)
        except Invalid as exc:
            problems[exc.field or "__all__"] = _message(text, exc)
        else:
            is_ratelimited(request, increment=True, **whole_form)
            return _page(request, lang, text, reference=ticket.reference)
    return _page(request, lang, text, values=values, problems=problems, status=400)
