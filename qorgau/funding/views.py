"""The funding pages: the funded share as of a date with its charts and their CSV (anyone
signed in), and the managers' forms for contributions (recording and correcting them), exchange
rates, donors and requirements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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

from qorgau.errors import Invalid, NotFound, StaleVersion
from qorgau.funding import access, charts, selectors, services
from qorgau.funding.cached import funded_share_cached
from qorgau.funding.forms import (
    ContributionCorrectionForm,
    ContributionForm,
    DonorForm,
    ExchangeRateForm,
    RequirementForm,
    ServiceErrors,
    ShareForm,
)
from qorgau.funding.models import Operation
from qorgau.organisations.permissions import Perm
from qorgau.web.charts import chart_csv
from qorgau.web.requests import request_user, requires
from qorgau.web.security_log import export_record
from qorgau.web.throttles import export_throttled


def _wanted(request: HttpRequest) -> tuple[ShareForm, Operation, int, dt.date]:
    form = ShareForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    operation = data.get("operation") or Operation.objects.get(code="RCA")
    today = timezone.localdate()
    as_of: dt.date | None = data.get("as_of")
    year: int | None = data.get("year")
    if year is None:  # the latest year with a requirement, not an empty current year
        known = [y for y in selectors.funding_years(operation) if y <= (as_of or today).year]
        year = known[-1] if known else (as_of or today).year
    if as_of is None:  # a past year is shown as it closed
        as_of = min(today, dt.date(year, 12, 31))
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
        "corrects": set(access.editable_operations(user).values_list("pk", flat=True)),
        "query": f"operation={operation.code}&year={year}&as_of={as_of.isoformat()}",
    }  # fmt: skip
    try:
        share = funded_share_cached(operation=operation, year=year, as_of=as_of)
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
@export_throttled
@require_GET
def chart_data(request: HttpRequest, name: str) -> HttpResponse:
    """The numbers of one chart, as CSV (UTF-8 with BOM, for Excel): counted in the exports'
    rate limit and logged as an export, as the statistics charts' CSV is."""
    if name not in charts.CHARTS:
        raise NotFound
    _form, operation, year, as_of = _wanted(request)
    try:
        share = funded_share_cached(operation=operation, year=year, as_of=as_of)
    except Invalid as exc:
        return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
    chart = charts.charts(share)[name]
    response = chart_csv(chart, f"qorgau-funding-{operation.code}-{year}-{as_of}-{name}.csv")
    export_record(
        request, request_user(request), "funding_chart", chart=name, operation=operation.code,
        year=str(year), as_of=str(as_of),
    )  # fmt: skip
    return response


def _submitted(
    request: HttpRequest, form: ServiceErrors, save: Callable[[dict[str, Any]], Any], done: str
) -> tuple[Any, int]:
    """A manager's form: on a valid POST, ``save`` its data through a service, flash ``done``
    and give the record written; else (None, the page's status): refusals shown beside their
    fields (400), a stale version above the form (409)."""
    if request.method != "POST":
        return None, 200
    if not form.is_valid():
        return None, 400
    try:
        row = save(form.cleaned_data)
    except StaleVersion as exc:
        form.add_error(None, str(exc))
        return None, 409
    except ValidationError as exc:  # Invalid too: shown beside the fields
        form.add_service_errors(exc)
        return None, 400
    messages.success(request, done)
    return row, 302


def _overview_of(row: Any, as_of: dt.date) -> str:
    """The overview of the operation and year of a contribution or requirement, as of a day."""
    query = f"?operation={row.operation.code}&year={row.year}&as_of={as_of.isoformat()}"
    return reverse("funding:overview") + query


def _form_page(
    request: HttpRequest, form: ServiceErrors, heading: str, status: int
) -> HttpResponse:
    return render(request, "funding/form.html", {"form": form, "heading": heading}, status=status)


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
    row, status = _submitted(
        request, form, lambda data: services.contribution_record(actor=user, **data),
        _("The contribution was recorded."),
    )  # fmt: skip
    if row is not None:
        return redirect(_overview_of(row, row.received_on))
    return _form_page(request, form, _("Record a contribution"), status)


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def rate_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not access.may_edit_funding(user):
        raise NotFound
    form = ExchangeRateForm(request.POST or None)
    row, status = _submitted(
        request, form, lambda data: services.exchange_rate_record(actor=user, **data),
        _("The exchange rate was recorded."),
    )  # fmt: skip
    if row is not None:
        return redirect("funding:overview")
    return _form_page(request, form, _("Record an exchange rate"), status)


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def contribution_correct(request: HttpRequest, public_id: str) -> HttpResponse:
    """Correct a contribution (amount, currency, day, earmarking, area) with a reason; its
    history is shown below the form."""
    user = request_user(request)
    contribution = access.access_contribution_for_change(user=user, public_id=public_id)
    initial = {
        "amount": contribution.amount, "currency": contribution.currency,
        "received_on": contribution.received_on, "earmarking": contribution.earmarking,
        "area": contribution.area, "version": contribution.version,
    }  # fmt: skip
    form = ContributionCorrectionForm(request.POST or None, initial=initial)
    row, status = _submitted(
        request, form,
        lambda data: services.contribution_update(actor=user, contribution=contribution, **data),
        _("The contribution was corrected."),
    )  # fmt: skip
    if row is not None:
        return redirect(_overview_of(row, row.received_on))
    context = {
        "form": form, "contribution": contribution,
        "history": selectors.contribution_history(contribution),
        "heading": _("Correct a contribution"),
    }  # fmt: skip
    return render(request, "funding/contribution.html", context, status=status)


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def donor_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if not access.may_edit_funding(user):
        raise NotFound
    form = DonorForm(request.POST or None)
    row, status = _submitted(
        request, form, lambda data: services.donor_create(actor=user, **data),
        _("The donor was recorded."),
    )  # fmt: skip
    if row is not None:
        return redirect("funding:overview")
    return _form_page(request, form, _("Add a donor"), status)


def _requirement_initial(request: HttpRequest, operations: Any) -> dict[str, Any]:
    """The form's start: the requirement named in the query (operation, year, area) with its
    amount and version, so that saving it changes that one."""
    form = RequirementForm(
        {**request.GET.dict(), "amount_usd": "0", "version": "0"}, operations=operations
    )
    if not form.is_valid():
        return {"year": timezone.localdate().year, "version": 0}
    wanted = {k: form.cleaned_data[k] for k in ("operation", "year", "area")}
    current = selectors.requirement_current(**wanted)
    if current is None:
        return {**wanted, "version": 0}
    return {**wanted, "amount_usd": current.amount_usd, "version": current.version}


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def requirement_edit(request: HttpRequest) -> HttpResponse:
    """Set what an operation needs in a year for an area (a new one, or a change)."""
    user = request_user(request)
    operations = access.editable_operations(user)
    if not operations.exists():
        raise NotFound
    form = RequirementForm(
        request.POST or None, operations=operations,
        initial=_requirement_initial(request, operations),
    )  # fmt: skip
    row, status = _submitted(
        request, form, lambda data: services.requirement_set(actor=user, **data),
        _("The requirement was saved."),
    )  # fmt: skip
    if row is not None:
        return redirect(_overview_of(row, timezone.localdate()))
    return _form_page(request, form, _("Set a requirement"), status)
