"""Households after registration: a new member registered into one, a member added or taken
out with the household's version, the principal applicant changed with the one-principal rule
kept at every statement."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from qorgau.people import errors
from qorgau.people.models import Person, Relationship
from qorgau.people.services.households import (
    MemberInput,
    household_member_add,
    household_member_register,
    household_member_remove,
    household_principal_change,
    household_register,
)
from qorgau.people.tests.factories import person_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(clerk, agency):
    return household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(person_input(given_name="Ерлан"), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Айгүл", sex="female"), Relationship.WIFE),
            MemberInput(person_input(given_name="Нұрлан", date_of_birth="2015"), Relationship.SON),
        ],
    )


def _member(household, relationship):
    return household.members.get(relationship=relationship)


def test_it_makes_a_member_the_principal_and_relates_the_former_one(clerk, family):
    husband, wife = _member(family, "principal"), _member(family, "wife")
    version = family.version

    household_principal_change(
        actor=clerk,
        household=family,
        person=wife,
        former_principal_relationship=Relationship.HUSBAND,
        expected_version=version,
    )

    husband.refresh_from_db()
    wife.refresh_from_db()
    family.refresh_from_db()
    assert (wife.relationship, husband.relationship) == ("principal", "husband")
    assert _member(family, "son").relationship == "son"
    assert family.version == version + 1
    assert family.members.filter(relationship=Relationship.PRINCIPAL).count() == 1
    assert wife.history.first().history_user == clerk
    assert family.history.first().history_user == clerk


def test_it_changes_the_former_principal_before_naming_the_new_one(clerk, family):
    """The database allows one principal per household at every statement, not only at commit."""
    husband, wife = _member(family, "principal"), _member(family, "wife")

    with CaptureQueriesContext(connection) as queries:
        household_principal_change(
            actor=clerk,
            household=family,
            person=wife,
            former_principal_relationship=Relationship.HUSBAND,
        )

    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "people_person"')]
    assert len(updates) == 2
    assert updates[0].endswith(f"= {husband.pk}")
    assert updates[1].endswith(f"= {wife.pk}")


def test_it_refuses_a_stale_version_and_changes_nothing(clerk, family):
    wife = _member(family, "wife")

    with pytest.raises(errors.StaleVersionError):
        household_principal_change(
            actor=clerk,
            household=family,
            person=wife,
            former_principal_relationship=Relationship.HUSBAND,
            expected_version=family.version + 1,
        )

    wife.refresh_from_db()
    assert wife.relationship == Relationship.WIFE


@pytest.mark.parametrize("relationship", [Relationship.PRINCIPAL, "cousin-twice-removed"])
def test_it_refuses_a_former_principal_relationship_that_is_no_member_one(
    clerk, family, relationship
):
    with pytest.raises(ValidationError) as caught:
        household_principal_change(
            actor=clerk,
            household=family,
            person=_member(family, "wife"),
            former_principal_relationship=relationship,
        )

    assert "former_principal_relationship" in caught.value.message_dict
    assert _member(family, "principal").given_name == "Ерлан"


def test_it_refuses_the_principal_as_new_principal(clerk, family):
    with pytest.raises(ValidationError) as caught:
        household_principal_change(
            actor=clerk,
            household=family,
            person=_member(family, "principal"),
            former_principal_relationship=Relationship.HUSBAND,
        )

    assert caught.value.message_dict["person"] == [str(errors.ALREADY_PRINCIPAL)]


def test_it_refuses_a_person_outside_the_household(clerk, agency, family, make_person):
    stranger = make_person(clerk, agency, given_name="Бақыт")

    with pytest.raises(PermissionDenied):
        household_principal_change(
            actor=clerk,
            household=family,
            person=stranger,
            former_principal_relationship=Relationship.HUSBAND,
        )

    stranger.refresh_from_db()
    assert stranger.relationship == ""


def test_it_lets_no_other_organisation_change_anything(ngo_b, ngo_b_org, family):
    version = family.version
    wife, son = _member(family, "wife"), _member(family, "son")

    refused = [
        lambda: household_principal_change(
            actor=ngo_b, household=family, person=wife, former_principal_relationship="husband"
        ),
        lambda: household_member_remove(actor=ngo_b, person=son),
        lambda: household_member_register(
            actor=ngo_b,
            organisation=ngo_b_org,
            household=family,
            data=person_input(given_name="Жаңа"),
            relationship=Relationship.DAUGHTER,
        ),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDenied):
            attempt()

    family.refresh_from_db()
    assert family.version == version
    assert family.members.count() == 3
    assert _member(family, "principal").given_name == "Ерлан"


def test_it_registers_a_new_member_into_the_household(clerk, agency, family):
    version = family.version

    person = household_member_register(
        actor=clerk,
        organisation=agency,
        household=family,
        data=person_input(given_name="Мадина", sex="female", date_of_birth="2019"),
        relationship=Relationship.DAUGHTER,
        expected_version=version,
    )

    family.refresh_from_db()
    assert person.household == family
    assert person.relationship == Relationship.DAUGHTER
    assert person.registered_by == agency
    assert family.version == version + 1
    assert family.members.count() == 4


def test_it_registers_no_member_with_a_bad_relationship_or_input(clerk, agency, family):
    for relationship, data in [
        (Relationship.PRINCIPAL, person_input(given_name="Мадина")),
        (Relationship.DAUGHTER, person_input(given_name="")),
    ]:
        with pytest.raises(ValidationError):
            household_member_register(
                actor=clerk,
                organisation=agency,
                household=family,
                data=data,
                relationship=relationship,
            )

    assert Person.objects.count() == 3


def test_it_refuses_stale_member_changes(clerk, agency, family, make_person):
    loose = make_person(clerk, agency, given_name="Бақыт")
    son = _member(family, "son")
    stale = family.version + 5

    with pytest.raises(errors.StaleVersionError):
        household_member_add(
            actor=clerk,
            household=family,
            person=loose,
            relationship=Relationship.BROTHER,
            expected_version=stale,
        )
    with pytest.raises(errors.StaleVersionError):
        household_member_remove(actor=clerk, person=son, expected_version=stale)

    loose.refresh_from_db()
    son.refresh_from_db()
    assert loose.household is None
    assert son.household == family
