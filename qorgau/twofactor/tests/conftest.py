"""Fixtures of the two-factor tests: password sign-in only (the second step is what is tested),
and an administrator of each partner organisation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make

PASSWORD = "a long synthetic password"


@pytest.fixture
def password_login() -> Callable[[User], Client]:
    """A client signed in with the password only, through the log-in form."""

    def make(user: User) -> Client:
        user.set_password(PASSWORD)
        user.save()
        client = Client()
        response = client.post("/login/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, response.content
        return client

    return make


@pytest.fixture
def ngo_a_admin(ngo_a_org: Organisation) -> User:
    return user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)


@pytest.fixture
def ngo_b_admin(ngo_b_org: Organisation) -> User:
    return user_make("ngo-b-admin", ngo_b_org, Role.ADMINISTRATOR)
