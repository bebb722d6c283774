"""Reads of pledges: the list and one pledge's page (one selector each); its indicator's chart
is drawn by ``pledges/charts.py``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import override

from qorgau.organisations.models import User
from qorgau.pledges.access import editable_pledge_countries, visible_pledges
from qorgau.pledges.indicators import Indicator, pledge_indicator
from qorgau.pledges.models import Pledge, PledgeStatus, PledgeUpdate
from qorgau.reference.models import Country
from qorgau.statistics.disclosure import (
    Policy,
    policy_from_settings,
    reference_date_on_or_before,
    reference_months_from_settings,
)


def pledge_list(user: User | AnonymousUser, *, country: str = "") -> QuerySet[Pledge]:
    rows = visible_pledges(user)
    return rows.filter(country__iso3=country) if country else rows


def indicator_date(user: User | AnonymousUser, pledge: Pledge, asked: dt.date | None) -> dt.date:
    """The date an indicator is computed as of: any day for the managers of the pledge's
    country, the last reference date on or before it for everyone else (ADR 0036), never
    after today."""
    day = min(asked or timezone.localdate(), timezone.localdate())
    if pledge.country.iso3 in editable_pledge_countries(user):
        return day
    return reference_date_on_or_before(day, reference_months_from_settings())


@dataclass(frozen=True)
class PledgePage:
    pledge: Pledge
    as_of: dt.date
    title: str
    text: str
    updates: list[PledgeUpdate]
    can_edit: bool
    indicator: Indicator | None
    policy: Policy


def pledge_page(
    user: User | AnonymousUser, pledge: Pledge, *, language: str, as_of: dt.date
) -> PledgePage:
    policy = policy_from_settings()
    indicator = pledge_indicator(
        area=pledge.area, country=pledge.country.iso3, made_on=pledge.made_on,
        as_of=as_of, policy=policy,
    )  # fmt: skip
    return PledgePage(
        pledge=pledge,
        as_of=as_of,
        title=pledge.title(language),
        text=pledge.text(language),
        updates=list(pledge.updates.select_related("recorded_by")),
        can_edit=pledge.country.iso3 in editable_pledge_countries(user),
        indicator=indicator,
        policy=policy,
    )


@dataclass(frozen=True)
class ForumPledges:
    """The pledges a country made at one Global Refugee Forum, for the fact sheet."""

    year: int
    country: str
    items: list[tuple[str, str]]  # (title, status label) in the sheet's language


def factsheet_pledges(country: Country, language: str, as_of: dt.date) -> list[ForumPledges]:
    """The fact sheet's pledges narrative (registered in ``apps.py``): the country's pledges
    made by ``as_of``, by forum year, each with its title and its status as of ``as_of`` (the
    status of the last progress update dated on or before it)."""
    pledges = list(
        Pledge.objects.filter(country=country, made_on__lte=as_of).order_by("made_on", "id")
    )
    updates: dict[int, str] = {}
    for pledge_id, status in (
        PledgeUpdate.objects.filter(pledge__in=pledges, occurred_on__lte=as_of)
        .order_by("occurred_on", "id")
        .values_list("pledge_id", "status_to")
    ):
        updates[pledge_id] = status
    forums: dict[int, list[tuple[str, str]]] = {}
    with override(language):
        for pledge in pledges:
            status = updates.get(pledge.pk, PledgeStatus.PLANNING)
            forums.setdefault(pledge.made_on.year, []).append(
                (pledge.title(language), str(PledgeStatus(status).label))
            )
        name = str(country.name)
    return [ForumPledges(year, name, items) for year, items in forums.items()]
