"""Legal standards' pages: a country's treaty status and matrix (standards × provisions in
force on a date), its timeline of changes, and the managers' forms (a provision, an assessment
with an optional recommendation, a recommendation's follow-up, a change of treaty status)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qorgau.errors import NotFound
from qorgau.legal import selectors
from qorgau.legal.access import (
    access_legal_country,
    access_provision,
    access_recommendation_for_change,
    access_treaty_status_for_change,
    legal_countries,
    legal_editor_countries,
)
from qorgau.legal.forms import (
    AssessmentForm,
    CountryForm,
    FollowUpForm,
    ProvisionForm,
    TreatyStatusForm,
)
from qorgau.legal.models import Assessment
from qorgau.legal.services import (
    assessment_record,
    provision_record,
    recommendation_follow_up,
    recommendation_record,
    treaty_status_change,
)
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.reference.models import Country
from qorgau.web.forms import form_submitted
from qorgau.web.requests import request_user, requires


def _country(request: HttpRequest, user: User) -> tuple[CountryForm, Country]:
    codes = legal_countries(user)
    if not codes:
        raise NotFound
    names = {c.iso3: c for c in Country.objects.filter(iso3__in=codes)}
    form = CountryForm(request.GET or None, countries=[(c, names[c].name) for c in codes])
    asked = request.GET.get("country") or codes[0]
    return form, names[access_legal_country(user=user, country=asked)]


def _back(country: Country) -> str:
    return f"{reverse('legal:country')}?country={country.iso3}"


@login_required
@require_GET
def country_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form, country = _country(request, user)
    on = (form.cleaned_data.get("on") if form.is_valid() else None) or timezone.localdate()
    page = selectors.legal_page(
        country=country, on=on, can_edit=country.iso3 in legal_editor_countries(user)
    )
    return render(request, "legal/country.html", {"form": form, "page": page})


@login_required
@require_GET
def timeline(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form, country = _country(request, user)
    changes = selectors.legal_timeline(country)
    return render(
        request, "legal/timeline.html", {"form": form, "country": country, "changes": changes}
    )


def _editable_country(request: HttpRequest, user: User) -> Country:
    _form, country = _country(request, user)
    if country.iso3 not in legal_editor_countries(user):
        raise NotFound().about("country", None)
    return country


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def provision_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    country = _editable_country(request, user)
    form = ProvisionForm(request.POST or None)
    row, status = form_submitted(
        request, form, lambda data: provision_record(actor=user, country=country, **data),
        _("The provision was recorded."),
    )  # fmt: skip
    if row is not None:
        return redirect(_back(country))
    return render(
        request, "legal/provision.html", {"form": form, "country": country}, status=status
    )


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    provision = access_provision(user=user, public_id=public_id)
    country = provision.law.country
    if country.iso3 not in legal_editor_countries(user):
        raise NotFound().about("provision", provision.public_id)
    form = AssessmentForm(request.POST or None)

    def save(data: dict[str, Any]) -> Assessment:
        data = dict(data)
        text = data.pop("recommendation").strip()
        with transaction.atomic():
            assessment = assessment_record(actor=user, provision=provision, **data)
            if text:
                recommendation_record(
                    actor=user, assessment=assessment, text=text, made_on=assessment.assessed_on
                )
        return assessment

    row, status = form_submitted(request, form, save, _("The assessment was recorded."))
    if row is not None:
        return redirect(_back(country))
    return render(
        request, "legal/assess.html", {"form": form, "provision": provision}, status=status
    )


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    recommendation = access_recommendation_for_change(user=user, public_id=public_id)
    form = FollowUpForm(
        request.POST or None,
        initial={"version": recommendation.version, "status": recommendation.status},
    )
    row, status = form_submitted(
        request, form,
        lambda data: recommendation_follow_up(actor=user, recommendation=recommendation, **data),
        _("The follow-up was recorded."),
    )  # fmt: skip
    if row is not None:
        return redirect(_back(recommendation.assessment.provision.law.country))
    return render(
        request,
        "legal/follow_up.html",
        {"form": form, "recommendation": recommendation},
        status=status,
    )


@requires(Perm.FACTSHEET_EDIT)
@require_http_methods(["GET", "POST"])
def treaty_status(request: HttpRequest, public_id: str) -> HttpResponse:
    """Change a country's status under an instrument, with a reason; its history below."""
    user = request_user(request)
    row = access_treaty_status_for_change(user=user, public_id=public_id)
    initial = {
        "status": row.status, "signed_on": row.signed_on, "party_since": row.party_since,
        "source": row.source, "verified": row.verified, "version": row.version,
    }  # fmt: skip
    form = TreatyStatusForm(request.POST or None, initial=initial)
    changed, status = form_submitted(
        request, form, lambda data: treaty_status_change(actor=user, treaty_status=row, **data),
        _("The treaty status was changed."),
    )  # fmt: skip
    if changed is not None:
        return redirect(_back(row.country))
    context = {
        "form": form, "row": row, "history": selectors.treaty_status_history(row),
    }  # fmt: skip
    return render(request, "legal/treaty_status.html", context, status=status)
