"""``user_deactivate``: only someone who manages one of the user's organisations (or a superuser)
deactivates a user; the user's sessions and tokens end with it; refusals are logged."""

from __future__ import annotations

import pytest
from django.test import Client
from knox.models import AuthToken

from qorgau.audit.models import SecurityEvent
from qorgau.errors import NotAllowed
from qorgau.organisations import errors
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.services import user_deactivate
from qorgau.organisations.tests.factories import user_make


@pytest.fixture
def agency_admin(agency: Organisation) -> User:
    return user_make("agency-admin", agency, Role.ADMINISTRATOR)


def test_an_administrator_of_the_users_organisation_deactivates_them(
    agency_admin: User, clerk: User
) -> None:
    client = Client()
    client.force_login(clerk)
    AuthToken.objects.create(user=clerk)

    user_deactivate(actor=agency_admin, user=clerk, address="192.0.2.7")

    clerk.refresh_from_db()
    assert not clerk.is_active
    assert client.get("/people/").status_code == 302
    assert not AuthToken.objects.filter(user=clerk).exists()
    event = SecurityEvent.objects.get(event="user_deactivated")
    assert (event.user, event.object_id, event.address) == (
        agency_admin,
        clerk.public_id,
        "192.0.2.7",
    )
    assert event.detail == {"sessions": 1, "tokens": 1}


def test_a_superuser_deactivates_anyone(clerk: User) -> None:
    root = User.objects.create(username="root", is_superuser=True, is_staff=True)

    user_deactivate(actor=root, user=clerk)

    clerk.refresh_from_db()
    assert not clerk.is_active


@pytest.mark.parametrize("persona", ["ngo_b", "liaison", "stats"])
def test_nobody_without_the_right_in_the_users_organisation_deactivates(
    request: pytest.FixtureRequest, persona: str, clerk: User, ngo_b_org: Organisation
) -> None:
    """Another organisation's administrator, a view-only liaison, a colleague of the same office without the
    right to manage: refused, logged, nothing changed."""
    actor = (
        user_make("ngo-b-admin", ngo_b_org, Role.ADMINISTRATOR)
        if persona == "ngo_b"
        else request.getfixturevalue(persona)
    )
    AuthToken.objects.create(user=clerk)

    with pytest.raises(NotAllowed) as refused:
        user_deactivate(actor=actor, user=clerk)

    assert refused.value.message == errors.NO_PERMISSION
    clerk.refresh_from_db()
    assert clerk.is_active
    assert AuthToken.objects.filter(user=clerk).exists()
    event = SecurityEvent.objects.get(event="user_deactivate_refused")
    assert event.detail == {"reasons": ["no_permission"]}


def test_an_administrator_does_not_deactivate_themselves(agency_admin: User) -> None:
    with pytest.raises(NotAllowed):
        user_deactivate(actor=agency_admin, user=agency_admin)

    agency_admin.refresh_from_db()
    assert agency_admin.is_active
