"""Reads of the partner directory: the searchable list and one organisation's page."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet

from qorgau.organisations.models import Organisation, User
from qorgau.partners.access import (
    directory_organisations,
    editable_partner_organisations,
    may_edit_partner_profile,
)
from qorgau.partners.models import PartnerProfile, Service
from qorgau.reference.languages import language_name
from qorgau.reference.models import Region


def partner_directory(
    user: User | AnonymousUser,
    *,
    service: str = "",
    region: str = "",
    language: str = "",
    text: str = "",
) -> QuerySet[PartnerProfile]:
    """The directory entries ``user`` reads, narrowed to those offering ``service`` (a
    catalogue code), covering ``region`` (ISO 3166-2) and serving people in ``language``
    (ISO 639-3), and whose organisation's name holds ``text``; by organisation name."""
    rows = PartnerProfile.objects.filter(organisation__in=directory_organisations(user))
    if language:
        rows = rows.filter(languages__code=language)
    if text:
        rows = rows.filter(
            Q(organisation__name__icontains=text)
            | Q(organisation__name_kk__icontains=text)
            | Q(organisation__name_ru__icontains=text)
            | Q(organisation__code__icontains=text)
        )
    return _narrowed(rows, service=service, region=region)


def partner_directory_of_country(
    country_iso3: str, *, service: str = "", region: str = ""
) -> QuerySet[PartnerProfile]:
    """Every directory entry of the organisations of a country, narrowed as
    ``partner_directory`` does: for the public help site's "partners near you", whose page
    shows the entries' public fields only (never the contact person)."""
    rows = PartnerProfile.objects.filter(organisation__country__iso3=country_iso3)
    return _narrowed(rows, service=service, region=region)


def _narrowed(
    rows: QuerySet[PartnerProfile], *, service: str, region: str
) -> QuerySet[PartnerProfile]:
    if service:
        rows = rows.filter(services__code=service)
    if region:
        rows = rows.filter(regions__code=region)
    return (
        rows.distinct()
        .select_related("organisation")
        .prefetch_related(
            Prefetch("services", queryset=Service.objects.order_by("position")),
            Prefetch("regions", queryset=Region.objects.order_by("code")),
            "languages",
        )
        .order_by("organisation__name")
    )


def directory_regions(user: User | AnonymousUser) -> QuerySet[Region]:
    """The regions of the countries of the user's directory (the search's choices)."""
    countries = directory_organisations(user).values("country_id")
    return Region.objects.filter(country_id__in=countries).order_by("code")


@dataclass(frozen=True)
class PartnerPage:
    organisation: Organisation
    profile: PartnerProfile | None
    services: list[Service]
    regions: list[Region]
    languages: list[str]
    can_edit: bool


def partner_page(user: User | AnonymousUser, organisation: Organisation) -> PartnerPage:
    """An organisation's directory page (reached through ``access_partner_profile``)."""
    profile = (
        PartnerProfile.objects.filter(organisation=organisation)
        .prefetch_related("services", "regions", "languages")
        .first()
    )
    return PartnerPage(
        organisation=organisation,
        profile=profile,
        services=list(profile.services.order_by("position")) if profile else [],
        regions=list(profile.regions.order_by("code")) if profile else [],
        languages=[language_name(code) for code in profile.language_codes] if profile else [],
        can_edit=may_edit_partner_profile(user, organisation),
    )


def partner_entries_to_edit(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations whose entries ``user`` edits (links on the directory page)."""
    return editable_partner_organisations(user).order_by("name")
