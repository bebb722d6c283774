"""Fixtures of the agreements' tests: uploaded documents go to a temporary folder; the agency
office's administrator records agreements, its protection officer shares a person it holds."""

import pytest

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def agency_admin(agency):
    return user_make("agency-admin", agency, Role.ADMINISTRATOR)


@pytest.fixture
def manager(agency):
    return user_make("manager", agency, Role.PROTECTION_OFFICER)


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(clerk, agency, given_name="Самал")
