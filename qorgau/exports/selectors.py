"""Reads of list exports."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from qorgau.exports.columns import COLUMNS, Column
from qorgau.exports.models import Export
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm, role_grants
from qorgau.organisations.selectors import user_memberships
from qorgau.people.fields import ROLE_READ, FieldGroup
from qorgau.people.lists import PERSON_FILTERS, person_list
from qorgau.people.models import LegalStatusPeriod, Person


def readable_groups(user: User | AnonymousUser) -> frozenset[FieldGroup]:
    """The groups some role of the user may read of some person: the columns offered. Which
    of them a given person's row shows is that person's field policy."""
    groups: set[FieldGroup] = set()
    for membership in user_memberships(user):
        if role_grants(membership.role, Perm.PERSON_VIEW):
            groups |= ROLE_READ.get(membership.role, frozenset())
    return frozenset(groups)


def export_columns(user: User | AnonymousUser) -> list[Column]:
    readable = readable_groups(user)
    return [c for c in COLUMNS if c.group is None or c.group in readable]


def export_people(
    user: User, filters: Mapping[str, str], person_ids: list[int] | None = None
) -> QuerySet[Person]:
    """The people an export holds: those the user may see (``people/access.py``), filtered,
    among ``person_ids`` when a search chose them, not merged into another record, with what
    the columns read."""
    periods = Prefetch(
        "status_periods", queryset=LegalStatusPeriod.objects.all(), to_attr="listed_periods"
    )
    people = person_list(user, filters).filter(merged_into__isnull=True)
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    return people.prefetch_related(periods)


def export_people_of(export: Export) -> QuerySet[Person]:
    """The people of this export, as its requester may see them now."""
    filters = {PERSON_FILTERS[k]: v for k, v in export.filters.items()}
    return export_people(export.requested_by, filters, export.person_ids)


def exports_of(user: User) -> list[Export]:
    """The user's own exports, newest first, without their files."""
    return list(
        Export.objects.filter(requested_by=user, expires_at__gt=timezone.now())
        .defer("content")
        .order_by("-created_at")[:20]
    )
