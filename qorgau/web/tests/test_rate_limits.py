"""Rate limits (issue 14): the log-in lock-out per account and address and per address across
accounts (django-axes), the API per user, and exports in a stricter scope; each answers 429
with a translated message and is logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import password_give, user_make
from qorgau.twofactor.tests.helpers import verified_login

PASSWORD = "a-synthetic-rate-passphrase"


@pytest.fixture
def limits(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6


@pytest.fixture
def accounts(agency: Organisation) -> list[User]:
    return [
        password_give(user_make(f"clerk-{n}", agency, Role.REGISTRATION_CLERK), PASSWORD)
        for n in range(8)
    ]


def _log_in(username: str, password: str, address: str = "198.51.100.7", **headers: str) -> Any:
    return Client(REMOTE_ADDR=address).post(
        reverse("login"), {"username": username, "password": password}, headers=headers
    )


def test_it_locks_one_account_from_one_address(limits: None, accounts: list[User]) -> None:
    answers = [_log_in("clerk-0", "wrong").status_code for _ in range(3)]

    locked = _log_in("clerk-0", PASSWORD, accept_language="ru")

    assert answers == [200, 200, 429]  # the third failure locks
    assert locked.status_code == 429
    assert "Вход с этого адреса временно заблокирован" in locked.content.decode()
    # Another account from the same address, and the same account from elsewhere, go on.
    assert _log_in("clerk-1", PASSWORD).status_code == 302
    assert _log_in("clerk-0", PASSWORD, address="203.0.113.9").status_code == 302
    assert SecurityEvent.objects.filter(event="locked_out", address="198.51.100.7").exists()


def test_it_locks_an_address_that_tries_many_accounts(limits: None, accounts: list[User]) -> None:
    """Failures spread over accounts (two each, under the account limit of three) lock the
    address at its own limit of six, for every account."""
    for user in accounts[:3]:
        for _ in range(2):
            _log_in(user.username, "wrong")

    assert _log_in("clerk-7", PASSWORD).status_code == 429
    assert _log_in("clerk-7", PASSWORD, address="203.0.113.9").status_code == 302


def test_failures_are_logged_without_what_was_typed(limits: None, accounts: list[User]) -> None:
    _log_in("clerk-0", "wrong-secret-typed")
    _log_in("no-such-account-typed", "wrong-secret-typed")

    events = SecurityEvent.objects.filter(event="login_failed").order_by("id")
    assert [(e.user, e.detail, e.address) for e in events] == [
        (accounts[0], {"known_account": True}, "198.51.100.7"),
        (None, {"known_account": False}, "198.51.100.7"),
    ]
    assert "typed" not in str([e.detail for e in events])


def test_a_log_in_is_logged(accounts: list[User]) -> None:
    _log_in("clerk-0", PASSWORD)

    event = SecurityEvent.objects.get(event="login")
    assert (event.user, event.address) == (accounts[0], "198.51.100.7")


def test_the_api_limits_each_user(settings: Any, clerk: User, ngo_a: User) -> None:
    settings.API_RATE = "3/min"
    api = APIClient()
    api.force_authenticate(clerk)
    other = APIClient()
    other.force_authenticate(ngo_a)

    answers = [api.get("/api/v1/persons/").status_code for _ in range(3)]
    refused = api.get("/api/v1/persons/", headers={"accept-language": "ru"})

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Слишком много запросов: повторите через")
    assert int(refused["Retry-After"]) > 0
    assert other.get("/api/v1/persons/").status_code == 200


def test_statistics_exports_have_a_stricter_limit(settings: Any, stats: User) -> None:
    settings.EXPORT_RATE = "2/hour"
    api = APIClient()
    api.force_authenticate(stats)
    url = "/api/v1/statistics/figures/?country=KAZ&as_of=2024-01-01&format=csv"

    answers = [api.get(url).status_code for _ in range(3)]

    # Counted before the figures are asked for (no records here: 400), refused at the third.
    assert answers == [400, 400, 429]
    # The rest of the API goes on.
    assert api.get("/api/v1/persons/").status_code in (200, 403)


def test_the_pages_downloads_share_the_export_limit(settings: Any, stats: User) -> None:
    settings.EXPORT_RATE = "1/hour"
    client = Client()
    verified_login(client, stats)
    url = f"{reverse('statistics:chart-data', args=['stock'])}?country=KAZ&as_of=2024-01-01"

    first = client.get(url)
    second = client.get(url, headers={"accept-language": "kk"})

    assert first.status_code in (200, 404)
    assert second.status_code == 429
    assert "Сұраулар тым көп" in second.content.decode()
