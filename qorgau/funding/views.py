"""The funding pages: the funded share as of a date with its charts and their CSV (anyone
signed in), and the managers' forms for contributions and exchange rates."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qorgau.errors import Invalid, NotFound
from qorgau.funding import access, charts, selectors, services
from qorgau.funding.forms import ContributionForm, ExchangeRateForm, ShareForm
from qorgau.funding.models import Operation
from qorgau.organisations.permissions import Perm
from qorgau.web.requests import request_user, requires


def _wanted(request: HttpRequest) -> tuple[ShareForm, Operation, int, dt.date]:
    form = ShareForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    operation = data.get("operation") or Operation.objects.get(code="RCA")
    as_of = data.get("as_of") or timezone.localdate()
    year = data.get("year") or as_of.year
    return form, operation, year, as_of


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """An operation's year: requirement, funded share as of a date, by area, with charts."""
    user = request_user(request)
    form, operation, year, as_of = _wanted(request)
    context: dict[str, Any] = {
        "form": form, "operation": operation, "year": year, "as_of": as_of,
        "editor": access.may_edit_funding(user),
        "query": f"operation={operation.code}&year={year}&as_of={as_of.isoformat()}",
    }  # fmt: skip
    try:
        share = selectors.funded_share(operation=operation, year=year, as_of=as_of)
    except Invalid as exc:
        context["problem"] = str(exc)
        return render(request, "funding/overview.html", context, status=409)
    drawn = charts.charts(share)
    context |= {
        "share": share,
        "bar_width": min(share.percent or 0, 100),
        "charts": drawn,
        "svgs": {name: chart.svg() for name, chart in drawn.items()},
    }
    return render(request, "funding/overview.html", context)


@login_required
@require_GET
def chart_data(request: HttpRequest, name: str) -> HttpResponse:
    """The numbers of one chart, as CSV (UTF-8 with BOM, for Excel)."""
    if name not in charts.CHARTS:
        raise NotFound
    _form, operation, year, as_of = _wanted(request)
    try:
        share = selectors.funded_share(operation=operation, year=year, as_of=as_of)
    except Invalid as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    chart = charts.charts(share)[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(chart.columns)
    writer.writerows(chart.rows)
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")
    filename = f"qorgau-funding-{operation.code}-{year}-{as_of}-{name}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def contribution_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    operations = access.editable_operations(user)
    if not operations.exists():
        raise NotFound
    form = ContributionForm(
        request.POST or None, operations=operations,
        initial={"year": timezone.localdate().year, "currency": "USD"},
    )  # fmt: skip
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                contribution = services.contribution_record(actor=user, **form.cleaned_data)
            except ValidationError as exc:  # Invalid too: shown beside the fields
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The contribution was recorded."))
                query = (
                    f"?operation={contribution.operation.code}&year={contribution.year}"
                    f"&as_of={contribution.received_on.isoformat()}"
                )
                return redirect(reverse("funding:overview") + query)
    context = {"form": form, "heading": _("Record a contribution")}
    return render(request, "funding/form.html", context, status=status)


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def rate_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not access.may_edit_funding(user):
        raise NotFound
    form = ExchangeRateForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.exchange_rate_record(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The exchange rate was recorded."))
                return redirect("funding:overview")
    context = {"form": form, "heading": _("Record an exchange rate")}
    return render(request, "funding/form.html", context, status=status)
