from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_user
from qorgau.people.models import Person
from qorgau.people.services.status import status_period_record


@pytest.fixture
def officer(agency: Organisation) -> User:
    """A protection officer of the Kazakhstan office: one of its managers (factsheet.edit)."""
    return persona_user("officer", agency)


@pytest.fixture
def history(clerk: User, agency: Organisation, make_person: Callable[..., Person]):
    """A person registered with these (status, start) steps, by the Kazakhstan agency's clerk
    unless ``by`` names another (user, organisation)."""

    def make(
        *steps: tuple[str, dt.date], by: tuple[User, Organisation] | None = None, **fields
    ) -> Person:
        actor, organisation = by or (clerk, agency)
        person = make_person(actor, organisation, **fields)
        for status, start in steps:
            status_period_record(
                actor=actor, organisation=organisation, person=person, status=status,
                effective_from=start,
            )  # fmt: skip
        return person

    return make
