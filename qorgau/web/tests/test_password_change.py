"""The page to change one's own password (issue 14): behind log-in, the rules applied with
translated messages, and afterwards the old password, the other sessions and the API tokens
no longer work while this session goes on under a new key."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import User
from qorgau.twofactor.tests.helpers import session_verified
from qorgau.web.tests.conftest import CLERK_PASSWORD

URL = "/account/password/"
OLD = CLERK_PASSWORD
NEW = "a-brand-new-synthetic-passphrase"


def _logged_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, "log-in refused"
    session_verified(client, User.objects.get(username=username))  # the code step
    return client


def test_it_is_named_password_change() -> None:
    assert reverse("password-change") == URL


def test_it_sends_an_anonymous_visitor_to_log_in(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('login')}?next=")


def test_the_menu_links_to_it(user: User) -> None:
    client = _logged_in("clerk", OLD)

    assert f'href="{URL}"' in client.get(reverse("people:search")).content.decode()


def test_it_changes_the_password_and_ends_every_other_session_and_token(user: User) -> None:
    other = _logged_in("clerk", OLD)
    client = _logged_in("clerk", OLD)
    key_before = client.session.session_key
    AuthToken.objects.create(user=user)

    response = client.post(
        URL, {"old_password": OLD, "new_password1": NEW, "new_password2": NEW}, follow=True
    )

    assert response.status_code == 200
    assert "Your password has been changed" in response.content.decode()
    # This session goes on, under a new key; the other one has ended.
    assert client.session.session_key != key_before
    assert client.get(reverse("people:search")).status_code == 200
    assert other.get(reverse("people:search")).status_code == 302
    assert not Session.objects.filter(session_key=key_before).exists()
    assert not AuthToken.objects.filter(user=user).exists()
    # The old password no longer opens a session, the new one does.
    assert (
        Client().post(reverse("login"), {"username": "clerk", "password": OLD}).status_code == 200
    )
    _logged_in("clerk", NEW)
    event = SecurityEvent.objects.get(event="password_changed")
    assert event.user == user
    assert OLD not in str(event.detail)
    assert NEW not in str(event.detail)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("qorgau-demo", "Этот пароль слишком короткий"),
        ("password1234", "Этот пароль слишком распространён"),
        ("938475610293", "Этот пароль состоит только из цифр"),
    ],
)
def test_it_refuses_a_weak_password_with_a_translated_message(
    user: User, new: str, message: str
) -> None:
    client = _logged_in("clerk", OLD)

    response = client.post(
        URL,
        {"old_password": OLD, "new_password1": new, "new_password2": new},
        headers={"accept-language": "ru"},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(OLD)


def test_it_refuses_a_wrong_old_password(user: User) -> None:
    client = _logged_in("clerk", OLD)

    response = client.post(
        URL,
        {"old_password": "not-the-password", "new_password1": NEW, "new_password2": NEW},
        headers={"accept-language": "kk"},
    )

    assert response.status_code == 200
    assert "Ескі құпия сөз қате енгізілді" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(OLD)


def test_a_log_in_rotates_the_session_key(user: User) -> None:
    client = Client()
    client.get(reverse("login"))
    session = client.session
    session["probe"] = 1
    session.save()
    anonymous_key = session.session_key

    client.post(reverse("login"), {"username": "clerk", "password": OLD})

    assert client.session.session_key != anonymous_key
    assert not Session.objects.filter(session_key=anonymous_key).exists()


def test_log_out_ends_every_session_and_token_of_the_user(user: User) -> None:
    other = _logged_in("clerk", OLD)
    client = _logged_in("clerk", OLD)
    AuthToken.objects.create(user=user)

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert other.get(reverse("people:search")).status_code == 302
    assert not AuthToken.objects.filter(user=user).exists()
    assert SecurityEvent.objects.filter(event="logout", user=user).exists()
