"""Reads of the partner directory: the searchable list and one organisation's page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.organisations.models import Organisation, User
from qorgau.partners.access import (
    directory_organisations,
    editable_agreements,
    editable_partner_organisations,
    may_edit_partner_profile,
    visible_agreements,
)
from qorgau.partners.models import Agreement, PartnerProfile, Service
from qorgau.people.fields import FieldGroup
from qorgau.people.models import Share
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


class AgreementState(models.TextChoices):
    """What the agreement list is filtered by, as of today."""

    IN_FORCE = "in_force", _("In force")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired or ended")
    UPCOMING = "upcoming", _("Not yet in force")


def agreement_list(
    user: User | AnonymousUser,
    *,
    partner: Organisation | None = None,
    purpose: str = "",
    state: str = "",
    today: dt.date | None = None,
) -> QuerySet[Agreement]:
    """The agreements ``user`` reads, narrowed to those with ``partner`` as either party,
    whose purpose holds ``purpose``, and in ``state`` today (``AgreementState``; expiring:
    in force and expiring within ``settings.REMINDER_AGREEMENT_DAYS``); latest expiry first."""
    today = today or timezone.localdate()
    rows = visible_agreements(user)
    if partner is not None:
        rows = rows.filter(Q(provider=partner) | Q(recipient=partner))
    if purpose:
        rows = rows.filter(purpose__icontains=purpose)
    live = Q(ended_at__isnull=True, starts_on__lte=today, expires_on__gte=today)
    soon = today + dt.timedelta(days=settings.REMINDER_AGREEMENT_DAYS)
    rows = {
        AgreementState.IN_FORCE: rows.filter(live),
        AgreementState.EXPIRING: rows.filter(live, expires_on__lte=soon),
        AgreementState.EXPIRED: rows.filter(Q(ended_at__isnull=False) | Q(expires_on__lt=today)),
        AgreementState.UPCOMING: rows.filter(ended_at__isnull=True, starts_on__gt=today),
    }.get(state, rows)  # type: ignore[call-overload]
    return rows.select_related("provider", "recipient").order_by("-expires_on", "reference")


def agreement_partners(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations party to an agreement ``user`` reads (the list's partner filter)."""
    rows = visible_agreements(user)
    return Organisation.objects.filter(
        Q(pk__in=rows.values("provider_id")) | Q(pk__in=rows.values("recipient_id"))
    ).order_by("name")


def agreement_status(agreement: Agreement, today: dt.date) -> str:
    """The agreement's state today, as a translated label."""
    if agreement.ended_at is not None:
        return str(_("Ended early"))
    if agreement.starts_on > today:
        return str(AgreementState.UPCOMING.label)
    if agreement.expires_on < today:
        return str(_("Expired"))
    if agreement.expires_on <= today + dt.timedelta(days=settings.REMINDER_AGREEMENT_DAYS):
        return str(AgreementState.EXPIRING.label)
    return str(AgreementState.IN_FORCE.label)


@dataclass(frozen=True)
class AgreementPage:
    agreement: Agreement
    status: str
    field_groups: list[str]
    shares: list[Share]
    referrals: list[Any]
    can_change: bool


def agreement_page(user: User | AnonymousUser, agreement: Agreement) -> AgreementPage:
    """An agreement's page (reached through ``access_agreement``): its terms, and the shares
    and referrals made under it, which name no person here (kind, dates and state only)."""
    today = timezone.localdate()
    return AgreementPage(
        agreement=agreement,
        status=agreement_status(agreement, today),
        field_groups=[str(g.label) for g in FieldGroup if g.value in agreement.field_groups],
        shares=list(agreement.shares.select_related("organisation").order_by("-created_at")),
        referrals=list(agreement.referrals.order_by("-created_at")),
        can_change=agreement.ended_at is None
        and editable_agreements(user).filter(pk=agreement.pk).exists(),
    )
