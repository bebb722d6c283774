"""The registry's lists cost as many queries for twelve rows as for two: every API list (people,
households, documents, status periods, shares), the household page's list of members and the
person page's documents and statuses. (The search page's own test is in
``test_search_results.py``.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import DocumentType, Household, Relationship
from qorgau.people.services.documents import document_add
from qorgau.people.services.households import household_member_add
from qorgau.people.services.persons import AliasInput
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import HouseholdFactory, PersonFactory, share_grant_agreed
from qorgau.procedures.tests.factories import all_roles_user
from qorgau.reference.models import Country, Region

pytestmark = pytest.mark.django_db

LISTS = [
    ("/api/v1/persons/", {}),
    ("/api/v1/persons/", {"search": "Сейтқазиев"}),
    ("/api/v1/households/", {}),
    ("/api/v1/documents/", {}),
    ("/api/v1/status-periods/", {}),
    ("/api/v1/shares/", {}),
]


@pytest.fixture
def officer(agency: Organisation) -> User:
    """A user of the agency's office who may register, change and share."""
    return all_roles_user("all-roles", agency)


def _rows(officer: User, agency: Organisation, partner: Organisation, count: int) -> None:
    """``count`` people, each with a status, a document, a phone, a need, an alias and a share,
    and ``count`` households of two."""
    for person in PersonFactory.create_batch(
        count,
        actor=officer,
        organisation=agency,
        status="STA",
        phones=["+77012345678"],
        needs=["SM-CI"],
        aliases=[AliasInput(family_name="Seytkaziyev", given_name="Yerlan")],
    ):
        document_add(
            actor=officer, person=person, type=DocumentType.PASSPORT, number=f"N{person.pk:07}"
        )
        share_grant_agreed(
            actor=officer,
            recipient=partner,
            person=person,
            agreement="DTA 2024/07",
            purpose="Legal counselling",
            expires_on=timezone.localdate() + dt.timedelta(days=30),
        )
    HouseholdFactory.create_batch(count, actor=officer, organisation=agency)


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_an_api_list_costs_the_same_queries_for_two_rows_as_for_twelve(
    path: str,
    params: dict[str, str],
    officer: User,
    agency: Organisation,
    ngo_a_org: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    client = login(officer)
    _rows(officer, agency, ngo_a_org, 2)

    two, twelve = list_queries(
        client, path, grow=lambda: _rows(officer, agency, ngo_a_org, 10), **params
    )

    assert client.get(path, params).json()["count"] >= 12
    assert twelve == two


def test_the_household_page_costs_the_same_queries_for_two_members_as_for_twelve(
    officer: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    household: Household = HouseholdFactory.create(actor=officer, organisation=agency, size=2)

    def grow() -> None:
        for person in PersonFactory.create_batch(
            10, actor=officer, organisation=agency, status="STA"
        ):
            household_member_add(
                actor=officer, household=household, person=person, relationship=Relationship.SON
            )

    two, twelve = list_queries(login(officer), f"/households/{household.public_id}/", grow=grow)

    assert household.members.count() == 12
    assert twelve == two


def test_the_person_page_costs_the_same_queries_for_two_documents_and_statuses_as_for_twelve(
    officer: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    """The person page lists the documents, the legal-status history and the changes."""
    person = PersonFactory.create(actor=officer, organisation=agency)
    added: list[int] = []

    def add(count: int) -> None:
        for _ in range(count):
            added.append(len(added) + 1)
            document_add(
                actor=officer, person=person, type=DocumentType.PASSPORT, number=f"N{added[-1]:07}"
            )
            status_period_record(
                actor=officer, organisation=agency, person=person,
                status="REF" if len(added) % 2 else "ASY",
                effective_from=dt.date(2020, 1, len(added)),
            )  # fmt: skip

    add(2)
    two, twelve = list_queries(login(officer), f"/people/{person.public_id}/", grow=lambda: add(10))

    assert person.documents.count() == person.status_periods.count() == 12
    assert twelve == two


@pytest.mark.parametrize("params", [{}, {"search": "Сейтқазиев"}])
def test_an_api_list_of_people_joins_no_nullable_reference_and_still_shows_them(
    params: dict[str, str],
    officer: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
) -> None:
    """The query that reads a page of people joins only the references every person has and
    the household: each outer join of a nullable reference made PostgreSQL plan for longer
    than it ran (issue 12). The countries and the region are still shown, read by id."""
    kaz = Country.objects.get(iso3="KAZ")
    region = Region.objects.filter(country=kaz).first()
    PersonFactory(
        actor=officer,
        organisation=agency,
        birth_country=kaz,
        origin_country=kaz,
        region=region,
    )
    PersonFactory(actor=officer, organisation=agency)
    client = login(officer)
    client.get("/api/v1/persons/", params)

    with CaptureQueriesContext(connection) as captured:
        rows = client.get("/api/v1/persons/", params).json()["results"]

    reads = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].startswith('SELECT "people_person"."id"')
    ]
    assert reads
    # The household is the one outer join; the country office the one country joined.
    assert all(sql.count("LEFT OUTER JOIN") <= 1 for sql in reads), reads
    assert all(sql.count('JOIN "reference_country"') <= 1 for sql in reads), reads
    assert all('JOIN "reference_region"' not in sql for sql in reads), reads
    shown = {row["origin_country"] for row in rows}
    assert shown == {"KAZ", None}
    assert {row["birth_country"] for row in rows} == {"KAZ", None}
    assert {row["region"] for row in rows} == {region.code if region else None, None}
