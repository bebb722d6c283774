"""Which countries a user may see statistics of: those of the organisations where the user
holds ``statistics.view`` (aggregates only, disclosure control applied; never a person)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from qorgau.errors import NotAllowed
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.reference.catalogue import CENTRAL_ASIA
from qorgau.statistics import errors


def statistics_countries(user: User | AnonymousUser) -> list[str]:
    """ISO3 codes, in the order of the five country offices."""
    scope = user_scope(user, Perm.STATISTICS_VIEW)
    if scope.is_empty:
        return []
    codes = set(
        Organisation.objects.filter(pk__in=scope.organisation_ids).values_list(
            "country__iso3", flat=True
        )
    )
    return [code for code in CENTRAL_ASIA if code in codes]


def access_statistics(user: User | AnonymousUser, country: str) -> str:
    """The country, if the user may see its statistics; ``PermissionDenied`` otherwise."""
    if country not in statistics_countries(user):
        raise NotAllowed(
            errors.NOT_YOUR_COUNTRY, code="not_your_country", params={"country": country}
        )
    return country


def factsheet_countries(user: User | AnonymousUser) -> list[str]:
    """Countries whose fact sheet texts the user may edit: managers (``factsheet.edit``) of
    the agency's office in that country."""
    scope = user_scope(user, Perm.FACTSHEET_EDIT)
    codes = set(
        Organisation.objects.filter(
            pk__in=scope.organisation_ids, is_operating_agency=True
        ).values_list("country__iso3", flat=True)
    )
    return [code for code in CENTRAL_ASIA if code in codes]


def daily_figures(user: User | AnonymousUser, country: str) -> bool:
    """Whether the user may ask for the figures of ``country`` as of any day: the agency
    office's managers of that country (``factsheet.edit`` in its agency office). Everyone
    else gets them only as of reference dates (ADR 0036), so that consecutive days cannot be
    differenced to reveal one person."""
    return country in factsheet_countries(user)
