"""Fixtures of the pledge tests: a manager of the agency's Kazakhstan office (``officer``,
``factsheet.edit``), a user holding every case role, and the Kyrgyz office's manager."""

from __future__ import annotations

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import persona_user
from qorgau.procedures.tests.factories import all_roles_user


@pytest.fixture
def officer(agency: Organisation) -> User:
    return persona_user("officer", agency)


@pytest.fixture
def kgz_manager(agency_kgz: Organisation) -> User:
    return user_make("kgz-manager", agency_kgz, Role.PROTECTION_OFFICER)


@pytest.fixture
def actor(agency: Organisation) -> User:
    return all_roles_user("all-roles", agency)
