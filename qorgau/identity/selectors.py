"""Reads of identity resolution: the review queue and a record's merges."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.identity.models import Candidate, PairDecision, Verdict
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import visible_persons
from qorgau.people.models import Person


def review_queue(user: User | AnonymousUser) -> QuerySet[Candidate]:
    """Pairs waiting for a decision in which the user may change both records: a partner
    reviews only pairs of records it may see and change."""
    mine = visible_persons(user, Perm.PERSON_CHANGE)
    return (
        Candidate.objects.filter(verdict=Verdict.PENDING, first__in=mine, second__in=mine)
        .select_related("first", "second", "first__registered_by", "second__registered_by")
        .order_by("-probability", "pk")
    )


def person_merges(user: User | AnonymousUser, person: Person) -> dict[str, object]:
    """For a person's page: the record it was merged into, the records merged into it (those
    the user may see), and the standing merge decision that can be undone."""
    visible = visible_persons(user)
    standing = PairDecision.objects.filter(
        verdict=Verdict.SAME, undone_at__isnull=True, merged=person
    ).first()
    return {
        "merged_into": visible.filter(pk=person.merged_into_id).first()
        if person.merged_into_id
        else None,
        "merged_records": visible.filter(merged_into=person).order_by("registration_number"),
        "merge_decision": standing,
    }
