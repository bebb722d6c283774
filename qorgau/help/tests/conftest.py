"""The help site's editor (the agency office's protection officer) and the other country's
clerk, beside the shared personas of ``qorgau/conftest.py``."""

from __future__ import annotations

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_user


@pytest.fixture
def officer(agency: Organisation) -> User:
    return persona_user("officer", agency)


@pytest.fixture
def kgz(agency_kgz: Organisation) -> User:
    return persona_user("kgz", agency_kgz)
