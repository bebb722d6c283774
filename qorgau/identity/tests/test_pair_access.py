"""The doors to candidate pairs and decisions: ``access_candidate_for_change``,
``access_decision`` and ``access_decision_for_change``.

NGO A registered three records; one pair waits for a decision, another was decided
"different". NGO A's administrator shares all three with NGO B (view-only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from qorgau.audit.services import Reader
from qorgau.identity.access import (
    access_candidate_for_change,
    access_decision,
    access_decision_for_change,
)
from qorgau.identity.models import Candidate, PairDecision, Verdict
from qorgau.identity.services import ScoredPair, candidates_store, pair_decide
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.tests.factories import share_grant_agreed

pytestmark = pytest.mark.django_db


@dataclass
class Pairs:
    pending: Candidate
    decision: PairDecision


@pytest.fixture
def pairs(ngo_a: User, ngo_a_org: Organisation, ngo_b_org: Organisation, make_person: Any) -> Pairs:
    records = [make_person(ngo_a, ngo_a_org, given_name=n) for n in ("Ерлан", "Erlan", "Yerlan")]
    a, b, c = (p.pk for p in records)
    candidates_store([ScoredPair(a, b, 0.98, []), ScoredPair(a, c, 0.95, [])])
    decided = Candidate.objects.get(first_id=a, second_id=c)
    decision = pair_decide(actor=ngo_a, candidate=decided, verdict=Verdict.DIFFERENT)
    admin = user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)
    for person in records:
        share_grant_agreed(
            actor=admin,
            recipient=ngo_b_org,
            person=person,
            agreement="DTA 2024/07",
            purpose="Legal counselling",
            expires_on=timezone.localdate() + dt.timedelta(days=30),
        )
    return Pairs(pending=Candidate.objects.get(first_id=a, second_id=b), decision=decision)


def _reader(user: Any) -> Reader:
    return Reader(user=user, channel="web")


def test_it_opens_pairs_to_who_may_change_both_records(
    pairs: Pairs, ngo_a: User, clerk: User
) -> None:
    for user in (ngo_a, clerk):
        assert access_candidate_for_change(user=user, public_id=pairs.pending.public_id) == (
            pairs.pending
        )
        decision_id = str(pairs.decision.public_id)
        assert access_decision(reader=_reader(user), public_id=decision_id) == pairs.decision
        assert access_decision_for_change(user=user, public_id=decision_id) == pairs.decision


def test_a_view_only_share_reads_a_decision_but_never_changes_one(
    pairs: Pairs, ngo_b: User
) -> None:
    assert access_decision(reader=_reader(ngo_b), public_id=pairs.decision.public_id) == (
        pairs.decision
    )
    with pytest.raises(Http404):
        access_decision_for_change(user=ngo_b, public_id=pairs.decision.public_id)
    with pytest.raises(Http404):
        access_candidate_for_change(user=ngo_b, public_id=pairs.pending.public_id)


@pytest.mark.parametrize("who", ["liaison", "stats", "anonymous"])
def test_it_refuses_another_organisation_and_anonymous_as_not_found(
    pairs: Pairs, who: str, request: pytest.FixtureRequest
) -> None:
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(Http404):
        access_candidate_for_change(user=user, public_id=pairs.pending.public_id)
    with pytest.raises(Http404):
        access_decision(reader=_reader(user), public_id=pairs.decision.public_id)
    with pytest.raises(Http404):
        access_decision_for_change(user=user, public_id=pairs.decision.public_id)


@pytest.mark.parametrize(
    "public_id", ["not-a-uuid", "", "1", "7c0d4e2a-3b1f-4a9e-8d6c-5f2e1a0b9c8d"]
)
def test_it_answers_a_malformed_or_unknown_id_as_not_found(
    pairs: Pairs, ngo_a: User, public_id: str
) -> None:
    with pytest.raises(Http404):
        access_candidate_for_change(user=ngo_a, public_id=public_id)
    with pytest.raises(Http404):
        access_decision(reader=_reader(ngo_a), public_id=public_id)
    with pytest.raises(Http404):
        access_decision_for_change(user=ngo_a, public_id=public_id)


def test_a_decided_pair_is_no_longer_open_for_a_decision(pairs: Pairs, ngo_a: User) -> None:
    decided = Candidate.objects.get(
        first_id=pairs.decision.first_id, second_id=pairs.decision.second_id
    )
    with pytest.raises(Http404):
        access_candidate_for_change(user=ngo_a, public_id=decided.public_id)
