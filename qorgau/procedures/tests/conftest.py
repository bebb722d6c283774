"""Fixtures of the case tests: a user holding every role at the agency, and one person."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.procedures.tests.factories import all_roles_user


@pytest.fixture
def actor(agency: Organisation) -> User:
    return all_roles_user("all-roles", agency)


@pytest.fixture
def person(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> Person:
    return make_person(clerk, agency)
