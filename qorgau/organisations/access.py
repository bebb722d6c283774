"""The only doors to the organisation page and its memberships.

A user manages an organisation where they hold ``organisation.manage`` (an administrator's
role) in that organisation itself; the agency office's administrator manages the office, not
the partners of its country (ADR 0029). Missing, malformed and not-yours give the same 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.errors import NotFound
from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope


def managed_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations whose people ``user`` manages, by name."""
    scope = user_scope(user, Perm.ORGANISATION_MANAGE)
    return Organisation.objects.filter(pk__in=scope.organisation_ids).order_by("name")


def _public_id(public_id: UUID | str) -> UUID:
    try:
        return public_id if isinstance(public_id, UUID) else UUID(str(public_id))
    except ValueError as exc:
        raise NotFound from exc


def access_organisation(*, user: User | AnonymousUser, public_id: UUID | str) -> Organisation:
    """An organisation the user manages; 404 otherwise. Its page names staff, not people of
    the registry, so the read is not written to the access log."""
    organisation = managed_organisations(user).filter(public_id=_public_id(public_id)).first()
    if organisation is None:
        raise NotFound
    return organisation


def access_membership_for_change(
    *, user: User, organisation: Organisation, public_id: UUID | str
) -> Membership:
    """A membership of ``organisation`` (reached through ``access_organisation``); 404 for a
    membership of any other organisation."""
    membership = (
        Membership.objects.filter(organisation=organisation, public_id=_public_id(public_id))
        .select_related("user", "organisation")
        .first()
    )
    if (
        membership is None
        or organisation.pk not in user_scope(user, Perm.ORGANISATION_MANAGE).organisation_ids
    ):
        raise NotFound
    return membership


def access_member_for_change(
    *, user: User, organisation: Organisation, public_id: UUID | str
) -> User:
    """A user who holds a role in ``organisation``; 404 for anyone else."""
    member = User.objects.filter(
        public_id=_public_id(public_id), memberships__organisation=organisation
    ).first()
    if (
        member is None
        or organisation.pk not in user_scope(user, Perm.ORGANISATION_MANAGE).organisation_ids
    ):
        raise NotFound
    return member
