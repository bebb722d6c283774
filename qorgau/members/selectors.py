"""Reads of the organisation page: its members and their roles, in two queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from qorgau.organisations.models import Membership, Organisation, User


@dataclass(frozen=True)
class MemberRow:
    user: User
    memberships: list[Membership]


@dataclass(frozen=True)
class OrganisationPage:
    organisation: Organisation
    members: list[MemberRow]


def organisation_page(*, organisation: Organisation) -> OrganisationPage:
    """Everyone holding a role in ``organisation`` (active users first, by user name), with
    their roles there."""
    roles = Membership.objects.filter(organisation=organisation).order_by("role")
    users = (
        User.objects.filter(memberships__organisation=organisation)
        .distinct()
        .order_by("-is_active", "username")
        .prefetch_related(Prefetch("memberships", queryset=roles, to_attr="roles_here"))
    )
    return OrganisationPage(
        organisation=organisation,
        members=[MemberRow(user=u, memberships=u.roles_here) for u in users],
    )
