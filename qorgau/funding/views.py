"""The funding pages: the funded share as of a date with its charts and their CSV (anyone
signed in), and the managers' forms for contributions (recording and correcting them), exchange
rates (recording and correcting them), donors (adding, changing and removing them) and
requirements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from qorgau.errors import Invalid, NotFound
from qorgau.formats.display import local_number
from qorgau.funding import access, charts, selectors, services
from qorgau.funding.cached import funded_share_cached
from qorgau.funding.forms import (
    ContributionCorrectionForm,
    ContributionForm,
    DonorEditForm,
    DonorForm,
    DonorRemoveForm,
    ExchangeRateForm,
    RateCorrectionForm,
    RequirementForm,
    ShareForm,
)
from qorgau.funding.models import Operation
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.web.charts import chart_csv
from qorgau.web.forms import ServiceErrorsForm, form_submitted
from qorgau.web.requests import request_user, requires
from qorgau.web.security_log import export_record
from qorgau.web.throttles import export_throttled

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 25


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


def _overview_of(row: Any, as_of: dt.date) -> str:
    """The overview of the operation and year of a contribution or requirement, as of a day."""
    query = f"?operation={row.operation.code}&year={row.year}&as_of={as_of.isoformat()}"
    return reverse("funding:overview") + query


def _form_page(
    request: HttpRequest, form: ServiceErrorsForm, heading: str, status: int
) -> HttpResponse:
    return render(request, "funding/form.html", {"form": form, "heading": heading}, status=status)


def _shared_record_new(
    request: HttpRequest, *, form: ServiceErrorsForm, save: Callable[[User, dict[str, Any]], Any],
    done: StrOrPromise, heading: StrOrPromise, template: str, rows: QuerySet[Any],
) -> HttpResponse:  # fmt: skip
    """The page of a record every operation shares (a donor, an exchange rate): the form that
    records one, and the list of those recorded, each linked to its change. Managers who
    record funding only (404 for the others, as for a missing page)."""
    user = request_user(request)
    if not access.may_edit_funding(user):
        raise NotFound
    row, status = form_submitted(request, form, lambda data: save(user, data), done)
    if row is not None:
        return redirect(request.path)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "heading": heading, "page": page}
    return render(request, template, context, status=status)


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
    row, status = form_submitted(
        request, form, lambda data: services.contribution_record(actor=user, **data),
        _("The contribution was recorded."),
    )  # fmt: skip
    if row is not None:
        return redirect(_overview_of(row, row.received_on))
    return _form_page(request, form, _("Record a contribution"), status)


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def rate_new(request: HttpRequest) -> HttpResponse:
    """Record an exchange rate; the rates recorded below, each with its correction."""
    return _shared_record_new(
        request, form=ExchangeRateForm(request.POST or None),
        save=lambda user, data: services.exchange_rate_record(actor=user, **data),
        done=_("The exchange rate was recorded."), heading=_("Exchange rates"),
        template="funding/rates.html", rows=selectors.rate_list(request_user(request)),
    )  # fmt: skip


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def rate_correct(request: HttpRequest, public_id: str) -> HttpResponse:
    """Correct an exchange rate's value with a reason. The page shows what the rate converts
    (the contributions and their US dollars) and its history; after saving, the message says
    how the converted total changed."""
    user = request_user(request)
    rate = access.access_exchange_rate_for_change(user=user, public_id=public_id)
    before = selectors.rate_effect(rate)
    form = RateCorrectionForm(
        request.POST or None,
        initial={"units_per_usd": rate.units, "version": rate.version},
    )
    row, status = form_submitted(
        request, form,
        lambda data: services.exchange_rate_correct(actor=user, rate=rate, **data),
        _("The exchange rate was corrected."),
    )  # fmt: skip
    if row is not None:
        after = selectors.rate_effect(row)
        messages.info(request, _rate_effect_message(before, after))
        return redirect("funding:rate_new")
    context = {
        "form": form, "rate": rate, "effect": before, "history": selectors.rate_history(rate),
        "heading": _("Correct an exchange rate"), "cancel": reverse("funding:rate_new"),
    }  # fmt: skip
    return render(request, "funding/rate.html", context, status=status)


def _rate_effect_message(before: selectors.RateEffect, after: selectors.RateEffect) -> str:
    """How the correction changed the US dollars of what the rate converts."""
    count = len(after.contributions)
    if not count:
        return _("No contribution is converted at this rate: no figure changed.")
    text = ngettext(
        "%(count)s contribution converted at this rate now counts USD %(after)s instead of "
        "USD %(before)s.",
        "%(count)s contributions converted at this rate now count USD %(after)s instead of "
        "USD %(before)s.",
        count,
    )
    totals = {"before": before.total_usd, "after": after.total_usd}
    return text % {"count": count, **{k: local_number(v) for k, v in totals.items()}}


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
    row, status = form_submitted(
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
    """Add a donor; the donors recorded below, each with its change and removal."""
    return _shared_record_new(
        request, form=DonorForm(request.POST or None),
        save=lambda user, data: services.donor_create(actor=user, **data),
        done=_("The donor was recorded."), heading=_("Donors"),
        template="funding/donors.html", rows=selectors.donor_list(request_user(request)),
    )  # fmt: skip


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def donor_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    donor = access.access_donor_for_change(user=user, public_id=public_id)
    initial = {
        "name_en": donor.name_en, "name_ru": donor.name_ru, "name_kk": donor.name_kk,
        "kind": donor.kind, "country": donor.country, "version": donor.version,
    }  # fmt: skip
    form = DonorEditForm(request.POST or None, initial=initial)
    row, status = form_submitted(
        request, form, lambda data: services.donor_update(actor=user, donor=donor, **data),
        _("The donor was changed."),
    )  # fmt: skip
    if row is not None:
        return redirect("funding:donor_new")
    context = {
        "form": form, "heading": _("Change a donor"), "donor": donor,
        "cancel": reverse("funding:donor_new"),
    }  # fmt: skip
    return render(request, "funding/form.html", context, status=status)


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def donor_remove(request: HttpRequest, public_id: str) -> HttpResponse:
    """Remove a donor recorded by mistake, after a confirmation; refused for a donor whose
    contributions are recorded (ADR 0060)."""
    user = request_user(request)
    donor = access.access_donor_for_change(user=user, public_id=public_id)
    form = DonorRemoveForm(request.POST or None, initial={"version": donor.version})
    row, status = form_submitted(
        request, form,
        lambda data: services.donor_remove(actor=user, donor=donor, **data),
        _("The donor was removed."),
    )  # fmt: skip
    if row is not None:
        return redirect("funding:donor_new")
    context = {"form": form, "donor": donor, "heading": _("Remove a donor")}
    return render(request, "funding/donor_remove.html", context, status=status)


def _requirement_initial(request: HttpRequest, operations: Any) -> dict[str, Any]:
    """The form's start: the requirement named in the query (operation, year, area) with its
    amount, version and public id, so that saving it changes that one (and switching the form
    to an area that has another is refused beside the area, not as a stale edit)."""
    form = RequirementForm(
        {**request.GET.dict(), "amount_usd": "0", "version": "0"}, operations=operations
    )
    if not form.is_valid():
        return {"year": timezone.localdate().year, "version": 0}
    wanted = {k: form.cleaned_data[k] for k in ("operation", "year", "area")}
    current = selectors.requirement_current(**wanted)
    if current is None:
        return {**wanted, "version": 0}
    return {
        **wanted, "amount_usd": current.amount_usd, "version": current.version,
        "editing": current.public_id,
    }  # fmt: skip


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
    row, status = form_submitted(
        request, form, lambda data: services.requirement_set(actor=user, **data),
        _("The requirement was saved."),
    )  # fmt: skip
    if row is not None:
        return redirect(_overview_of(row, timezone.localdate()))
    return _form_page(request, form, _("Set a requirement"), status)
