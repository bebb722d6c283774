"""Requests of nobody signed in are limited per client address (``QORGAU_ANONYMOUS_RATE``,
issue 14): the API before it answers 401, the token endpoint's password sign-in, and the public
figures page; 429 with a translated message. A signed-in user and an API token are counted per
user instead, and a forged X-Forwarded-For changes nothing."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from qorgau.organisations.models import User
from qorgau.organisations.tests.factories import password_give
from qorgau.twofactor.tests.helpers import verified_login

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.20"
PERSONS = "/api/v1/persons/"


@pytest.fixture(autouse=True)
def _low(settings: Any) -> None:
    settings.ANONYMOUS_RATE = "3/min"


def _client(address: str = ADDRESS, **headers: str) -> Client:
    return Client(REMOTE_ADDR=address, headers=headers)


def test_the_api_without_a_log_in_is_limited_per_address() -> None:
    client = _client()

    answers = [client.get(PERSONS).status_code for _ in range(3)]
    refused = _client(accept_language="ru").get(PERSONS)

    assert answers == [401, 401, 401]
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert refused.json()["detail"].startswith("Слишком много запросов")
    assert int(refused["Retry-After"]) > 0
    assert "no-store" in refused["Cache-Control"]
    assert _client("203.0.113.5").get(PERSONS).status_code == 401  # another address goes on


def test_a_forged_forwarded_for_header_is_not_another_address() -> None:
    for n in range(3):
        _client(x_forwarded_for=f"192.0.2.{n}").get(PERSONS)

    assert _client(x_forwarded_for="192.0.2.99").get(PERSONS).status_code == 429


def test_the_password_sign_in_for_a_token_is_limited_per_address(ngo_a: User) -> None:
    password_give(ngo_a, "a-synthetic-token-passphrase")
    basic = base64.b64encode(b"ngo-a-caseworker:a-synthetic-token-passphrase").decode()
    client = _client(authorization=f"Basic {basic}")
    url = reverse("api-token")

    answers = [client.post(url).status_code for _ in range(3)]
    refused = client.post(url)

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert AuthToken.objects.filter(user=ngo_a).count() == 3


def test_a_signed_in_user_and_a_token_are_not_counted_per_address(clerk: User) -> None:
    session = verified_login(_client(), clerk)
    _, token = AuthToken.objects.create(user=clerk)
    by_token = _client(authorization=f"Token {token}")

    assert [session.get(PERSONS).status_code for _ in range(5)] == [200] * 5
    assert [by_token.get(PERSONS).status_code for _ in range(5)] == [200] * 5


@pytest.mark.parametrize(
    ("language", "words"), [("en", "Too many requests"), ("kk", "Сұраулар тым көп")]
)
def test_the_public_figures_page_is_limited_per_address(language: str, words: str) -> None:
    client = _client(accept_language=language)

    answers = [client.get("/figures/").status_code for _ in range(3)]
    refused = client.get("/figures/")

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert words in refused.content.decode()
    assert _client("203.0.113.5").get("/figures/").status_code == 200


def test_a_signed_in_user_is_not_limited_on_the_figures_page(stats: User) -> None:
    client = verified_login(_client(), stats)

    assert [client.get("/figures/").status_code for _ in range(5)] == [200] * 5
