"""The security log in the admin: listed and readable by the agency office's administrators,
changed or added by nobody."""

from __future__ import annotations

import pytest
from django.test import Client

from qorgau.audit.models import SecurityEvent
from qorgau.audit.services import security_event_record
from qorgau.organisations.models import User
from qorgau.twofactor.tests.helpers import verified_login

pytestmark = pytest.mark.django_db

LIST = "/admin/audit/securityevent/"


@pytest.fixture
def admin_client_of_office(clerk: User) -> Client:
    superuser = User.objects.create_superuser("office-admin", password="x" * 16)
    client = Client()
    verified_login(client, superuser)
    return client


@pytest.fixture
def event(clerk: User) -> SecurityEvent:
    return security_event_record(
        actor=clerk, event="denied", object_type="person", address="192.0.2.4"
    )


def test_it_lists_the_security_log(admin_client_of_office: Client, event: SecurityEvent) -> None:
    response = admin_client_of_office.get(LIST, {"event": "denied"})

    assert response.status_code == 200
    assert b"192.0.2.4" in response.content
    detail = admin_client_of_office.get(f"{LIST}{event.pk}/change/")
    assert detail.status_code == 200  # a read-only view of the row
    assert b'name="_save"' not in detail.content


def test_it_lets_nobody_add_change_or_delete(
    admin_client_of_office: Client, event: SecurityEvent
) -> None:
    client = admin_client_of_office

    assert client.get(f"{LIST}add/").status_code == 403
    assert client.post(f"{LIST}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{LIST}{event.pk}/change/", {"event": "granted"})
    client.post(LIST, {"action": "delete_selected", "_selected_action": [event.pk]})

    assert SecurityEvent.objects.get(pk=event.pk).event == "denied"


def test_it_is_closed_to_staff_of_the_registry(clerk: User) -> None:
    client = Client()
    verified_login(client, clerk)

    assert client.get(LIST).status_code == 302  # to the admin's log-in
