"""The case pages show the case's person only as the need-to-know field policy allows (issue
14, ADR 0030): the name is identity, shown to a role that reads the person's identity and
"not shown to your role" to anyone else who sees the case (an organisation following it under
a case access grant, or a share whose scope leaves identity out)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from qorgau.organisations.models import Organisation, User
from qorgau.people import errors as people_errors
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_make
from qorgau.procedures.models import Case
from qorgau.procedures.services import case_access_grant
from qorgau.procedures.tests.factories import CaseFactory, all_roles_user

pytestmark = pytest.mark.django_db

NAME = "Сейтқазиев Ерлан"


@pytest.fixture
def officer(agency: Organisation) -> User:
    return all_roles_user("agency-officer", agency)


@pytest.fixture
def subject(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> Person:
    return make_person(
        clerk, agency, family_name="Сейтқазиев", given_name="Ерлан", phones=["+77012345678"]
    )


@pytest.fixture
def case(officer: User, agency: Organisation, subject: Person) -> Case:
    return CaseFactory.create(actor=officer, organisation=agency, person=subject)


def _pages(client: Any, case: Case) -> list[str]:
    detail = client.get(reverse("procedures:detail", kwargs={"public_id": case.public_id}))
    listed = client.get(reverse("procedures:list"))
    assert (detail.status_code, listed.status_code) == (200, 200)
    return [detail.content.decode(), listed.content.decode()]


def test_a_role_reading_identity_sees_the_name(clerk: User, case: Case, login: Any) -> None:
    for page in _pages(login(clerk), case):
        assert NAME in page
        assert case.person.registration_number in page  # type: ignore[union-attr]


def test_an_organisation_following_the_case_sees_the_number_not_the_name(
    officer: User, ngo_b: User, ngo_b_org: Organisation, case: Case, login: Any
) -> None:
    case_access_grant(
        actor=officer, case=case, organisation=ngo_b_org, can_act=False, purpose="Legal aid"
    )

    for page in _pages(login(ngo_b), case):
        assert NAME not in page
        assert case.person.registration_number in page  # type: ignore[union-attr]
        assert escape(str(people_errors.FIELD_NOT_SHOWN)) in page


@pytest.mark.parametrize(
    ("scope", "shown"),
    [(["identity"], True), (["legal_status"], False)],
    ids=["identity", "status"],
)
def test_a_share_shows_the_name_only_if_its_scope_has_identity(
    officer: User,
    ngo_b: User,
    ngo_b_org: Organisation,
    case: Case,
    subject: Person,
    login: Any,
    scope: list[str],
    shown: bool,
) -> None:
    share_make(officer, ngo_b_org, subject, field_groups=scope)
    case_access_grant(
        actor=officer, case=case, organisation=ngo_b_org, can_act=False, purpose="Legal aid"
    )

    for page in _pages(login(ngo_b), case):
        assert (NAME in page) is shown
        assert "+77012345678" not in page
