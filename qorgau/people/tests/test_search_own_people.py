"""An organisation that sees only its own people (and what is shared with it) walks their keys
alone, and the people shared with it apart, merged in one order (ADR 0014): the same people, in
the same order, as a walk of every key checking each person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people import access
from qorgau.people.models import Person, Relationship, Sex
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.people.tests.searching import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(
    clerk: User,
    agency: Organisation,
    ngo_a: User,
    ngo_a_org: Organisation,
    make_person: Callable[..., Person],
) -> dict[str, Person]:
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    until = dt.date.today() + dt.timedelta(days=300)
    people = {
        "own_whole": make_person(ngo_a, ngo_a_org, family_name="Бақытов", given_name="Нұрлан"),
        "own_longer": make_person(
            ngo_a, ngo_a_org, family_name="Бақытова", given_name="Нұрлана", sex=Sex.FEMALE
        ),
        "agency_whole": make_person(clerk, agency, family_name="Бақытов", given_name="Нұрлан"),
        "shared_whole": make_person(clerk, agency, family_name="Бақытов", given_name="Нұрлан"),
    }
    share_grant_agreed(
        actor=officer, recipient=ngo_a_org, person=people["shared_whole"],
        agreement="DTA-7", purpose="Legal aid", expires_on=until,
    )  # fmt: skip
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(
                person_input(family_name="Бақытов", given_name="Ерлан"), Relationship.PRINCIPAL
            ),
            MemberInput(
                person_input(family_name="Бақытов", given_name="Нұрланбек"), Relationship.SON
            ),
        ],
    )
    share_grant_agreed(
        actor=officer, recipient=ngo_a_org, household=household,
        agreement="DTA-8", purpose="Legal aid", expires_on=until,
    )  # fmt: skip
    people["household_longer"] = household.members.get(relationship=Relationship.SON)
    return people


def test_an_organisation_finds_its_own_and_its_shared_people_ranked_as_one_list(
    ngo_a: User, world: dict[str, Person]
) -> None:
    result = found(ngo_a, "Нұрлан Бақытов")

    whole = sorted([world["own_whole"], world["shared_whole"]], key=lambda p: p.registration_number)
    longer = sorted(
        [world["own_longer"], world["household_longer"]], key=lambda p: p.registration_number
    )
    assert result == whole + longer


def test_the_agency_finds_everyone_of_its_country(clerk: User, world: dict[str, Person]) -> None:
    result = found(clerk, "Нұрлан Бақытов")

    assert set(result) == set(world.values())


def test_another_organisation_finds_none_of_them(ngo_b: User, world: dict[str, Person]) -> None:
    assert found(ngo_b, "Нұрлан Бақытов") == []
    assert found(ngo_b, "Бақыт") == []


def test_past_the_limit_of_shared_people_every_key_is_walked_with_the_same_result(
    ngo_a: User, world: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = found(ngo_a, "Нұрлан Бақытов")
    monkeypatch.setattr(access, "SHARED_LISTED_MAX", 1)

    assert len(access.name_key_walks(ngo_a)) == 1
    assert found(ngo_a, "Нұрлан Бақытов") == listed
