"""Pledge pages: the list, a pledge with its indicator and history, recording a pledge and its
progress (managers of the country's agency office), the indicator's numbers as CSV and an
update's evidence document. Parse, gate, one selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qorgau.errors import NotFound
from qorgau.organisations.permissions import Perm
from qorgau.people.access import record_or_404
from qorgau.pledges import selectors
from qorgau.pledges.access import (
    access_pledge,
    access_pledge_for_change,
    editable_pledge_countries,
)
from qorgau.pledges.charts import indicator_chart
from qorgau.pledges.forms import AsOfForm, PledgeForm, ProgressForm
from qorgau.pledges.services import pledge_progress_record, pledge_record
from qorgau.reference.models import Country
from qorgau.web.charts import chart_csv
from qorgau.web.requests import request_user, requires
from qorgau.web.security_log import export_record
from qorgau.web.throttles import export_throttled


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in ("en", "ru", "kk") else "en"


@login_required
@require_GET
def pledge_list(request: HttpRequest) -> HttpResponse:
    """The pledges of the user's countries."""
    user = request_user(request)
    language = _language()
    rows = [(p, p.title(language)) for p in selectors.pledge_list(user)]
    return render(
        request,
        "pledges/list.html",
        {"rows": rows, "can_create": bool(editable_pledge_countries(user))},
    )


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def pledge_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    countries = editable_pledge_countries(user)
    if not countries:
        raise NotFound
    offices = {c.iso3: c for c in Country.objects.filter(iso3__in=countries)}
    form = PledgeForm(
        request.POST or None, initial={"country": countries[0]},
        countries=[(code, offices[code].name) for code in countries],
    )  # fmt: skip
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                pledge = pledge_record(
                    actor=user,
                    country=offices[data["country"]],
                    area=data["area"],
                    made_on=data["made_on"],
                    titles={lang: data[f"title_{lang}"] for lang in ("en", "ru", "kk")},
                    texts={lang: data[f"text_{lang}"] for lang in ("en", "ru", "kk")},
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The pledge was recorded."))
                return redirect("pledges:detail", public_id=pledge.public_id)
    return render(request, "pledges/new.html", {"form": form}, status=status)


def _pledge_page(request: HttpRequest, public_id: str) -> tuple[AsOfForm, selectors.PledgePage]:
    """The pledge (through its gate) and its page as of the date asked for (``as_of``)."""
    user = request_user(request)
    pledge = access_pledge(user=user, public_id=public_id)
    form = AsOfForm(request.GET or None)
    asked = form.cleaned_data.get("as_of") if form.is_valid() else None
    as_of = selectors.indicator_date(user, pledge, asked)
    return form, selectors.pledge_page(user, pledge, language=_language(), as_of=as_of)


@login_required
@require_GET
def pledge_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    form, page = _pledge_page(request, public_id)
    chart = indicator_chart(page.indicator)
    svg = chart.svg() if chart else ""
    return render(
        request,
        "pledges/detail.html",
        {"page": page, "form": form, "as_of": page.as_of, "chart": chart, "svg": svg},
    )


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def pledge_progress(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    pledge = access_pledge_for_change(user=user, public_id=public_id)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial={"version": pledge.version, "status": pledge.status},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                pledge_progress_record(actor=user, pledge=pledge, **form.cleaned_data)
            except ValidationError as exc:  # Invalid and StaleVersion too
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The progress update was recorded."))
                return redirect("pledges:detail", public_id=pledge.public_id)
    return render(
        request,
        "pledges/progress.html",
        {"form": form, "pledge": pledge, "title": pledge.title(_language())},
        status=status,
    )


@login_required
@export_throttled
@require_GET
def indicator_csv(request: HttpRequest, public_id: str) -> HttpResponse:
    """The numbers of a pledge's indicator chart, as CSV (UTF-8 with BOM)."""
    _form, page = _pledge_page(request, public_id)
    pledge, as_of = page.pledge, page.as_of
    chart = indicator_chart(page.indicator)
    if chart is None:
        raise NotFound().about("pledge", pledge.public_id)
    response = chart_csv(chart, f"qorgau-pledge-{pledge.public_id}-{as_of}.csv")
    export_record(
        request,
        request_user(request),
        "pledge_indicator",
        pledge=str(pledge.public_id),
        as_of=str(as_of),
    )
    return response


@login_required
@require_GET
def evidence(request: HttpRequest, public_id: str, update_id: str) -> FileResponse:
    """An update's evidence document, through the pledge's gate."""
    user = request_user(request)
    pledge = access_pledge(user=user, public_id=public_id)
    update = record_or_404(pledge.updates.all(), update_id, "pledge_update")
    if not update.evidence_document:
        raise NotFound().about("pledge", pledge.public_id)
    return FileResponse(
        update.evidence_document.open("rb"),
        as_attachment=True,
        filename=f"{update.public_id}.pdf",
        content_type="application/pdf",
    )
