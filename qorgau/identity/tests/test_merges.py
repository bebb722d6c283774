"""Deciding pairs: merges and their undoing keep history and counts right; a pair decided
"different" is never proposed again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from qorgau.identity.models import Candidate, PairDecision, Verdict
from qorgau.identity.selectors import review_queue
from qorgau.identity.services import ScoredPair, candidates_store, decision_undo, pair_decide
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.selectors import status_counts_as_of
from qorgau.people.services.status import status_period_record

ON = dt.date(2025, 6, 1)


@pytest.fixture
def stateless(clerk: User, agency: Organisation, make_person: Callable[..., Person]):
    """Three records of stateless people registered by the agency."""

    def make(given_name: str) -> Person:
        person = make_person(clerk, agency, given_name=given_name)
        status_period_record(
            actor=clerk, organisation=agency, person=person, status="STA",
            effective_from=dt.date(2020, 1, 1),
        )  # fmt: skip
        return person

    return [make("Ерлан"), make("Erlan"), make("Ерлан-2")]


def _stateless_count() -> int:
    return status_counts_as_of(country="KAZ", on=ON).get(("STA", None), 0)


def _candidate(a: Person, b: Person, probability: float = 0.97) -> Candidate:
    candidates_store([ScoredPair(a.pk, b.pk, probability, [])])
    return Candidate.objects.get(first_id=min(a.pk, b.pk), second_id=max(a.pk, b.pk))


def test_a_merge_counts_the_person_once_keeps_history_and_is_undone(
    stateless: list[Person], clerk: User
) -> None:
    kept, duplicate, _ = stateless
    assert _stateless_count() == 3

    decision = pair_decide(
        actor=clerk, candidate=_candidate(kept, duplicate), verdict=Verdict.SAME, kept=kept
    )

    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == kept.pk
    assert duplicate.status_periods.count() == 1  # nothing is deleted
    assert duplicate.history.first().merged_into_id == kept.pk
    assert duplicate.history.first().history_user == clerk
    assert _stateless_count() == 2

    decision_undo(actor=clerk, decision=decision)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id is None
    assert _stateless_count() == 3
    assert duplicate.history.count() == 3  # created, merged, unmerged
    assert (
        Candidate.objects.get(first=min(kept, duplicate, key=lambda p: p.pk)).verdict == "pending"
    )


def test_merging_a_record_that_others_were_merged_into_moves_them_and_undo_restores_them(
    stateless: list[Person], clerk: User
) -> None:
    a, b, c = stateless
    pair_decide(actor=clerk, candidate=_candidate(a, b), verdict=Verdict.SAME, kept=b)
    second = pair_decide(actor=clerk, candidate=_candidate(b, c), verdict=Verdict.SAME, kept=c)
    assert set(Person.objects.filter(merged_into=c).values_list("pk", flat=True)) == {a.pk, b.pk}
    assert _stateless_count() == 1

    decision_undo(actor=clerk, decision=second)
    assert Person.objects.get(pk=a.pk).merged_into_id == b.pk
    assert Person.objects.get(pk=b.pk).merged_into_id is None
    assert _stateless_count() == 2


def test_a_pair_decided_different_is_never_proposed_again(
    stateless: list[Person], clerk: User
) -> None:
    a, b, _ = stateless
    decision = pair_decide(actor=clerk, candidate=_candidate(a, b), verdict=Verdict.DIFFERENT)

    assert candidates_store([ScoredPair(b.pk, a.pk, 0.99, [])]) == 0
    assert not review_queue(clerk).exists()
    assert Candidate.objects.get().verdict == Verdict.DIFFERENT

    decision_undo(actor=clerk, decision=decision)
    assert review_queue(clerk).count() == 1


def test_a_decision_needs_the_record_kept_and_refuses_merged_records(
    stateless: list[Person], clerk: User
) -> None:
    a, b, c = stateless
    with pytest.raises(ValidationError):
        pair_decide(actor=clerk, candidate=_candidate(a, b), verdict=Verdict.SAME, kept=c)
    pair_decide(actor=clerk, candidate=_candidate(a, b), verdict=Verdict.SAME, kept=a)
    with pytest.raises(ValidationError) as caught:
        pair_decide(actor=clerk, candidate=_candidate(b, c), verdict=Verdict.SAME, kept=c)
    assert caught.value.code == "already_merged"
    assert PairDecision.objects.count() == 1


def test_the_review_queue_holds_only_pairs_whose_records_the_reviewer_may_change(
    clerk: User,
    agency: Organisation,
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b: User,
    ngo_b_org: Organisation,
    make_person: Callable[..., Person],
) -> None:
    a1, a2 = make_person(ngo_a, ngo_a_org), make_person(ngo_a, ngo_a_org)
    b1 = make_person(ngo_b, ngo_b_org)
    own = _candidate(a1, a2)
    mixed = _candidate(a1, b1)

    assert list(review_queue(ngo_a)) == [own]
    assert list(review_queue(ngo_b)) == []
    assert set(review_queue(clerk)) == {own, mixed}
    with pytest.raises(PermissionDenied):
        pair_decide(actor=ngo_b, candidate=own, verdict=Verdict.DIFFERENT)
    with pytest.raises(PermissionDenied):
        pair_decide(actor=ngo_a, candidate=mixed, verdict=Verdict.SAME, kept=a1)
    assert not PairDecision.objects.exists()


def test_the_person_pages_show_the_merge_and_offer_its_undoing(
    stateless: list[Person], clerk: User, login: Callable[[User | None], Any]
) -> None:
    kept, duplicate, _ = stateless
    pair_decide(actor=clerk, candidate=_candidate(kept, duplicate), verdict=Verdict.SAME, kept=kept)
    client = login(clerk)

    merged_page = client.get(reverse("people:detail", kwargs={"public_id": duplicate.public_id}))
    kept_page = client.get(reverse("people:detail", kwargs={"public_id": kept.public_id}))

    assert kept.registration_number in merged_page.content.decode()
    assert "Undo the merge" in merged_page.content.decode()
    assert duplicate.registration_number in kept_page.content.decode()
