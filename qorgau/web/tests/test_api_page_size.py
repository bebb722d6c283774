"""No API list reads the whole registry in one request: ``limit`` is cut to the maximum page
size (issue 14: ``?limit=1000000`` returned 24,869 people in 16 s)."""

import pytest
from django.urls import reverse

from qorgau.organisations.tests.personas import persona_user
from qorgau.people.models import Relationship
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input

pytestmark = pytest.mark.django_db

LISTS = ["person-list", "household-list", "document-list", "status-period-list", "share-list"]


@pytest.fixture
def two_households(clerk, agency):
    for given in ("Ерлан", "Марат"):
        household_register(
            actor=clerk,
            organisation=agency,
            members=[
                MemberInput(person_input(given_name=given), Relationship.PRINCIPAL),
                MemberInput(person_input(given_name="Айгүл", sex="female"), Relationship.WIFE),
            ],
        )


def test_it_cuts_a_huge_limit_to_the_maximum(clerk, two_households, login, settings):
    settings.API_MAX_PAGE_SIZE = 3

    body = login(clerk).get(reverse("person-list") + "?limit=1000000").json()

    assert body["count"] == 4
    assert len(body["results"]) == 3
    assert "limit=3" in body["next"]


def test_it_cuts_the_default_page_to_the_maximum(clerk, two_households, login, settings):
    settings.API_MAX_PAGE_SIZE = 1

    body = login(clerk).get(reverse("household-list")).json()

    assert body["count"] == 2
    assert len(body["results"]) == 1


@pytest.mark.parametrize("name", [*LISTS, "case-list"])
def test_it_never_answers_more_than_the_maximum_on_any_list(name, agency, login, settings):
    settings.API_MAX_PAGE_SIZE = 7
    officer = persona_user("officer", agency)  # may list shares too

    response = login(officer).get(reverse(name) + "?limit=1000000")

    assert response.status_code == 200
    assert len(response.json()["results"]) <= 7
    assert "limit=7" in (response.json()["next"] or "limit=7")


def test_the_default_maximum_is_100():
    from qorgau.config import settings as config

    assert config.API_MAX_PAGE_SIZE == 100
