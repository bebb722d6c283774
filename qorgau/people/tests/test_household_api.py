"""The API's change of principal applicant: same service, same refusals as the page."""

import json

import pytest
from django.urls import reverse

from qorgau.people import errors
from qorgau.people.models import Relationship
from qorgau.people.services.households import MemberInput, household_register
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
        ],
    )


def _post(client, household, body):
    return client.post(
        reverse("household-change-principal", kwargs={"id": household.public_id}),
        json.dumps(body),
        content_type="application/json",
    )


def _wife(household):
    return household.members.get(relationship=Relationship.WIFE)


def test_it_changes_the_principal(clerk, family, login):
    wife = _wife(family)

    response = _post(
        login(clerk),
        family,
        {
            "person": str(wife.public_id),
            "former_principal_relationship": "husband",
            "version": family.version,
        },
    )

    assert response.status_code == 200
    assert response.json()["version"] == family.version + 1
    wife.refresh_from_db()
    assert wife.relationship == Relationship.PRINCIPAL


def test_it_answers_a_stale_version_with_409(clerk, family, login):
    wife = _wife(family)

    response = _post(
        login(clerk),
        family,
        {
            "person": str(wife.public_id),
            "former_principal_relationship": "husband",
            "version": family.version + 1,
        },
    )

    assert response.status_code == 409
    assert response.json()["detail"] == str(errors.STALE_VERSION)
    wife.refresh_from_db()
    assert wife.relationship == Relationship.WIFE


def test_it_refuses_principal_as_the_former_principals_relationship(clerk, family, login):
    response = _post(
        login(clerk),
        family,
        {"person": str(_wife(family).public_id), "former_principal_relationship": "principal"},
    )

    assert response.status_code == 400
    assert "former_principal_relationship" in response.json()


def test_it_does_not_find_a_person_outside_the_household(clerk, agency, family, login, make_person):
    stranger = make_person(clerk, agency, given_name="Бақыт")

    response = _post(
        login(clerk),
        family,
        {"person": str(stranger.public_id), "former_principal_relationship": "brother"},
    )

    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.household is None
