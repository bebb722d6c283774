"""The only doors to pledges.

Pledges are public commitments of a state; every signed-in user reads the pledges of the
countries of their organisations. They are recorded and updated by the managers who publish
the country's figures: ``factsheet.edit`` in the agency office of the pledge's country
(``statistics.access.factsheet_countries``). Missing, of another country and malformed give
the same 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.organisations.models import User
from qorgau.organisations.selectors import user_memberships
from qorgau.people.access import record_or_404
from qorgau.pledges.models import Pledge
from qorgau.statistics.access import factsheet_countries


def reader_country_ids(user: User | AnonymousUser) -> set[int]:
    """The countries of the organisations the user belongs to (none when anonymous)."""
    return {m.organisation.country_id for m in user_memberships(user)}


def visible_pledges(user: User | AnonymousUser) -> QuerySet[Pledge]:
    return Pledge.objects.filter(country_id__in=reader_country_ids(user)).select_related("country")


def editable_pledge_countries(user: User | AnonymousUser) -> list[str]:
    """ISO3 codes of the countries whose pledges ``user`` records and updates."""
    return factsheet_countries(user)


def may_edit_pledges(user: User | AnonymousUser, country_iso3: str) -> bool:
    return country_iso3 in editable_pledge_countries(user)


def access_pledge(*, user: User | AnonymousUser, public_id: UUID | str) -> Pledge:
    """A pledge of the user's countries; 404 otherwise. It names no person: not logged."""
    return record_or_404(visible_pledges(user), public_id, "pledge")


def access_pledge_for_change(*, user: User, public_id: UUID | str) -> Pledge:
    """A pledge the user may update; 404 otherwise (a reader who may not edit too)."""
    return record_or_404(
        visible_pledges(user).filter(country__iso3__in=editable_pledge_countries(user)),
        public_id,
        "pledge",
    )
