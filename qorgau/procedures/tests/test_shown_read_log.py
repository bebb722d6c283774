"""Reads are logged wherever a person's data is shown (issue 14): the person page's cases
section, the case pages (the person named on them), the household page's members. Each page
logs what it shows in one batch per kind of record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qorgau.audit.models import AccessLog
from qorgau.people.models import Relationship
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input
from qorgau.procedures.services import case_open
from qorgau.procedures.tests.factories import START, all_roles_user

pytestmark = pytest.mark.django_db


def _rows(user, **filters) -> set[tuple[str, str, str]]:
    rows = AccessLog.objects.filter(user=user, **filters)
    return {(r.action, r.object_type, str(r.object_id)) for r in rows}


@pytest.fixture
def manager(agency):
    return all_roles_user("manager", agency)


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(clerk, agency)


@pytest.fixture
def two_cases(manager, agency, person):
    return [
        case_open(
            actor=manager, organisation=agency, procedure=code, person=person, opened_on=START
        )
        for code in ("asylum", "statelessness")
    ]


def test_the_person_page_logs_the_cases_it_lists_in_one_batch(manager, person, two_cases, login):
    response = login(manager).get(reverse("people:detail", kwargs={"public_id": person.public_id}))

    assert response.status_code == 200
    listed = AccessLog.objects.filter(user=manager, object_type="case")
    assert {(r.action, r.object_id) for r in listed} == {
        ("list", case.public_id) for case in two_cases
    }
    assert len({r.at for r in listed}) == 1  # one call: one time for the batch
    assert ("view", "person", str(person.public_id)) in _rows(manager)


def test_the_person_page_logs_no_case_of_another_organisation(
    ngo_b, person, two_cases, login, ngo_a_org
):
    # NGO B sees neither the person nor the cases: 404, and nothing about them is logged.
    response = login(ngo_b).get(reverse("people:detail", kwargs={"public_id": person.public_id}))

    assert response.status_code == 404
    assert not AccessLog.objects.filter(user=ngo_b).exists()


@pytest.mark.parametrize("page", ["detail", "step"])
def test_a_case_page_logs_the_person_it_names(manager, person, two_cases, login, page):
    case = two_cases[0]
    url = (
        reverse("procedures:detail", kwargs={"public_id": case.public_id})
        if page == "detail"
        else reverse(
            "procedures:step", kwargs={"public_id": case.public_id, "transition": "register"}
        )
    )

    response = login(manager).get(url)

    assert response.status_code == 200
    assert {("view", "case", str(case.public_id)), ("case", "person", str(person.public_id))} <= (
        _rows(manager)
    )


def test_the_api_case_answer_logs_the_person(manager, person, two_cases, login):
    case = two_cases[0]

    response = login(manager).get(reverse("case-detail", args=[case.public_id]))

    assert response.status_code == 200
    assert ("case", "person", str(person.public_id)) in _rows(manager)


def test_a_household_case_page_logs_the_household(manager, clerk, agency, login):
    from qorgau.procedures.models import Case

    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[MemberInput(person_input(given_name="Серік"), Relationship.PRINCIPAL)],
    )
    case = Case.objects.create(
        country=agency.country,
        procedure="family_tracing",
        household=household,
        organisation=agency,
        stage="open",
        opened_on=START,
    )

    from qorgau.audit.services import Reader
    from qorgau.procedures.access import case_subject_shown

    case_subject_shown(reader=Reader(user=manager, channel="web", path="/", address=""), case=case)

    assert _rows(manager) == {("case", "household", str(household.public_id))}


def test_the_household_page_logs_every_member_in_one_batch(clerk, agency, login):
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(person_input(given_name="Серік"), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Айгүл", sex="female"), Relationship.DAUGHTER),
        ],
    )

    response = login(clerk).get(
        reverse("people:household", kwargs={"public_id": household.public_id})
    )

    assert response.status_code == 200
    members = AccessLog.objects.filter(user=clerk, action="member", object_type="person")
    assert {r.object_id for r in members} == {m.public_id for m in household.members.all()}
    assert len({r.at for r in members}) == 1
    assert ("view", "household", str(household.public_id)) in _rows(clerk)
