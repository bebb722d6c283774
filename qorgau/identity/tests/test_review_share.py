"""A view-only share never reviews: an organisation that sees both records of a pair through
a share neither finds the pair in its queue nor decides it nor undoes a decision on it, by
any route; nothing it sends changes a record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.identity.models import Candidate, MatchRun, PairDecision, Verdict
from qorgau.identity.services import ScoredPair, candidates_store, pair_decide
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_pair(
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b_org: Organisation,
    agency: Organisation,
    make_person: Callable[..., Person],
) -> tuple[Person, Person]:
    """Two records of NGO A, both shared (view-only) with NGO B."""
    first = make_person(ngo_a, ngo_a_org, given_name="Ерлан")
    second = make_person(ngo_a, ngo_a_org, given_name="Erlan")
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    for person in (first, second):
        share_grant_agreed(
            actor=officer,
            recipient=ngo_b_org,
            agreement="DTA-NGO-B",
            purpose="Legal counselling",
            expires_on=dt.date.today() + dt.timedelta(days=30),
            person=person,
        )
    candidates_store([ScoredPair(first.pk, second.pk, 0.97, [])])
    return first, second


def test_a_share_recipient_sees_the_records_but_not_the_pair(
    shared_pair: tuple[Person, Person], ngo_b: User, login: Callable[[User | None], Client]
) -> None:
    client = login(ngo_b)
    first, _ = shared_pair
    assert (
        client.get(reverse("people:detail", kwargs={"public_id": first.public_id})).status_code
        == 200
    )

    response = client.get(reverse("identity:review"))

    assert response.status_code == 200
    assert list(response.context["pairs"]) == []
    assert first.registration_number not in response.content.decode()


def test_a_share_recipient_cannot_decide_the_pair(
    shared_pair: tuple[Person, Person], ngo_b: User, login: Callable[[User | None], Client]
) -> None:
    first, _ = shared_pair
    candidate = Candidate.objects.get()
    url = reverse("identity:decide", kwargs={"public_id": candidate.public_id})

    response = login(ngo_b).post(url, {"verdict": "same", "kept": str(first.public_id)})

    assert response.status_code == 404
    candidate.refresh_from_db()
    assert candidate.verdict == Verdict.PENDING
    assert not Person.objects.filter(merged_into__isnull=False).exists()
    assert not PairDecision.objects.exists()


def test_a_share_recipient_cannot_undo_a_merge(
    shared_pair: tuple[Person, Person],
    ngo_a: User,
    ngo_b: User,
    login: Callable[[User | None], Client],
) -> None:
    first, second = shared_pair
    decision = pair_decide(
        actor=ngo_a, candidate=Candidate.objects.get(), verdict=Verdict.SAME, kept=first
    )

    response = login(ngo_b).post(reverse("identity:undo", kwargs={"public_id": decision.public_id}))

    assert response.status_code == 404
    decision.refresh_from_db()
    second.refresh_from_db()
    assert decision.undone_at is None
    assert second.merged_into_id == first.pk


def test_a_share_recipient_cannot_search_the_registry(
    shared_pair: tuple[Person, Person], ngo_b: User, login: Callable[[User | None], Client]
) -> None:
    response = login(ngo_b).post(reverse("identity:run-new"), {"country": "KAZ"})

    assert response.status_code == 404
    assert not MatchRun.objects.exists()
