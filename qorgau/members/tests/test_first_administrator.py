"""The operator's way in: the first administrator of an organisation, by command."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Role

pytestmark = pytest.mark.django_db


def test_it_makes_the_first_administrator_and_logs_it(ngo_a_org) -> None:
    user = User.objects.create(username="first-admin")

    call_command("first_administrator", ngo_a_org.code, "first-admin")

    assert user.memberships.get().role == Role.ADMINISTRATOR
    event = SecurityEvent.objects.get(event="membership_granted")
    assert event.user is None
    assert event.detail["via"] == "first_administrator"


def test_it_refuses_while_the_organisation_has_an_active_administrator(
    ngo_admin, ngo_a_org
) -> None:
    User.objects.create(username="intruder")

    with pytest.raises(CommandError):
        call_command("first_administrator", ngo_a_org.code, "intruder")

    assert not User.objects.get(username="intruder").memberships.exists()


def test_it_allows_a_new_one_when_every_administrator_is_deactivated(ngo_admin, ngo_a_org):
    User.objects.filter(pk=ngo_admin.pk).update(is_active=False)
    User.objects.create(username="successor")

    call_command("first_administrator", ngo_a_org.code, "successor")

    assert User.objects.get(username="successor").memberships.get().role == Role.ADMINISTRATOR
