"""The only doors to legal standards.

Treaty status, laws and assessments name no person: every signed-in user reads those of the
countries of their organisations. Laws, assessments and recommendations are recorded by the
managers who publish the country's figures (``factsheet.edit`` in the agency office of the
country: ``statistics.access.factsheet_countries``). Missing, of another country and malformed
give the same 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser

from qorgau.errors import NotFound
from qorgau.legal.models import Provision, Recommendation, TreatyStatus
from qorgau.organisations.models import User
from qorgau.organisations.selectors import user_memberships
from qorgau.people.access import record_or_404
from qorgau.reference.catalogue import CENTRAL_ASIA
from qorgau.reference.models import Country
from qorgau.statistics.access import factsheet_countries


def legal_countries(user: User | AnonymousUser) -> list[str]:
    """ISO3 codes of the countries whose legal standards ``user`` reads."""
    ids = {m.organisation.country_id for m in user_memberships(user)}
    codes = set(Country.objects.filter(pk__in=ids).values_list("iso3", flat=True))
    return [code for code in CENTRAL_ASIA if code in codes]


def legal_editor_countries(user: User | AnonymousUser) -> list[str]:
    return factsheet_countries(user)


def access_legal_country(*, user: User | AnonymousUser, country: str) -> str:
    """The country, when the user reads its legal standards; 404 otherwise."""
    if country not in legal_countries(user):
        raise NotFound().about("country", None)
    return country


def access_provision(*, user: User | AnonymousUser, public_id: UUID | str) -> Provision:
    return record_or_404(
        Provision.objects.filter(law__country__iso3__in=legal_countries(user)).select_related(
            "law__country"
        ),
        public_id,
        "provision",
    )


def access_recommendation_for_change(*, user: User, public_id: UUID | str) -> Recommendation:
    return record_or_404(
        Recommendation.objects.filter(
            assessment__provision__law__country__iso3__in=legal_editor_countries(user)
        ).select_related("assessment__provision__law__country"),
        public_id,
        "recommendation",
    )


def access_treaty_status_for_change(*, user: User, public_id: UUID | str) -> TreatyStatus:
    """A treaty status of a country whose legal standards the user records; 404 otherwise."""
    return record_or_404(
        TreatyStatus.objects.filter(country__iso3__in=legal_editor_countries(user)).select_related(
            "country", "instrument"
        ),
        public_id,
        "treaty_status",
    )
