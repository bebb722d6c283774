"""The only doors to candidate pairs and decisions on pairs.

A pair, and a decision on it, concerns two records: a user reaches it only while holding the
permission on both (``person.change`` to decide or undo, ``person.view`` to read a decision).
A record seen through a share never opens a pair: shares are view-only. Missing and not-yours
give the same 404.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.audit.services import Reader
from qorgau.identity.models import Candidate, PairDecision, Verdict
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import record_or_404, visible_persons


def reviewable_candidates(user: User | AnonymousUser) -> QuerySet[Candidate]:
    """Pairs waiting for a decision in which the user may change both records."""
    mine = visible_persons(user, Perm.PERSON_CHANGE)
    return Candidate.objects.filter(verdict=Verdict.PENDING, first__in=mine, second__in=mine)


def visible_decisions(
    user: User | AnonymousUser, perm: Perm = Perm.PERSON_VIEW
) -> QuerySet[PairDecision]:
    """Decisions on pairs of which the user holds ``perm`` on both records."""
    records = visible_persons(user, perm)
    return PairDecision.objects.filter(first__in=records, second__in=records)


def access_candidate_for_change(*, user: User, public_id: UUID | str) -> Candidate:
    """A pair waiting for the user's decision; 404 otherwise (decided, or not both changeable)."""
    return record_or_404(reviewable_candidates(user).select_related("first", "second"), public_id)


def access_decision(*, reader: Reader, public_id: UUID | str) -> PairDecision:
    """A decision on a pair of records the reader may both see; 404 otherwise. No read is
    logged: a decision names two records, and each person page that shows it logs its own."""
    return record_or_404(
        visible_decisions(reader.user).select_related("first", "second", "kept", "merged"),
        public_id,
    )


def access_decision_for_change(*, user: User, public_id: UUID | str) -> PairDecision:
    """A decision the user may undo (they may change both records); 404 otherwise (the service
    asks again)."""
    return record_or_404(
        visible_decisions(user, Perm.PERSON_CHANGE).select_related("first", "merged"), public_id
    )
