"""A case is assigned and reassigned on its page by its responsible organisation; "My cases"
lists the cases assigned to me; nobody else can assign, by any path."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.procedures.models import Case
from qorgau.procedures.services import case_access_grant, case_open
from qorgau.procedures.tests.factories import START

pytestmark = pytest.mark.django_db

Login = Callable[[User | None], Client]


@pytest.fixture
def case(actor: User, agency: Organisation, person: Person) -> Case:
    return case_open(
        actor=actor, organisation=agency, procedure="asylum", person=person, opened_on=START
    )


def _assign(client: Client, case: Case, assignee: User | None) -> None:
    client.post(
        reverse("procedures:assign", kwargs={"public_id": case.public_id}),
        {"version": case.version, "assignee": assignee.pk if assignee else ""},
    )


def test_it_assigns_and_reassigns_and_my_cases_follows(
    actor: User, agency: Organisation, case: Case, login: Login
) -> None:
    officer = user_make("officer-2", agency, Role.PROTECTION_OFFICER)
    client = login(actor)

    page = client.get(reverse("procedures:detail", kwargs={"public_id": case.public_id}))
    assert (
        reverse("procedures:assign", kwargs={"public_id": case.public_id}) in page.content.decode()
    )
    _assign(client, case, officer)
    case.refresh_from_db()
    assert case.assigned_to == officer
    mine = login(officer).get(reverse("procedures:list") + "?mine=1").content.decode()
    assert str(case.public_id) in mine

    _assign(client, case, actor)
    case.refresh_from_db()
    assert case.assigned_to == actor
    assert str(case.public_id) not in login(officer).get("/cases/?mine=1").content.decode()


def test_another_organisation_cannot_assign(
    case: Case, ngo_a: User, ngo_a_org: Organisation, actor: User, login: Login
) -> None:
    case_access_grant(actor=actor, case=case, organisation=ngo_a_org, can_act=False, purpose="x")

    _assign(login(ngo_a), case, ngo_a)

    case.refresh_from_db()
    assert case.assigned_to is None


def test_a_user_outside_the_case_cannot_be_assigned(
    case: Case, actor: User, ngo_b: User, login: Login
) -> None:
    _assign(login(actor), case, ngo_b)

    case.refresh_from_db()
    assert case.assigned_to is None
