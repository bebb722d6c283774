"""Reads about who a user is acting for: the organisation scope of each permission."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import Perm, role_grants


@dataclass(frozen=True)
class Scope:
    """Where a permission applies: organisations acting as themselves, and whole country offices."""

    organisation_ids: frozenset[int]
    agency_country_ids: frozenset[int]
    agency_country_codes: frozenset[str] = frozenset()  # the same countries' ISO 3166 alpha-3

    @property
    def is_empty(self) -> bool:
        return not self.organisation_ids and not self.agency_country_ids


EMPTY_SCOPE = Scope(frozenset(), frozenset())


def user_scope(user: User | AnonymousUser, perm: Perm) -> Scope:
    """Where ``user`` holds ``perm``: organisations, and countries it covers as the agency.

    Cached on the user object for the request, since every gate asks again; the memberships
    are read once for all permissions (a page's menu alone asks for three).
    """
    if not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cache: dict[Perm, Scope] = user.__dict__.setdefault("_qorgau_scope", {})
    if perm not in cache:
        granted = [m.organisation for m in user_memberships(user) if role_grants(m.role, perm)]
        cache[perm] = Scope(
            organisation_ids=frozenset(o.pk for o in granted),
            agency_country_ids=frozenset(o.country_id for o in granted if o.is_operating_agency),
            agency_country_codes=frozenset(
                o.country.iso3 for o in granted if o.is_operating_agency
            ),
        )
    return cache[perm]


def user_memberships(user: User | AnonymousUser) -> list[Membership]:
    """The user's memberships with their organisations, read once per request (cached on the
    user object); none for an anonymous or deactivated user."""
    if not user.is_authenticated or not user.is_active:
        return []
    memberships: list[Membership] | None = user.__dict__.get("_qorgau_memberships")
    if memberships is None:
        found = Membership.objects.filter(user=user).select_related("organisation__country")
        memberships = user.__dict__["_qorgau_memberships"] = list(found)
    return memberships


def user_scope_forget(user: User) -> None:
    """Drop the scopes cached on ``user``, so that the next ``user_scope`` reads the
    memberships again (after a change of roles within the same request)."""
    user.__dict__.pop("_qorgau_scope", None)
    user.__dict__.pop("_qorgau_memberships", None)
    user.__dict__.pop("_qorgau_shares", None)


def acting_organisation(user: User, perm: Perm, registrant_id: int | None) -> Organisation | None:
    """The organisation a user's change to a record is made for: the record's registrant when
    the user holds ``perm`` there, otherwise the user's first organisation (by name) that holds
    it; None when the user holds it nowhere."""
    allowed = user_scope(user, perm).organisation_ids
    if registrant_id in allowed:
        return Organisation.objects.get(pk=registrant_id)
    return Organisation.objects.filter(pk__in=allowed).order_by("name").first()


def user_has_perm_somewhere(user: User | AnonymousUser, perm: Perm) -> bool:
    return not user_scope(user, perm).is_empty
