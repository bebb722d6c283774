"""``person_visible``, ``person_held`` and ``household_visible`` answer, for a record already
read, exactly what the gates' querysets answer (the person page asks them instead of the
database, issue 12): for every persona and permission, with shares of a person and of a
household, held and not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm, Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.access import (
    household_visible,
    person_held,
    person_visible,
    visible_households,
    visible_persons,
)
from qorgau.people.models import Person, Relationship
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input, share_grant_agreed

pytestmark = pytest.mark.django_db

PERSONAS = ("clerk", "ngo_a", "ngo_b", "liaison", "gov_clerk", "stats")


def _shared_records(
    ngo_a: User, ngo_a_org: Organisation, ngo_b_org: Organisation, government: Organisation
) -> list[Person]:
    """NGO A's household (shared with NGO B as a household) and a single person of it shared
    with the government, and a person shared with no one."""
    household = household_register(
        actor=ngo_a,
        organisation=ngo_a_org,
        members=[
            MemberInput(person_input(given_name="Асель"), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Нурлан", date_of_birth="2012"), "son"),
        ],
    )
    alone = household_register(
        actor=ngo_a,
        organisation=ngo_a_org,
        members=[MemberInput(person_input(given_name="Болат"), Relationship.PRINCIPAL)],
    ).members.get()
    sharer = user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)
    son = household.members.get(relationship="son")
    for recipient, record in ((ngo_b_org, {"household": household}), (government, {"person": son})):
        share_grant_agreed(
            actor=sharer,
            recipient=recipient,
            agreement=f"DTA 2025/{recipient.code}",
            purpose="Case management",
            expires_on=timezone.localdate() + dt.timedelta(days=30),
            **record,
        )
    return [*household.members.all(), alone]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_answers_as_the_gates_do(
    request: pytest.FixtureRequest,
    persona: str,
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b_org: Organisation,
    government: Organisation,
) -> None:
    people = _shared_records(ngo_a, ngo_a_org, ngo_b_org, government)
    user = request.getfixturevalue(persona)

    for perm in Perm:
        for person in people:
            person = Person.objects.select_related("household").get(pk=person.pk)
            expected = visible_persons(user, perm).filter(pk=person.pk).exists()
            assert person_visible(user, person, perm) is expected, (persona, perm, person)
            if perm != Perm.PERSON_VIEW:
                assert person_held(user, person, perm) is expected, (persona, perm, person)
            household = person.household
            assert household is not None
            expected = visible_households(user, perm).filter(pk=household.pk).exists()
            assert household_visible(user, household, perm) is expected, (persona, perm)


def test_a_share_is_seen_but_not_held(
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b: User,
    ngo_b_org: Organisation,
    government: Organisation,
) -> None:
    people = _shared_records(ngo_a, ngo_a_org, ngo_b_org, government)

    assert all(person_visible(ngo_b, p) for p in people[:2])
    assert not any(person_held(ngo_b, p) for p in people)
    assert not any(person_visible(ngo_b, p, Perm.PERSON_CHANGE) for p in people)
    assert not person_visible(ngo_b, people[2])
