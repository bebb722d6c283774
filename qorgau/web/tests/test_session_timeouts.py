"""Idle and absolute session timeouts (issue 14): an ended session goes to log-in with a
translated message saying why; activity keeps a session alive until the absolute limit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import User
from qorgau.twofactor.tests.helpers import session_verified, verified_login
from qorgau.web.tests.conftest import CLERK_PASSWORD
from qorgau.web.timeouts import ABSOLUTE_ENDED, IDLE_ENDED, STARTED

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def timeouts(settings: Any) -> None:
    settings.IDLE_TIMEOUT_MINUTES = 30
    settings.SESSION_COOKIE_AGE = 12 * 3600


def _search(client: Client, language: str = "en") -> Any:
    return client.get(reverse("people:search"), headers={"accept-language": language})


def test_the_defaults_are_30_minutes_idle_and_12_hours_in_all(settings: Any) -> None:
    assert settings.IDLE_TIMEOUT_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 12 * 3600


def test_an_idle_session_ends_with_a_message(timeouts: None, clerk: User) -> None:
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        verified_login(client, clerk)
        assert _search(client).status_code == 200
        clock.shift(dt.timedelta(minutes=31))

        response = _search(client, "ru")

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        page = client.get(response["Location"], headers={"accept-language": "ru"})
        assert "Ваш сеанс завершён из-за отсутствия активности" in page.content.decode()
        assert _search(client).status_code == 302
    event = SecurityEvent.objects.get(event="session_timeout")
    assert (event.user, event.detail) == (clerk, {"reason": "idle"})


def test_activity_keeps_a_session_until_the_absolute_limit(timeouts: None, clerk: User) -> None:
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        verified_login(client, clerk)
        for _ in range(24):  # a request every 29 minutes for 11.6 hours
            assert _search(client).status_code == 200
            clock.shift(dt.timedelta(minutes=29))
        clock.shift(dt.timedelta(minutes=25))  # 12 h 01 min after log-in

        response = _search(client)

        assert response.status_code == 302
        page = client.get(response["Location"])
        assert str(ABSOLUTE_ENDED) in page.content.decode()


def test_the_api_by_session_answers_401_when_idle(timeouts: None, clerk: User) -> None:
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        verified_login(client, clerk)
        assert client.get("/api/v1/persons/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))

        response = client.get("/api/v1/persons/")

    assert response.status_code == 401
    assert response.json()["detail"] == str(IDLE_ENDED)


def test_the_idle_limit_is_a_setting(settings: Any, clerk: User) -> None:
    settings.IDLE_TIMEOUT_MINUTES = 5
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        verified_login(client, clerk)
        _search(client)
        clock.shift(dt.timedelta(minutes=6))

        assert _search(client).status_code == 302


def test_the_absolute_limit_counts_from_the_log_in(timeouts: None, user: User) -> None:
    """Set at log-in; asking for an API token later does not move it."""
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        client.post(reverse("login"), {"username": "clerk", "password": CLERK_PASSWORD})
        session_verified(client, user)  # the code step, as after the authenticator's code
        assert client.session[STARTED] == START.timestamp()
        clock.shift(dt.timedelta(minutes=20))

        assert client.post("/api/v1/auth/token/").status_code == 200

        assert client.session[STARTED] == START.timestamp()
