"""A case step writes to every person the case covers: for a household, each member. The actor
needs change rights on all of them (issue 13), or nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from qorgau.organisations.tests.personas import personas_make
from qorgau.people.models import Document, LegalStatusPeriod, Person
from qorgau.people.services.households import MemberInput, household_member_add, household_register
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.procedures import errors
from qorgau.procedures.models import Case
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.services import case_open, case_step
from qorgau.procedures.tests.factories import START, all_roles_user, step_input

pytestmark = pytest.mark.django_db


def _register() -> object:
    transition = next(t for t in procedure_for("KAZ", "asylum").transitions if t.code == "register")
    return step_input(transition, START + dt.timedelta(days=1))


def test_a_household_step_needs_change_rights_on_every_member() -> None:
    orgs, users = personas_make()
    ngo_a, clerk, officer = users["ngo_a"], users["clerk"], users["officer"]
    assert ngo_a is not None and clerk is not None and officer is not None  # noqa: PT018
    household = household_register(
        actor=ngo_a,
        organisation=orgs["ngo_a"],
        members=[MemberInput(data=person_input(), relationship="principal")],
    )
    # The agency registered the son and added him to NGO A's household: NGO A may see him (he
    # is in its household) but not change him.
    son = person_create(
        actor=clerk, organisation=orgs["agency"], data=person_input(given_name="Нұрлан")
    )
    household_member_add(actor=clerk, household=household, person=son, relationship="son")
    case = Case.objects.create(
        country=household.country_office, procedure="asylum", household=household,
        organisation=orgs["ngo_a"], stage=procedure_for("KAZ", "asylum").initial.code,
        opened_on=START, version=1,
    )  # fmt: skip
    ngo_a_all = all_roles_user("ngo-a-all-roles", orgs["ngo_a"])
    members = list(Person.objects.filter(household=household))

    with pytest.raises(PermissionDenied) as refused:
        case_step(actor=ngo_a_all, case=case, version=1, step=_register())  # type: ignore[arg-type]

    assert str(refused.value) == str(errors.NO_CHANGE_RIGHTS)
    assert not LegalStatusPeriod.objects.filter(person__in=members).exists()
    assert not Document.objects.filter(person__in=members).exists()
    case.refresh_from_db()
    assert (case.version, case.stage) == (1, "application")

    # The agency office may change both: the step writes to each member.
    agency_all = all_roles_user("agency-all-roles", orgs["agency"])
    case_step(actor=agency_all, case=case, version=1, step=_register())  # type: ignore[arg-type]
    assert LegalStatusPeriod.objects.filter(person__in=members).count() == len(members) == 2


def test_a_share_of_a_household_opens_no_case_on_it() -> None:
    orgs, users = personas_make()
    ngo_a, officer = users["ngo_a"], users["officer"]
    assert ngo_a is not None and officer is not None  # noqa: PT018
    household = household_register(
        actor=ngo_a,
        organisation=orgs["ngo_a"],
        members=[MemberInput(data=person_input(), relationship="principal")],
    )
    share_grant_agreed(
        actor=officer, recipient=orgs["ngo_b"], household=household, agreement="DTA-2025-07",
        purpose="Legal counselling", expires_on=dt.date.today() + dt.timedelta(days=30),
    )  # fmt: skip
    recipient = all_roles_user("ngo-b-all-roles", orgs["ngo_b"])

    with pytest.raises(PermissionDenied) as refused:
        case_open(
            actor=recipient, organisation=orgs["ngo_b"], procedure="asylum",
            household=household, opened_on=START,
        )  # fmt: skip

    assert str(refused.value) == str(errors.NO_CHANGE_RIGHTS)
    assert not Case.objects.exists()
