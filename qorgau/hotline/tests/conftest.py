from __future__ import annotations

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make


@pytest.fixture
def officer(agency: Organisation) -> User:
    """A protection officer of the agency office: the clerk's colleague at the desk."""
    return user_make("officer", agency, Role.PROTECTION_OFFICER)
