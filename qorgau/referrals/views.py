"""The referrals' pages: the outbox and the inbox, one referral with its next steps, and the
referral form from the person page and from the household page. Parse, gate, one selector or
service, render."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qorgau.organisations.models import Organisation
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.partners.selectors import partner_directory
from qorgau.people.access import access_household_for_change, access_person_for_change
from qorgau.people.models import Household, Person
from qorgau.referrals import selectors, services
from qorgau.referrals.access import access_referral, access_referral_for_change
from qorgau.referrals.checks import ConsentInput
from qorgau.referrals.figures import referral_figures
from qorgau.referrals.forms import (
    BoxFilterForm,
    ReferralForm,
    StepForm,
    VersionForm,
)
from qorgau.statistics.disclosure import policy_from_settings
from qorgau.web.forms import MonthFiguresForm
from qorgau.web.requests import request_user, requires

PAGE_SIZE = 50


def _box(request: HttpRequest, box: str) -> HttpResponse:
    user = request_user(request)
    form = BoxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.referral_list(
        user,
        box=box,
        state=filters.get("state", ""),
        service=filters.get("service", ""),
        urgency=filters.get("urgency", ""),
        overdue=bool(filters.get("overdue")),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [(referral, selectors.is_overdue(referral)) for referral in page]
    context = {
        "box": box,
        "form": form,
        "page": page,
        "entries": entries,
        "summary": selectors.box_summary(user, box=box),
        "figures": not user_scope(user, Perm.STATISTICS_VIEW).is_empty,
        "query": urlencode({k: v for k, v in request.GET.items() if k != "page"}),
        "filtered": any(filters.values()),
    }
    return render(request, "referrals/box.html", context)


@requires(Perm.PERSON_VIEW)
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    return _box(request, selectors.OUTBOX)


@requires(Perm.PERSON_VIEW)
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    return _box(request, selectors.INBOX)


@requires(Perm.STATISTICS_VIEW)
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """The month's figures per partner and service, exact or as they would be published."""
    this_month = timezone.localdate().replace(day=1)
    form = MonthFiguresForm(request.GET or None, initial={"month": this_month})
    chosen = form.cleaned_data if form.is_valid() else {}
    month: dt.date = chosen.get("month") or this_month
    policy = policy_from_settings() if chosen.get("published") else None
    rows = referral_figures(request_user(request), month=month, policy=policy)
    context = {"form": form, "rows": rows, "month": month, "published": policy is not None}
    return render(request, "referrals/figures.html", context)


@requires(Perm.PERSON_VIEW)
@require_GET
def detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    referral = access_referral(user=user, public_id=public_id)
    page = selectors.referral_page(user, referral)
    return render(request, "referrals/detail.html", {"page": page, "form": StepForm()})


@requires(Perm.PERSON_CHANGE)
@require_POST
def step(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    referral = access_referral_for_change(user=user, public_id=public_id)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.referral_step_take(
                actor=user, referral=referral, **dict(form.cleaned_data.items())
            )
        except ValidationError as exc:  # Invalid and StaleVersion too
            form.add_error(None, list(exc.messages))
        else:
            messages.success(request, _("The referral was updated."))
            return redirect("referrals:detail", public_id=referral.public_id)
    page = selectors.referral_page(user, referral)
    return render(request, "referrals/detail.html", {"page": page, "form": form}, status=400)


@requires(Perm.PERSON_VIEW)
@require_POST
def override_approve(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    referral = access_referral_for_change(user=user, public_id=public_id)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.referral_consent_override_approve(
                actor=user, referral=referral, version=form.cleaned_data["version"]
            )
        except ValidationError as exc:
            form.add_error(None, list(exc.messages))
        else:
            messages.success(request, _("The override was approved: the referral may be sent."))
            return redirect("referrals:detail", public_id=referral.public_id)
    page = selectors.referral_page(user, referral)
    return render(request, "referrals/detail.html", {"page": page, "form": form}, status=400)


def _partners(request: HttpRequest) -> list[Organisation]:
    return [profile.organisation for profile in partner_directory(request_user(request))]


@requires(Perm.PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest, person_id: str) -> HttpResponse:
    """Refer a person the user may change; ``?previous=`` re-refers a declined or not
    completed referral of theirs to another partner."""
    person = access_person_for_change(user=request_user(request), public_id=person_id)
    return _refer(request, person=person)


@requires(Perm.PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def refer_household(request: HttpRequest, household_id: str) -> HttpResponse:
    """Refer a household the user may change (from the household page), as a person."""
    household = access_household_for_change(user=request_user(request), public_id=household_id)
    return _refer(request, household=household)


def _refer(
    request: HttpRequest, *, person: Person | None = None, household: Household | None = None
) -> HttpResponse:
    user = request_user(request)
    previous_id = request.GET.get("previous") or request.POST.get("previous")
    previous = access_referral(user=user, public_id=previous_id) if previous_id else None
    partners = [o.pk for o in _partners(request)]
    form = ReferralForm(
        request.POST or None,
        partners=Organisation.objects.filter(pk__in=partners).order_by("name"),
        initial={"consent_on": timezone.localdate(), "urgency": "medium"},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            consent = ConsentInput(
                given=data["consent"], given_by=data["consent_by"],
                method=data["consent_method"], given_on=data["consent_on"],
                guardian=data["guardian"], override_reason=data["override_reason"],
            )  # fmt: skip
            terms = {
                "actor": user, "recipient": data["recipient"], "services": data["services"],
                "reason": data["reason"], "urgency": data["urgency"],
                "field_groups": data["field_groups"], "consent": consent,
            }  # fmt: skip
            try:
                if previous is not None:
                    referral = services.referral_rerefer(
                        referral=previous, version=previous.version, **terms
                    )
                else:
                    referral = services.referral_create(person=person, household=household, **terms)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The referral was drafted: check it and send it."))
                return redirect("referrals:detail", public_id=referral.public_id)
    context = {"form": form, "person": person, "household": household, "previous": previous}
    return render(request, "referrals/refer.html", context, status=status)
