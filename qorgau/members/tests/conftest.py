"""The administrators of the membership tests: one per organisation of the personas."""

from __future__ import annotations

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make

STRONG = "Kokpar-Meadow-7319"


@pytest.fixture
def ngo_admin(ngo_a_org: Organisation) -> User:
    return user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)


@pytest.fixture
def second_admin(ngo_a_org: Organisation) -> User:
    return user_make("ngo-a-admin-2", ngo_a_org, Role.ADMINISTRATOR)


@pytest.fixture
def ngo_b_admin(ngo_b_org: Organisation) -> User:
    return user_make("ngo-b-admin", ngo_b_org, Role.ADMINISTRATOR)


@pytest.fixture
def agency_admin(agency: Organisation) -> User:
    return user_make("agency-admin", agency, Role.ADMINISTRATOR)
