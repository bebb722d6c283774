"""Households: exactly one principal applicant, every member related, all or nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from qorgau.people import errors
from qorgau.people.models import Household, Person, Relationship
from qorgau.people.services.households import (
    MemberInput,
    household_member_add,
    household_member_remove,
    household_register,
)
from qorgau.people.tests.factories import person_input

pytestmark = pytest.mark.django_db


def _member(relationship, **fields):
    return MemberInput(data=person_input(**fields), relationship=relationship)


def _family(clerk, agency):
    return household_register(
        actor=clerk,
        organisation=agency,
        members=[
            _member(Relationship.PRINCIPAL),
            _member(Relationship.WIFE, given_name="Айгүл", sex="female"),
        ],
    )


def test_it_registers_a_household_with_its_principal_and_members(clerk, agency):
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[
            _member(Relationship.PRINCIPAL),
            _member(Relationship.WIFE, given_name="Айгүл", sex="female"),
            _member(Relationship.SON, given_name="Нұрлан", date_of_birth="2015"),
        ],
    )

    members = household.members.order_by("registration_number")
    assert [m.relationship for m in members] == ["principal", "wife", "son"]
    assert all(m.registered_by == agency for m in members)
    assert household.registration_number.startswith("KAZ-")


@pytest.mark.parametrize(
    ("relationships", "message", "params"),
    [
        ([Relationship.WIFE, Relationship.SON], errors.NO_PRINCIPAL, {}),
        ([Relationship.PRINCIPAL, Relationship.PRINCIPAL], errors.TWO_PRINCIPALS, {"count": 2}),
    ],
)
def test_it_refuses_zero_or_two_principals_and_saves_nothing(
    clerk, agency, relationships, message, params
):
    with pytest.raises(ValidationError) as caught:
        household_register(
            actor=clerk, organisation=agency, members=[_member(r) for r in relationships]
        )

    expected = str(message) % params if params else str(message)
    assert caught.value.message_dict["members"] == [expected]
    assert Person.objects.count() == 0
    assert Household.objects.count() == 0


def test_it_has_the_database_refuse_a_second_principal(clerk, agency):
    household = _family(clerk, agency)
    wife = household.members.get(relationship=Relationship.WIFE)

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=wife.pk).update(relationship=Relationship.PRINCIPAL)

    assert household.members.filter(relationship=Relationship.PRINCIPAL).count() == 1


def test_it_adds_and_removes_a_member(clerk, agency, make_person):
    household = _family(clerk, agency)
    son = make_person(clerk, agency, given_name="Нұрлан")

    added = household_member_add(
        actor=clerk, household=household, person=son, relationship=Relationship.SON
    )
    assert added.household == household
    assert added.version == 2

    removed = household_member_remove(actor=clerk, person=son)

    son.refresh_from_db()
    assert removed.household is None
    assert son.household is None
    assert son.relationship == ""
    assert son.version == 3
    assert household.members.count() == 2


def test_it_keeps_the_principal_in_the_household(clerk, agency):
    household = _family(clerk, agency)
    principal = household.members.get(relationship=Relationship.PRINCIPAL)

    with pytest.raises(ValidationError) as caught:
        household_member_remove(actor=clerk, person=principal)

    assert caught.value.message_dict["person"] == [str(errors.PRINCIPAL_CANNOT_LEAVE)]
    principal.refresh_from_db()
    assert principal.household == household
    assert principal.relationship == Relationship.PRINCIPAL


def test_it_refuses_a_person_already_in_another_household(clerk, agency):
    first = _family(clerk, agency)
    second = _family(clerk, agency)
    wife = first.members.get(relationship=Relationship.WIFE)

    with pytest.raises(ValidationError) as caught:
        household_member_add(
            actor=clerk, household=second, person=wife, relationship=Relationship.SISTER
        )

    expected = str(errors.ALREADY_IN_HOUSEHOLD) % {
        "name": wife.display_name,
        "number": first.registration_number,
    }
    assert caught.value.message_dict["person"] == [expected]
    wife.refresh_from_db()
    assert wife.household == first
    assert wife.relationship == Relationship.WIFE


def test_it_refuses_to_add_a_second_principal(clerk, agency, make_person):
    household = _family(clerk, agency)
    someone = make_person(clerk, agency, given_name="Бақыт")

    with pytest.raises(ValidationError) as caught:
        household_member_add(
            actor=clerk, household=household, person=someone, relationship=Relationship.PRINCIPAL
        )

    assert "relationship" in caught.value.message_dict
    someone.refresh_from_db()
    assert someone.household is None


def test_it_keys_an_invalid_members_errors_by_index_and_saves_nothing(clerk, agency):
    with pytest.raises(ValidationError) as caught:
        household_register(
            actor=clerk,
            organisation=agency,
            members=[
                _member(Relationship.PRINCIPAL),
                _member(Relationship.WIFE, given_name="Айгүл", sex="female"),
                _member(Relationship.SON, given_name="", date_of_birth="2999-01-01"),
            ],
        )

    problems = caught.value.message_dict
    assert problems["members.2.given_name"] == [str(errors.REQUIRED)]
    assert problems["members.2.date_of_birth"] == [str(errors.DATE_IN_FUTURE)]
    assert not any(key.startswith(("members.0.", "members.1.")) for key in problems)
    assert Person.objects.count() == 0
    assert Household.objects.count() == 0
