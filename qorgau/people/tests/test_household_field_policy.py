"""The household page shows each member's name and relationship only as the user's field policy
for that member allows (issue 14, ADR 0030). The roles that reach the page (it needs change
rights) read both today, so the test narrows the table to prove the page asks."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.people import errors
from qorgau.people.fields import FieldGroup
from qorgau.people.models import Household, Relationship
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input, role_reads_less

pytestmark = pytest.mark.django_db

G = FieldGroup


@pytest.fixture
def household(clerk: User, agency: Organisation) -> Household:
    return household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(person_input(given_name="Ерлан"), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Нұрлан"), Relationship.SON),
        ],
    )


@pytest.mark.parametrize(
    ("hidden", "names", "relationships"),
    [(frozenset(), True, True), ({G.IDENTITY}, False, True), ({G.HOUSEHOLD}, True, False)],
    ids=["all", "no-identity", "no-household"],
)
def test_the_household_page_shows_members_as_the_policy_allows(
    monkeypatch: pytest.MonkeyPatch,
    clerk: User,
    household: Household,
    login: Any,
    hidden: frozenset[FieldGroup],
    names: bool,
    relationships: bool,
) -> None:
    role_reads_less(monkeypatch, Role.REGISTRATION_CLERK, hidden)
    son = household.members.get(relationship=Relationship.SON)

    response = login(clerk).get(
        reverse("people:household", kwargs={"public_id": household.public_id})
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert son.registration_number in page
    assert (son.display_name in page) is names
    assert ("<td>Son</td>" in page) is relationships
    assert (escape(str(errors.FIELD_NOT_SHOWN)) in page) is not (names and relationships)
