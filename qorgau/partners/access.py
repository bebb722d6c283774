"""The only doors to the partner directory.

The directory names organisations and what they offer, never a person: every user who works
on people (``person.view``) reads the entries of the organisations of their own countries.
An entry is edited by an administrator of the organisation itself (``organisation.manage``
there) and by an administrator of the agency office of the organisation's country, which
keeps the directory of its operation. Missing, of another country and malformed give the
same 404; a reader who may not edit gets 404 on the edit page too.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from qorgau.errors import NotFound
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.partners.models import Agreement
from qorgau.people.access import record_or_404


def directory_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations whose directory entries ``user`` reads: those of the countries of
    the organisations where they hold ``person.view``."""
    scope = user_scope(user, Perm.PERSON_VIEW)
    if scope.is_empty:
        return Organisation.objects.none()
    countries = Organisation.objects.filter(pk__in=scope.organisation_ids).values("country_id")
    return Organisation.objects.filter(country_id__in=countries)


def editable_partner_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations whose entry ``user`` edits: their own as an administrator, and every
    organisation of the country of an agency office they administer."""
    scope = user_scope(user, Perm.ORGANISATION_MANAGE)
    if scope.is_empty:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        Q(pk__in=scope.organisation_ids) | Q(country_id__in=scope.agency_country_ids)
    )


def may_edit_partner_profile(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Whether ``user`` edits ``organisation``'s entry (the service asks again)."""
    scope = user_scope(user, Perm.ORGANISATION_MANAGE)
    return (
        organisation.pk in scope.organisation_ids
        or organisation.country_id in scope.agency_country_ids
    )


def access_partner_profile(*, user: User | AnonymousUser, public_id: UUID | str) -> Organisation:
    """An organisation of the user's directory, named by its public id; 404 otherwise. Its
    entry names no person, so the read is not written to the access log."""
    return record_or_404(directory_organisations(user), public_id, "organisation")


def access_partner_profile_for_change(*, user: User, public_id: UUID | str) -> Organisation:
    """An organisation whose entry the user edits; 404 otherwise."""
    organisation = record_or_404(editable_partner_organisations(user), public_id, "organisation")
    if not may_edit_partner_profile(user, organisation):
        raise NotFound().about("organisation", organisation.public_id)
    return organisation


def visible_agreements(user: User | AnonymousUser) -> QuerySet[Agreement]:
    """The data-sharing agreements ``user`` reads: those their organisations are a party to
    (where they hold ``person.view``), and, in an agency office, every agreement of a party of
    its country."""
    scope = user_scope(user, Perm.PERSON_VIEW)
    if scope.is_empty:
        return Agreement.objects.none()
    return Agreement.objects.filter(
        Q(provider_id__in=scope.organisation_ids)
        | Q(recipient_id__in=scope.organisation_ids)
        | Q(provider__country_id__in=scope.agency_country_ids)
        | Q(recipient__country_id__in=scope.agency_country_ids)
    )


def access_agreement(*, user: User | AnonymousUser, public_id: UUID | str) -> Agreement:
    """An agreement the user reads; 404 otherwise (missing, not a party's, malformed)."""
    return record_or_404(visible_agreements(user), public_id, "agreement")


def editable_agreements(user: User | AnonymousUser) -> QuerySet[Agreement]:
    """The agreements ``user`` records and changes: those of the organisations whose directory
    entry they edit, as the sharing side (the service asks again)."""
    return Agreement.objects.filter(provider__in=editable_partner_organisations(user))


def access_agreement_for_change(*, user: User, public_id: UUID | str) -> Agreement:
    """An agreement the user may change or end; 404 otherwise, as for one they cannot read."""
    return record_or_404(
        editable_agreements(user).select_related("provider", "recipient"), public_id, "agreement"
    )
