"""API tokens (django-rest-knox, issue 14): issued to a signed-in user, stored hashed, expiring
after ``QORGAU_API_TOKEN_HOURS``, revoked at log-out, on a password change and at deactivation;
a refused token answers 401 with a clear, translated message."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from knox.models import AuthToken
from rest_framework.test import APIClient

from qorgau.audit.models import SecurityEvent
from qorgau.members.services import user_deactivate
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import password_give, user_make
from qorgau.twofactor.tests.helpers import authenticator_for, verified_login
from qorgau.web.tests.conftest import CLERK_PASSWORD
from qorgau.web.tokens import PASSWORD_ALONE_REFUSED, TOKEN_REFUSED

PASSWORD = CLERK_PASSWORD


@pytest.fixture(autouse=True)
def _password_alone(settings: Any) -> None:
    """These tests are about tokens, issued to the agency clerk by password (HTTP Basic): the
    second factor is not required of anyone here. The refusal a password alone gets from
    someone who signs in with a second factor has its own tests at the end."""
    settings.TWO_FACTOR_REQUIRED = False


LIST = "/api/v1/persons/"


def _basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def _issue(username: str = "clerk", password: str = PASSWORD) -> Any:
    return APIClient().post(
        "/api/v1/auth/token/", headers={"authorization": _basic(username, password)}
    )


def _by_token(token: str, path: str = LIST, language: str = "en") -> Any:
    return APIClient().get(
        path, headers={"authorization": f"Token {token}", "accept-language": language}
    )


def test_it_issues_a_token_for_a_username_and_password(user: User) -> None:
    response = _issue()

    assert response.status_code == 200
    token = response.json()["token"]
    assert _by_token(token).status_code == 200
    # Stored as a hash only.
    stored = AuthToken.objects.get(user=user)
    assert token not in stored.digest
    expiry = dt.datetime.fromisoformat(response.json()["expiry"])
    hours = (expiry - stored.created).total_seconds() / 3600
    assert 9.9 < hours <= 10
    event = SecurityEvent.objects.get(event="token_created")
    assert event.user == user
    assert token not in str(event.detail)


def test_it_issues_a_token_to_a_logged_in_session(user: User) -> None:
    client = Client()
    verified_login(client, user)

    response = client.post("/api/v1/auth/token/")

    assert response.status_code == 200
    assert _by_token(response.json()["token"]).status_code == 200


def test_it_issues_no_token_without_credentials_or_with_a_wrong_password(user: User) -> None:
    assert APIClient().post("/api/v1/auth/token/").status_code == 401
    assert _issue(password="not-the-password").status_code == 401
    assert not AuthToken.objects.exists()
    assert SecurityEvent.objects.filter(event="login_failed", user=user).exists()


def test_an_expired_token_answers_401_with_a_message(user: User, settings: Any) -> None:
    token = _issue().json()["token"]

    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=10, minutes=1)):
        response = _by_token(token, language="ru")

    assert response.status_code == 401
    assert response.json()["detail"].startswith("Токен неизвестен, истёк или отозван")


def test_the_lifetime_is_a_setting(user: User, settings: Any) -> None:
    settings.REST_KNOX = {"TOKEN_TTL": dt.timedelta(hours=2)}
    token = _issue().json()["token"]

    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=2, minutes=1)):
        assert _by_token(token).status_code == 401


def test_log_out_revokes_the_token_used(user: User) -> None:
    first, second = _issue().json()["token"], _issue().json()["token"]

    response = APIClient().post("/api/v1/auth/logout/", headers={"authorization": f"Token {first}"})

    assert response.status_code == 204
    refused = _by_token(first)
    assert refused.status_code == 401
    assert refused.json()["detail"] == str(TOKEN_REFUSED)
    assert _by_token(second).status_code == 200
    assert SecurityEvent.objects.filter(event="token_revoked", user=user).exists()


def test_log_out_everywhere_revokes_every_token_and_session(user: User) -> None:
    first, second = _issue().json()["token"], _issue().json()["token"]
    browser = Client()
    verified_login(browser, user)

    response = APIClient().post(
        "/api/v1/auth/logout-all/", headers={"authorization": f"Token {first}"}
    )

    assert response.status_code == 204
    assert _by_token(first).status_code == 401
    assert _by_token(second).status_code == 401
    assert browser.get("/people/").status_code == 302


def test_a_password_change_revokes_the_tokens(user: User) -> None:
    token = _issue().json()["token"]

    user.set_password("another-synthetic-passphrase")
    user.save()

    assert _by_token(token).status_code == 401


def test_deactivation_revokes_the_tokens(user: User, agency: Organisation) -> None:
    token = _issue().json()["token"]
    admin = user_make("agency-admin", agency, Role.ADMINISTRATOR)

    user_deactivate(actor=admin, user=user)

    assert _by_token(token).status_code == 401
    assert _issue().status_code == 401


def test_a_token_reads_only_what_its_user_may(
    user: User, ngo_a: User, make_person: Any, agency: Organisation
) -> None:
    """A token of another organisation's user reads nothing of the agency's records."""
    person = make_person(user, agency)
    password_give(ngo_a, PASSWORD)
    token = _issue("ngo-a-caseworker").json()["token"]

    assert _by_token(token, f"{LIST}{person.public_id}/").status_code == 404


def test_a_password_alone_gets_no_token_when_a_second_factor_is_required(
    user: User, settings: Any
) -> None:
    settings.TWO_FACTOR_REQUIRED = True  # the agency office's clerk must give a code

    response = _issue()

    assert response.status_code == 403
    assert response.json()["detail"] == str(PASSWORD_ALONE_REFUSED)
    assert not AuthToken.objects.exists()
    assert SecurityEvent.objects.filter(event="token_refused", user=user).count() == 1


def test_a_password_alone_gets_no_token_once_a_second_factor_is_set_up(
    ngo_a: User, settings: Any
) -> None:
    settings.TWO_FACTOR_REQUIRED = True  # not required of a partner's caseworker …
    password_give(ngo_a, PASSWORD)

    assert _issue(ngo_a.username).status_code == 200

    authenticator_for(ngo_a)  # … who then sets it up: the password alone no longer suffices
    assert _issue(ngo_a.username).status_code == 403


def test_a_session_that_gave_its_code_gets_a_token_when_it_is_required(
    user: User, settings: Any
) -> None:
    settings.TWO_FACTOR_REQUIRED = True
    client = Client()
    verified_login(client, user)

    assert client.post("/api/v1/auth/token/").status_code == 200
