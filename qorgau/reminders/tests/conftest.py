"""Fixtures of the reminder tests: the case tests' agency user holding every role (``actor``),
and a person registered by NGO A."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.procedures.tests.conftest import actor

__all__ = ["actor", "person"]


@pytest.fixture
def person(ngo_a: User, ngo_a_org: Organisation, make_person: Callable[..., Person]) -> Person:
    return make_person(ngo_a, ngo_a_org)
