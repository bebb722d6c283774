"""Statistics pages: the dashboard, the fact sheet (page, PDF, texts) and the public figures.
Thin views: parse, check access, call the figures function, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qorgau.errors import NotAllowed, NotFound
from qorgau.organisations.models import User
from qorgau.reference.catalogue import CENTRAL_ASIA
from qorgau.reference.models import Country
from qorgau.statistics import charts as chart_module
from qorgau.statistics.access import (
    access_statistics,
    daily_figures,
    factsheet_countries,
    statistics_countries,
)
from qorgau.statistics.cached import figures_cached, published_figures
from qorgau.statistics.disclosure import (
    policy_from_settings,
    reference_date_on_or_before,
    reference_months_from_settings,
)
from qorgau.statistics.document import document
from qorgau.statistics.errors import StatisticsInputError
from qorgau.statistics.factsheet import factsheet, factsheet_html, factsheet_pdf
from qorgau.statistics.forms import FactSheetForm, FactSheetTextsForm, FiguresForm
from qorgau.statistics.inputs import LANGUAGES, FiguresRequest, figures_request
from qorgau.statistics.labels import dashboard_labels
from qorgau.statistics.models import FactSheetText
from qorgau.statistics.services import factsheet_text_save
from qorgau.statistics.tables import Release, release
from qorgau.web.charts import chart_csv
from qorgau.web.requests import request_user
from qorgau.web.security_log import export_record
from qorgau.web.throttles import anonymous_throttled, export_throttled


def _viewer(request: HttpRequest) -> tuple[User, list[str]]:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 (login_required ran)
    countries = statistics_countries(user)
    if not countries:
        raise NotAllowed
    return user, countries


def _request(form: FiguresForm, user: User) -> FiguresRequest:
    country = access_statistics(user, form.cleaned_data["country"])
    return figures_request(
        country=country, as_of=form.cleaned_data["as_of"], daily=daily_figures(user, country)
    )


def _daily_everywhere(request: HttpRequest) -> bool:
    """Whether the user may ask for any day in every country offered (the form's note)."""
    user, countries = _viewer(request)
    return all(daily_figures(user, country) for country in countries)


def _first_date(user: User, country: str) -> dt.date:
    """The date a form starts with: today for the agency office's managers, else the last
    reference date (ADR 0036)."""
    today = timezone.localdate()
    if daily_figures(user, country):
        return today
    return reference_date_on_or_before(today, reference_months_from_settings())


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in LANGUAGES else "en"


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Figures of a date and country, trends since 2014, charts with their numbers: any date
    for the agency office's managers, reference dates for everyone else (ADR 0036)."""
    user, countries = _viewer(request)
    initial = {"country": countries[0], "as_of": _first_date(user, countries[0])}
    form = FiguresForm(request.GET or initial, countries=countries)
    context: dict[str, Any] = {"form": form, "reference_dates_only": not _daily_everywhere(request)}
    status = 200
    if form.is_valid():
        try:
            wanted = _request(form, user)
        except StatisticsInputError as exc:
            form.add_error(None, exc.message)
            status = 400
        else:
            policy = policy_from_settings()
            published = release(figures_cached(country=wanted.country, as_of=wanted.as_of), policy)
            drawn = chart_module.charts(published, policy)
            data = document(published)
            context |= {
                "data": data,
                "labels": dashboard_labels(data),
                "charts": drawn,
                "svgs": {name: chart.svg() for name, chart in drawn.items()},
                "query": f"country={wanted.country}&as_of={wanted.as_of}",
            }
    return render(request, "statistics/dashboard.html", context, status=status)


@login_required
@export_throttled
@require_GET
def chart_data(request: HttpRequest, name: str) -> HttpResponse:
    """The numbers of one chart, as CSV (UTF-8 with BOM)."""
    if name not in chart_module.CHARTS:
        raise NotFound
    user, countries = _viewer(request)
    form = FiguresForm(request.GET, countries=countries)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    try:
        wanted = _request(form, user)
    except StatisticsInputError as exc:
        return HttpResponse(exc.message, status=400, content_type="text/plain")
    policy = policy_from_settings()
    published = release(figures_cached(country=wanted.country, as_of=wanted.as_of), policy)
    chart = chart_module.charts(published, policy)[name]
    response = chart_csv(chart, f"qorgau-{wanted.country}-{wanted.as_of}-{name}.csv")
    export_record(
        request, user, "chart", chart=name, country=wanted.country, as_of=str(wanted.as_of)
    )
    return response


def _factsheet_request(request: HttpRequest) -> tuple[FactSheetForm, Any]:
    user, countries = _viewer(request)
    initial = {"country": countries[0], "as_of": dt.date(timezone.localdate().year, 1, 1),
               "lang": _language()}  # fmt: skip
    form = FactSheetForm(request.GET or initial, countries=countries)
    if not form.is_valid():
        return form, None
    try:
        wanted = _request(form, user)
        funding = form.cleaned_data["funding_as_of"] or wanted.as_of
    except StatisticsInputError as exc:
        form.add_error(None, exc.message)
        return form, None
    sheet = factsheet(
        country=wanted.country, as_of=wanted.as_of, funding_as_of=funding,
        language=form.cleaned_data["lang"], policy=policy_from_settings(),
    )  # fmt: skip
    return form, sheet


@login_required
@require_GET
def factsheet_page(request: HttpRequest) -> HttpResponse:
    form, sheet = _factsheet_request(request)
    html = factsheet_html(sheet, standalone=False) if sheet else ""
    status = 400 if form.errors else 200
    return render(
        request, "statistics/factsheet.html",
        {"form": form, "sheet": sheet, "html": html, "query": request.GET.urlencode(),
         "reference_dates_only": not _daily_everywhere(request)},
        status=status,
    )  # fmt: skip


@login_required
@export_throttled
@require_GET
def factsheet_download(request: HttpRequest) -> HttpResponse:
    form, sheet = _factsheet_request(request)
    if sheet is None:
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    response = HttpResponse(factsheet_pdf(sheet), content_type="application/pdf")
    name = f"factsheet-{sheet.country.iso3}-{sheet.as_of}-{sheet.language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    export_record(
        request,
        request_user(request),
        "factsheet",
        country=sheet.country.iso3,
        as_of=str(sheet.as_of),
        lang=sheet.language,
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def factsheet_texts(request: HttpRequest) -> HttpResponse:
    """Managers edit the narrative blocks of their country's fact sheet, per language."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101
    countries = factsheet_countries(user)
    if not countries:
        raise NotAllowed
    code = request.GET.get("country", countries[0])
    language = request.GET.get("lang", _language())
    if code not in countries or language not in LANGUAGES:
        raise NotFound
    country = Country.objects.get(iso3=code)
    stored = dict(
        FactSheetText.objects.filter(country=country, language=language).values_list(
            "block", "text"
        )
    )
    form = FactSheetTextsForm(request.POST or None, initial_texts=stored)
    if request.method == "POST" and form.is_valid():
        for block, text in form.cleaned_data.items():
            if text.strip() != stored.get(block, "").strip():
                factsheet_text_save(
                    actor=user, country=country, language=language, block=block, text=text
                )
        messages.success(request, _("The fact sheet texts are saved."))
        return redirect(f"{request.path}?country={code}&lang={language}")
    return render(
        request, "statistics/factsheet_texts.html",
        {"form": form, "countries": countries, "country": code, "language": language,
         "languages": LANGUAGES},
    )  # fmt: skip


@anonymous_throttled
@require_GET
def public(request: HttpRequest) -> HttpResponse:
    """No login: the aggregates of every country as of 1 January of this year (the last
    year-end), disclosure control applied; from the kept copy, never recomputed for a visitor
    (``cached.published_figures``, ADR 0015)."""
    policy = policy_from_settings()
    releases: list[tuple[Country, Release, dict[str, Any], dict[str, Any]]] = []
    names = {c.iso3: c for c in Country.objects.filter(iso3__in=CENTRAL_ASIA)}
    day = dt.date(timezone.localdate().year, 1, 1)
    for code in CENTRAL_ASIA:
        found = published_figures(country=code, as_of=day)
        if found is None:
            continue
        published = release(found, policy)
        data = document(published)
        releases.append((names[code], published, data, dashboard_labels(data)))
    return render(request, "statistics/public.html", {"releases": releases, "policy": policy})
