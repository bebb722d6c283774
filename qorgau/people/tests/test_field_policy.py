"""Need-to-know fields (issue 14): each role reads the groups of a person's fields that
``people/fields.py`` gives it, on every channel (the person page, search results, the API's
person, list and search, documents and status periods, households), and a share narrows a
role to the share's scope. Hidden fields are absent from the API and "not shown to your role"
on pages.

The world: a person registered by the agency's office (``subject``: a phone, an address, a
specific need, a document, a status, a household), shared by the protection officer with NGO B
and with the Migration Service; and a person the Migration Service registered itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_user
from qorgau.people.fields import PERSON_API_FIELDS, FieldGroup, field_policy
from qorgau.people.models import DocumentType, Person, Relationship
from qorgau.people.services.documents import document_add
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import person_create
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input, share_grant_agreed

pytestmark = pytest.mark.django_db

G = FieldGroup
ALL = frozenset(FieldGroup)
SHARE_SCOPE = frozenset({G.IDENTITY, G.LEGAL_STATUS, G.CONTACT, G.HOUSEHOLD})
NEED = "SM-CI"
PHONE = "+77012345678"
ADDRESS = "Алматы, Тестовая көшесі 1"
DOCUMENT_NUMBER = "N18594777"


@dataclass
class World:
    users: dict[str, User]
    subject: Person  # the agency's, shared with NGO B and the Migration Service
    own_government: Person  # the Migration Service's own


def _register(actor: User, organisation: Organisation, given_name: str) -> Person:
    data = person_input(given_name=given_name, phones=[PHONE], address=ADDRESS, needs=[NEED])
    household = household_register(
        actor=actor,
        organisation=organisation,
        members=[
            MemberInput(data, Relationship.PRINCIPAL),
            MemberInput(person_input(given_name=f"{given_name}бек"), Relationship.SON),
        ],
    )
    person = household.members.get(relationship=Relationship.PRINCIPAL)
    document_add(actor=actor, person=person, type=DocumentType.PASSPORT, number=DOCUMENT_NUMBER)
    status_period_record(
        actor=actor,
        organisation=organisation,
        person=person,
        status="ASY",
        effective_from=dt.date(2024, 1, 10),
    )
    return person


def _share(officer: User, recipient: Organisation, person: Person) -> None:
    share_grant_agreed(
        actor=officer,
        recipient=recipient,
        agreement="DTA 2024/07",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        person=person,
    )


@pytest.fixture
def world(agency, ngo_a_org, ngo_b_org, government, clerk, ngo_a, ngo_b, liaison, gov_clerk):
    officer = persona_user("officer", agency)
    subject = _register(clerk, agency, "Ерлан")
    for recipient in (ngo_b_org, government):
        _share(officer, recipient, subject)
    own = _register(gov_clerk, government, "Айгүл")
    users = {
        "clerk": clerk,
        "officer": officer,
        "ngo_a": ngo_a,
        "ngo_b": ngo_b,
        "liaison": liaison,
        "gov_clerk": gov_clerk,
    }
    return World(users=users, subject=subject, own_government=own)


# persona, whose record → the groups the persona reads.
EXPECTED = [
    ("clerk", "subject", ALL),
    ("officer", "subject", ALL),
    ("ngo_b", "subject", SHARE_SCOPE),
    ("liaison", "subject", frozenset({G.IDENTITY, G.LEGAL_STATUS, G.HOUSEHOLD})),
    ("gov_clerk", "subject", SHARE_SCOPE),
    (
        "liaison",
        "own_government",
        frozenset({G.IDENTITY, G.LEGAL_STATUS, G.DOCUMENTS, G.HOUSEHOLD}),
    ),
    ("gov_clerk", "own_government", ALL),
]
IDS = [f"{persona}-{record}" for persona, record, _ in EXPECTED]


def _api_groups(body: dict[str, Any]) -> frozenset[FieldGroup]:
    """The groups whose fields a person's API representation holds (every field of each)."""
    present = set()
    for group, names in PERSON_API_FIELDS.items():
        held = [name in body for name in names if name != "date_of_birth_estimated"]
        assert all(held) or not any(held), (group, body.keys())
        if all(held):
            present.add(group)
    return frozenset(present)


@pytest.mark.parametrize(("persona", "record", "groups"), EXPECTED, ids=IDS)
def test_it_computes_each_roles_policy(world, persona, record, groups):
    assert field_policy(world.users[persona], getattr(world, record)).read == groups


@pytest.mark.parametrize(("persona", "record", "groups"), EXPECTED, ids=IDS)
def test_it_leaves_hidden_groups_out_of_the_api_detail(world, login, persona, record, groups):
    person = getattr(world, record)

    body = login(world.users[persona]).get(reverse("person-detail", args=[person.public_id]))

    assert body.status_code == 200
    person_groups = groups & set(PERSON_API_FIELDS)
    assert _api_groups(body.json()) == person_groups
    assert ("needs" in body.json()) == (G.SPECIFIC_NEEDS in groups)
    assert (NEED in body.content.decode()) == (G.SPECIFIC_NEEDS in groups)
    assert (ADDRESS in body.content.decode()) == (G.CONTACT in groups)


@pytest.mark.parametrize(("persona", "record", "groups"), EXPECTED, ids=IDS)
@pytest.mark.parametrize("query", ["", "?search=Сейтқазиев"], ids=["list", "search"])
def test_it_leaves_hidden_groups_out_of_the_api_list_and_search(
    world, login, persona, record, groups, query
):
    person = getattr(world, record)

    response = login(world.users[persona]).get(reverse("person-list") + query)

    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    assert _api_groups(rows[str(person.public_id)]) == groups & set(PERSON_API_FIELDS)


@pytest.mark.parametrize(("persona", "record", "groups"), EXPECTED, ids=IDS)
@pytest.mark.parametrize(
    ("route", "group"),
    [("document-list", G.DOCUMENTS), ("status-period-list", G.LEGAL_STATUS)],
    ids=["documents", "status-periods"],
)
def test_it_lists_a_persons_documents_and_statuses_only_to_roles_reading_them(
    world, login, persona, record, groups, route, group
):
    person = getattr(world, record)

    response = login(world.users[persona]).get(reverse(route), {"person": str(person.public_id)})

    assert response.status_code == 200
    assert (response.json()["count"] > 0) == (group in groups)


@pytest.mark.parametrize(("persona", "record", "groups"), EXPECTED, ids=IDS)
def test_it_shows_not_shown_on_the_person_page_for_hidden_groups(
    world, login, persona, record, groups
):
    person = getattr(world, record)

    response = login(world.users[persona]).get(
        reverse("people:detail", kwargs={"public_id": person.public_id})
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert (NEED in html) == (G.SPECIFIC_NEEDS in groups)
    assert (PHONE[-7:] in html) == (G.CONTACT in groups)
    assert (ADDRESS in html) == (G.CONTACT in groups)
    assert (DOCUMENT_NUMBER in html) == (G.DOCUMENTS in groups)
    assert ("Not shown to your role." in html) == (groups != ALL)
    shown = response.context["fields"]
    assert {g for g in FieldGroup if shown[g.value]} == groups
    # A need's rows in the change history would tell that there is one: not listed either.
    records = {row.record for row in response.context["history"]}
    assert ("specific need" in records) == (G.SPECIFIC_NEEDS in groups)


@pytest.mark.parametrize(("persona", "record", "groups"), EXPECTED, ids=IDS)
def test_it_shows_not_shown_in_search_results_for_hidden_groups(
    world, login, persona, record, groups
):
    person = getattr(world, record)

    response = login(world.users[persona]).get(reverse("people:search"), {"q": "Сейтқазиев"})

    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r.person.pk == person.pk)
    assert {g for g in FieldGroup if row.fields[g.value]} == groups
    assert (row.status is not None) == (G.LEGAL_STATUS in groups)


def test_it_answers_the_household_api_with_the_members_a_share_shows(world, login):
    household = world.subject.household

    response = login(world.users["liaison"]).get(
        reverse("household-detail", args=[household.public_id])
    )

    # A share of one person does not show their household (unchanged by the field policy).
    assert response.status_code == 404


def _shared_with_ngo_b(world: World, agency: Organisation, ngo_b_org: Organisation):
    """Ten more people of the agency shared with NGO B, each with a specific need."""

    def grow() -> None:
        for n in range(10):
            data = person_input(given_name=f"Данияр{'а' * n}", needs=[NEED])
            person = person_create(actor=world.users["clerk"], organisation=agency, data=data)
            _share(world.users["officer"], ngo_b_org, person)

    return grow


def test_it_does_not_grow_the_queries_of_a_list_with_shared_people(
    world, login, list_queries, agency, ngo_b_org
):
    grow = _shared_with_ngo_b(world, agency, ngo_b_org)

    few, many = list_queries(login(world.users["ngo_b"]), reverse("person-list"), grow=grow)

    assert few == many


def test_it_does_not_grow_the_queries_of_search_results_with_shared_people(
    world, login, list_queries, agency, ngo_b_org
):
    grow = _shared_with_ngo_b(world, agency, ngo_b_org)

    few, many = list_queries(
        login(world.users["ngo_b"]), reverse("people:search"), grow=grow, q="Сейтқазиев"
    )

    assert few == many
