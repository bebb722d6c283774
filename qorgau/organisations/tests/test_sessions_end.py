"""Ending every session of a user and revoking their API tokens: at log-out, on a password change
however it is made, and at deactivation (issue 14)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from knox.models import AuthToken

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import User, UserSession
from qorgau.organisations.services import user_sessions_end
from qorgau.twofactor.tests.helpers import verified_login


def _logged_in(user: User) -> Client:
    client = Client()
    verified_login(client, user)
    return client


def test_it_records_the_session_of_each_log_in(clerk: User) -> None:
    first, second = _logged_in(clerk), _logged_in(clerk)

    keys = set(UserSession.objects.filter(user=clerk).values_list("session_key", flat=True))

    assert keys == {first.session.session_key, second.session.session_key}


def test_it_ends_every_session_and_revokes_every_token_of_the_user(
    clerk: User, ngo_a: User
) -> None:
    sessions = [_logged_in(clerk), _logged_in(clerk)]
    other = _logged_in(ngo_a)
    AuthToken.objects.create(user=clerk)
    AuthToken.objects.create(user=clerk)
    AuthToken.objects.create(user=ngo_a)

    ended = user_sessions_end(user=clerk, reason="logout")

    assert (ended.sessions, ended.tokens) == (2, 2)
    for client in sessions:
        assert not Session.objects.filter(session_key=client.session.session_key).exists()
    assert Session.objects.filter(session_key=other.session.session_key).exists()
    assert AuthToken.objects.filter(user=ngo_a).count() == 1
    assert not AuthToken.objects.filter(user=clerk).exists()
    event = SecurityEvent.objects.get(event="sessions_ended", user=clerk)
    assert event.detail == {"reason": "logout", "sessions": 2, "tokens": 2}


def test_it_keeps_the_session_it_is_told_to_keep(clerk: User) -> None:
    kept, ended = _logged_in(clerk), _logged_in(clerk)

    user_sessions_end(user=clerk, keep_session_key=kept.session.session_key)

    assert Session.objects.filter(session_key=kept.session.session_key).exists()
    assert not Session.objects.filter(session_key=ended.session.session_key).exists()


def test_a_password_set_anywhere_ends_the_sessions_and_tokens(clerk: User) -> None:
    client = _logged_in(clerk)
    AuthToken.objects.create(user=clerk)

    clerk.set_password("a-new-synthetic-passphrase")  # as the admin and commands do
    clerk.save()

    assert client.get("/people/").status_code == 302
    assert not AuthToken.objects.filter(user=clerk).exists()


def test_saving_a_user_without_a_new_password_ends_nothing(clerk: User) -> None:
    client = _logged_in(clerk)

    clerk.first_name = "Synthetic"
    clerk.save()

    assert client.get("/people/").status_code == 200
