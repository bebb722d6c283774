"""The partner directory's pages: parse, gate, one selector or service, render."""

from __future__ import annotations

from typing import cast
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qorgau.errors import NotFound
from qorgau.organisations.permissions import Perm
from qorgau.partners import selectors
from qorgau.partners.access import (
    access_agreement,
    access_agreement_for_change,
    access_partner_profile,
    access_partner_profile_for_change,
)
from qorgau.partners.forms import (
    AgreementEditForm,
    AgreementEndForm,
    AgreementRecordForm,
    AgreementSearchForm,
    DirectorySearchForm,
    PartnerProfileForm,
)
from qorgau.partners.services import (
    agreement_change,
    agreement_end,
    agreement_record,
    partner_profile_save,
)
from qorgau.reference.languages import language_name
from qorgau.reference.models import Region
from qorgau.web.requests import request_user, requires

PAGE_SIZE = 50


@requires(Perm.PERSON_VIEW)
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The partners of the user's countries, searchable by service, region and language."""
    user = request_user(request)
    form = DirectorySearchForm(request.GET or None, regions=selectors.directory_regions(user))
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.partner_directory(
        user,
        service=filters.get("service", ""),
        region=filters.get("region", ""),
        language=filters.get("language", ""),
        text=filters.get("q", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [
        (profile, [language_name(code) for code in profile.language_codes]) for profile in page
    ]
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    context = {
        "form": form,
        "page": page,
        "entries": entries,
        "query": query,
        "filtered": any(filters.values()),
        "editable": list(selectors.partner_entries_to_edit(user)),
    }
    return render(request, "partners/directory.html", context)


@requires(Perm.PERSON_VIEW)
@require_GET
def partner_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    organisation = access_partner_profile(user=user, public_id=public_id)
    return render(
        request, "partners/detail.html", {"page": selectors.partner_page(user, organisation)}
    )


@requires(Perm.ORGANISATION_MANAGE)
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    organisation = access_partner_profile_for_change(user=user, public_id=public_id)
    page = selectors.partner_page(user, organisation)
    profile = page.profile
    initial: dict[str, object] = {"version": profile.version if profile else 0}
    if profile is not None:
        initial |= {
            "services": [s.code for s in page.services],
            "regions": [r.code for r in page.regions],
            "languages": profile.language_codes,
            **{
                name: getattr(profile, name)
                for name in (
                    "eligibility", "contact_name", "email", "phone", "address", "opening_hours"
                )
            },
        }  # fmt: skip
    form = PartnerProfileForm(
        request.POST or None,
        initial=initial,
        regions=Region.objects.filter(country_id=organisation.country_id).order_by("code"),
        held_languages=profile.language_codes if profile else [],
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                partner_profile_save(actor=user, organisation=organisation, **form.cleaned_data)
            except ValidationError as exc:  # Invalid and StaleVersion too
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The directory entry was saved."))
                return redirect("partners:detail", public_id=organisation.public_id)
    return render(request, "partners/edit.html", {"form": form, "page": page}, status=status)


@requires(Perm.PERSON_VIEW)
@require_GET
def agreements(request: HttpRequest) -> HttpResponse:
    """The data-sharing agreements of the user's organisations, filterable by partner,
    purpose and state."""
    user = request_user(request)
    form = AgreementSearchForm(request.GET or None, partners=selectors.agreement_partners(user))
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.agreement_list(
        user,
        partner=filters.get("partner"),
        purpose=filters.get("purpose", ""),
        state=filters.get("state", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    context = {
        "form": form,
        "page": page,
        "rows": [(a, selectors.agreement_status(a, today)) for a in page],
        "query": urlencode({k: v for k, v in request.GET.items() if k != "page"}),
        "filtered": any(filters.values()),
        "may_record": selectors.partner_entries_to_edit(user).exists(),
    }
    return render(request, "partners/agreements.html", context)


@requires(Perm.PERSON_VIEW)
@require_GET
def agreement_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    agreement = access_agreement(user=user, public_id=public_id)
    page = selectors.agreement_page(user, agreement)
    end_form = AgreementEndForm(initial={"version": agreement.version})
    return render(request, "partners/agreement.html", {"page": page, "end_form": end_form})


@requires(Perm.PERSON_VIEW)
@require_GET
def agreement_document(request: HttpRequest, public_id: str) -> HttpResponse:
    """The signed document, to the agreement's readers only (the gate), under an opaque name."""
    agreement = access_agreement(user=request_user(request), public_id=public_id)
    if not agreement.document:
        raise NotFound().about("agreement", agreement.public_id)
    response = FileResponse(
        agreement.document.open("rb"),
        as_attachment=True,
        filename=f"{agreement.public_id}.pdf",
        content_type="application/pdf",
    )
    return cast(HttpResponse, response)  # a streaming response: ``requires`` passes it on


@requires(Perm.ORGANISATION_MANAGE)
@require_http_methods(["GET", "POST"])
def agreement_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = AgreementRecordForm(
        request.POST or None,
        request.FILES or None,
        providers=selectors.partner_entries_to_edit(user),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                agreement = agreement_record(actor=user, **form.cleaned_data)
            except ValidationError as exc:  # Invalid too
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The agreement was recorded."))
                return redirect("partners:agreement", public_id=agreement.public_id)
    title = _("Record a data-sharing agreement")
    context = {"form": form, "title": title, "cancel": reverse("partners:agreements")}
    return render(request, "partners/agreement_form.html", context, status=status)


@requires(Perm.ORGANISATION_MANAGE)
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    agreement = access_agreement_for_change(user=user, public_id=public_id)
    initial = {
        "purpose": agreement.purpose,
        "field_groups": agreement.field_groups,
        "starts_on": agreement.starts_on,
        "expires_on": agreement.expires_on,
        "version": agreement.version,
    }
    form = AgreementEditForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                agreement_change(actor=user, agreement=agreement, **form.cleaned_data)
            except ValidationError as exc:  # Invalid and StaleVersion too
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The agreement was saved."))
                return redirect("partners:agreement", public_id=agreement.public_id)
    title = _("Change the agreement %(reference)s") % {"reference": agreement.reference}
    cancel = reverse("partners:agreement", kwargs={"public_id": agreement.public_id})
    context = {"form": form, "title": title, "cancel": cancel}
    return render(request, "partners/agreement_form.html", context, status=status)


@requires(Perm.ORGANISATION_MANAGE)
@require_POST
def agreement_end_early(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    agreement = access_agreement_for_change(user=user, public_id=public_id)
    form = AgreementEndForm(request.POST)
    if form.is_valid():
        try:
            agreement_end(actor=user, agreement=agreement, **form.cleaned_data)
        except ValidationError as exc:  # Invalid and StaleVersion too
            for name, problems in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, problems)
        else:
            messages.success(request, _("The agreement was ended; its shares were revoked."))
            return redirect("partners:agreement", public_id=agreement.public_id)
    page = selectors.agreement_page(user, agreement)
    return render(request, "partners/agreement.html", {"page": page, "end_form": form}, status=400)
