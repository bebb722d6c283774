"""The partner directory's pages: parse, gate, one selector or service, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from qorgau.organisations.permissions import Perm
from qorgau.partners import selectors
from qorgau.partners.access import access_partner_profile, access_partner_profile_for_change
from qorgau.partners.forms import DirectorySearchForm, PartnerProfileForm
from qorgau.partners.services import partner_profile_save
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
