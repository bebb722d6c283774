"""A step based on an older version of the case than the stored one: one error hierarchy
(ADR 0021) answers it as the registry does, 409 with the case's current version, and changes
nothing."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.errors import StaleVersion
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.procedures import errors
from qorgau.procedures.services import case_open
from qorgau.procedures.tests.factories import START, all_roles_user
from qorgau.procedures.tests.test_share_is_view_only import REGISTER

pytestmark = pytest.mark.django_db


def test_it_answers_a_step_on_a_stale_case_with_409_and_the_current_version(
    agency: Organisation,
    clerk: User,
    make_person: Callable[..., Person],
    login: Callable[[User | None], Client],
) -> None:
    actor = all_roles_user("all-roles", agency)
    person = make_person(clerk, agency)
    case = case_open(
        actor=actor, organisation=agency, procedure="asylum", person=person, opened_on=START
    )
    url = reverse("case-transitions", kwargs={"id": case.public_id})
    body = json.dumps({**REGISTER, "version": case.version - 1})

    answer = login(actor).post(url, body, content_type="application/json")

    assert answer.status_code == 409, answer.content
    assert answer.json() == {"detail": str(errors.STALE_CASE), "current_version": case.version}
    assert case.steps.count() == 1


def test_a_stale_case_is_a_stale_version_that_names_the_version_field() -> None:
    stale = StaleVersion(errors.STALE_CASE, code="stale_case", current_version=3)

    assert stale.status == 409
    assert stale.error_dict["version"][0].code == "stale_case"
    assert str(stale) == str(errors.STALE_CASE)
