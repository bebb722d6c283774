"""The only doors to the funding records.

Funding names donors and money, never a person: anyone signed in reads it. It is edited by
the managers who publish the figures: those who hold ``factsheet.edit`` in an agency office
(``statistics.access.factsheet_countries``). A manager edits the country office of the
country of their agency office; the managers of the office where a representation sits (its
``seat``) edit the representation and all its country offices. Donors and exchange rates are
shared by every operation, so any such manager records them. Missing and malformed give the
same 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from qorgau.errors import NotAllowed, NotFound
from qorgau.funding import errors
from qorgau.funding.models import Contribution, Donor, ExchangeRate, Operation
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import record_or_404


def _manager_countries(user: User | AnonymousUser) -> frozenset[int]:
    return user_scope(user, Perm.FACTSHEET_EDIT).agency_country_ids


def may_read_funding(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def may_edit_funding(user: User | AnonymousUser) -> bool:
    """Whether ``user`` records donors and exchange rates (and sees the edit links)."""
    return bool(_manager_countries(user))


def editable_operations(user: User | AnonymousUser) -> QuerySet[Operation]:
    countries = _manager_countries(user)
    if not countries:
        return Operation.objects.none()
    return Operation.objects.filter(
        Q(country_id__in=countries) | Q(seat_id__in=countries) | Q(parent__seat_id__in=countries)
    )


def may_edit_operation(user: User | AnonymousUser, operation: Operation) -> bool:
    return editable_operations(user).filter(pk=operation.pk).exists()


def check_funding_editor(user: User | AnonymousUser) -> None:
    if not may_edit_funding(user):
        raise NotAllowed(errors.NOT_FUNDING_EDITOR, code="no_permission")


def check_operation_editor(user: User | AnonymousUser, operation: Operation) -> None:
    if not may_edit_operation(user, operation):
        raise NotAllowed(errors.NOT_EDITOR, code="no_permission")


def visible_operations(user: User | AnonymousUser) -> QuerySet[Operation]:
    if not may_read_funding(user):
        return Operation.objects.none()
    return Operation.objects.select_related("country", "parent")


def visible_contributions(user: User | AnonymousUser) -> QuerySet[Contribution]:
    if not may_read_funding(user):
        return Contribution.objects.none()
    return Contribution.objects.select_related("donor", "operation", "area")


def visible_donors(user: User | AnonymousUser) -> QuerySet[Donor]:
    if not may_read_funding(user):
        return Donor.objects.none()
    return Donor.objects.select_related("country")


def visible_rates(user: User | AnonymousUser) -> QuerySet[ExchangeRate]:
    if not may_read_funding(user):
        return ExchangeRate.objects.none()
    return ExchangeRate.objects.all()


def access_operation(*, user: User | AnonymousUser, public_id: UUID | str) -> Operation:
    """An operation by its public id; 404 for an anonymous user, a missing or malformed id."""
    return record_or_404(visible_operations(user), public_id, "operation")


def access_contribution(*, user: User | AnonymousUser, public_id: UUID | str) -> Contribution:
    return record_or_404(visible_contributions(user), public_id, "contribution")


def access_contribution_for_change(*, user: User, public_id: UUID | str) -> Contribution:
    """A contribution to an operation the user edits; 404 otherwise."""
    contribution = access_contribution(user=user, public_id=public_id)
    if not may_edit_operation(user, contribution.operation):
        raise NotFound().about("contribution", contribution.public_id)
    return contribution


def access_donor(*, user: User | AnonymousUser, public_id: UUID | str) -> Donor:
    return record_or_404(visible_donors(user), public_id, "donor")


def access_donor_for_change(*, user: User, public_id: UUID | str) -> Donor:
    """A donor, for a manager who records funding (donors are shared by every operation);
    404 for anyone else, as for a missing one."""
    donor = access_donor(user=user, public_id=public_id)
    if not may_edit_funding(user):
        raise NotFound().about("donor", donor.public_id)
    return donor


def access_exchange_rate(*, user: User | AnonymousUser, public_id: UUID | str) -> ExchangeRate:
    return record_or_404(visible_rates(user), public_id, "exchange_rate")


def access_exchange_rate_for_change(*, user: User, public_id: UUID | str) -> ExchangeRate:
    """An exchange rate, for a manager who records funding (rates are shared by every
    operation); 404 for anyone else, as for a missing one."""
    rate = access_exchange_rate(user=user, public_id=public_id)
    if not may_edit_funding(user):
        raise NotFound().about("exchange_rate", rate.public_id)
    return rate
