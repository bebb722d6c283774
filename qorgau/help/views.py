"""The help site's pages: the public ones (no login, cacheable, in five languages) and the
staff's (list, edit with a preview, publish, history and restore). Parse, gate, one selector
or service, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qorgau.help import selectors, services
from qorgau.help.access import (
    access_help_page_for_change,
    access_help_page_public,
    require_help_editor,
)
from qorgau.help.chrome import chrome
from qorgau.help.forms import HelpPageForm, PartnerFilterForm
from qorgau.help.languages import GETTEXT_LANGUAGES, TAGS, HelpLanguage
from qorgau.help.models import HelpPage
from qorgau.help.rendering import markdown_to_html
from qorgau.organisations.permissions import Perm
from qorgau.web.requests import request_user, requires
from qorgau.web.throttles import anonymous_throttled

# --- public ---------------------------------------------------------------------------------


def _visitor_language(request: HttpRequest) -> str:
    """The language remembered in the cookie, else the browser's first of ours, else the
    site's default."""
    remembered = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if remembered in HelpLanguage.values:
        return remembered
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = TAGS.get(tag.lower().split("-")[0])
        if code:
            return code
    return settings.LANGUAGE_CODE


@anonymous_throttled
@require_GET
def public_root(request: HttpRequest) -> HttpResponse:
    """``/help/``: on to the visitor's language."""
    response = HttpResponseRedirect(f"/help/{_visitor_language(request)}/")
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _public(
    request: HttpRequest, language: str, template: str, context: dict[str, Any]
) -> HttpResponse:
    """Render a public page in ``language`` (gettext's for kk, ru and en; English underneath
    fa and uk, whose fixed strings come from ``help/chrome.py``), cacheable, and remember the
    language in Django's language cookie."""
    with translation.override(language if language in GETTEXT_LANGUAGES else "en"):
        response = render(request, template, {**context, "t": chrome(language)})
    remembered = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) == language
    if not remembered:
        response.set_cookie(  # as Django's own set_language view sets it
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    # A response that sets a cookie is kept by the browser only, never by a shared cache.
    patch_cache_control(
        response,
        max_age=settings.HELP_CACHE_SECONDS,
        **{"public" if remembered else "private": True},
    )
    response["Content-Language"] = language
    return response


@anonymous_throttled
@require_GET
def public_index(request: HttpRequest, language: str) -> HttpResponse:
    frame = selectors.help_frame(language)
    return _public(request, language, "help/public_index.html", {"frame": frame})


@anonymous_throttled
@require_GET
def public_page(request: HttpRequest, language: str, slug: str) -> HttpResponse:
    page = access_help_page_public(user=request.user, language=language, slug=slug)
    shown = selectors.help_public_page(page)
    return _public(
        request,
        language,
        "help/public_page.html",
        {"shown": shown, "frame": shown.frame, "current_slug": page.slug},
    )


@anonymous_throttled
@require_GET
def public_partners(request: HttpRequest, language: str) -> HttpResponse:
    """Partners near you, by region and service (kk, ru and en: the directory's names exist in
    these three)."""
    if language not in GETTEXT_LANGUAGES:
        raise Http404
    with translation.override(language):
        regions, catalogue = selectors.help_partner_choices()
        form = PartnerFilterForm(request.GET or None, regions=regions, services=catalogue)
        filters = form.cleaned_data if form.is_valid() else {}
        partners = selectors.help_partners(
            region=filters.get("region", ""), service=filters.get("service", "")
        )
    context = {
        "frame": selectors.help_frame(language, section="partners"),
        "form": form,
        "partners": partners,
    }
    return _public(request, language, "help/public_partners.html", context)


# --- staff ----------------------------------------------------------------------------------


@requires(Perm.FACTSHEET_EDIT)
@require_GET
def page_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    require_help_editor(user)
    return render(request, "help/list.html", {"pages": selectors.help_pages_for_staff(user)})


def _form_page(
    request: HttpRequest, form: HelpPageForm, page: HelpPage | None, save: Any
) -> HttpResponse:
    """The edit form's answer: a preview, a save (then on to the page's edit form), or the
    form again with what is wrong beside the fields (400)."""
    preview = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            if "preview" in request.POST:
                preview, status = markdown_to_html(data["body"]), 200
            else:
                try:
                    saved = save(data)
                except ValidationError as exc:  # Invalid and StaleVersion too
                    form.add_service_errors(exc)
                else:
                    messages.success(request, _("The help page was saved."))
                    return redirect("help:edit", public_id=saved.public_id)
    context = {"form": form, "page": page, "preview": preview}
    return render(request, "help/edit.html", context, status=status)


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def page_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    require_help_editor(user)
    form = HelpPageForm(request.POST or None, creating=True)
    return _form_page(
        request,
        form,
        None,
        lambda data: services.help_page_create(
            actor=user, language=data["language"], slug=data["slug"], title=data["title"],
            body=data["body"], position=data["position"],
        ),
    )  # fmt: skip


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def page_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    page = access_help_page_for_change(user=user, public_id=public_id)
    initial = {
        "title": page.title, "slug": page.slug, "position": page.position, "body": page.body,
        "version": page.version,
    }  # fmt: skip
    form = HelpPageForm(request.POST or None, initial=initial, creating=False)
    return _form_page(
        request,
        form,
        page,
        lambda data: services.help_page_update(
            actor=user, page=page, version=data["version"], slug=data["slug"],
            title=data["title"], body=data["body"], position=data["position"],
        ),
    )  # fmt: skip


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


@requires(Perm.FACTSHEET_EDIT)
@require_POST
def page_publish(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    page = access_help_page_for_change(user=user, public_id=public_id)
    published = request.POST.get("published") == "1"
    try:
        services.help_page_publish(
            actor=user, page=page, version=_version(request), published=published
        )
    except ValidationError as exc:  # StaleVersion
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The page is published.") if published else _("The page is no longer published."),
        )
    return redirect("help:edit", public_id=page.public_id)


@requires(Perm.FACTSHEET_EDIT)
@require_GET
def page_history(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    page = access_help_page_for_change(user=user, public_id=public_id)
    context = {"page": page, "versions": selectors.help_page_versions(page)}
    return render(request, "help/history.html", context)


@requires(Perm.FACTSHEET_EDIT)
@require_POST
def page_restore(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    page = access_help_page_for_change(user=user, public_id=public_id)
    try:
        history_id = int(request.POST.get("history_id", ""))
    except ValueError:
        history_id = -1
    try:
        services.help_page_restore(
            actor=user, page=page, version=_version(request), history_id=history_id
        )
    except ValidationError as exc:  # Invalid and StaleVersion
        messages.error(request, " ".join(exc.messages))
        return redirect("help:history", public_id=page.public_id)
    messages.success(request, _("The earlier version was restored."))
    return redirect("help:edit", public_id=page.public_id)
