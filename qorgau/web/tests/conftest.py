"""Fixtures of the web layer's tests: a clerk who logs in with a known password."""

from __future__ import annotations

import pytest

from qorgau.organisations.models import User
from qorgau.organisations.tests.factories import password_give

CLERK_PASSWORD = "the-old-synthetic-passphrase"


@pytest.fixture
def user(clerk: User) -> User:
    """The ``clerk`` persona with ``CLERK_PASSWORD``."""
    return password_give(clerk, CLERK_PASSWORD)
