"""Builders of case steps for tests: valid inputs for any transition, and routes to any stage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.tests.factories import PersonFactory
from qorgau.procedures.definition import Transition
from qorgau.procedures.models import Case
from qorgau.procedures.services import StepInput, case_open, case_step

START = dt.date(2025, 1, 10)


def all_roles_user(username: str, organisation: Organisation) -> User:
    """A user holding every role in ``organisation``: steps are refused only by the definition."""
    user = user_make(username, organisation, Role.ADMINISTRATOR)
    for role in Role.values:
        if role != Role.ADMINISTRATOR:
            Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def step_input(transition: Transition, on: dt.date, **overrides: object) -> StepInput:
    """Everything the definition requires for ``transition`` on ``on``."""
    fields = {
        name: (on - dt.timedelta(days=1)).isoformat() if name.endswith("_date") else f"{name} text"
        for name in transition.fields
    }
    values: dict[str, object] = {
        "transition": transition.code,
        "occurred_on": on,
        "fields": fields,
        "grounds": transition.decision.grounds[:1] if transition.decision else (),
        "reasons": "Reasons in writing." if transition.decision else "",
        "documents": dict.fromkeys(transition.issues, f"N{on:%Y%m%d}{transition.code}"),
    }
    values.update(overrides)
    return StepInput(**values)  # type: ignore[arg-type]


def walk(case: Case, actor: User, transitions: list[Transition], start: dt.date = START) -> Case:
    """Take ``transitions`` in order, one day apart from ``start`` on."""
    for index, transition in enumerate(transitions):
        on = start + dt.timedelta(days=index + 1)
        case_step(actor=actor, case=case, version=case.version, step=step_input(transition, on))
    return case


class CaseFactory(factory.Factory[Case]):
    """A case of ``procedure`` opened through ``case_open`` by ``actor`` for ``organisation``
    (both required) on ``opened_on``, for ``person`` (a new person of ``organisation`` if
    none is given)."""

    class Meta:
        model = Case

    procedure = "asylum"
    opened_on = START

    @classmethod
    def _create(cls, model_class: type[Case], *args: Any, **kwargs: Any) -> Case:
        actor: User = kwargs.pop("actor")
        organisation: Organisation = kwargs.pop("organisation")
        person = kwargs.pop("person", None) or PersonFactory.create(
            actor=actor, organisation=organisation
        )
        return case_open(actor=actor, organisation=organisation, person=person, **kwargs)
