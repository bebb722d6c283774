"""Every page a logged-in user opens and every API answer carries the headers that keep personal
data out of caches and frames (issue 14): ``Cache-Control: no-store``, a CSP with
``frame-ancestors 'none'`` on pages, ``X-Frame-Options: DENY``. In production: HSTS with
subdomains, and session and CSRF cookies secure and HttpOnly."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.config.tests.test_production import PRODUCTION, _run
from qorgau.organisations.models import Organisation, User
from qorgau.twofactor.tests.helpers import verified_login
from qorgau.web.tests.journeys import journey_pages

pytestmark = pytest.mark.django_db

API_LISTS = [
    "person-list",
    "household-list",
    "document-list",
    "status-period-list",
    "share-list",
    "case-list",
]


def _assert_private(response, name: str) -> None:
    assert "no-store" in response.get("Cache-Control", ""), name
    assert response.get("X-Frame-Options") == "DENY", name


def test_every_page_of_the_journeys_is_never_stored_nor_framed(
    clerk: User, agency: Organisation, ngo_a_org: Organisation, stats: User
) -> None:
    pages = journey_pages(clerk=clerk, agency=agency, ngo_a_org=ngo_a_org, stats=stats)
    assert len(pages) > 10
    for page in pages:
        client = Client()
        if page.user is not None:
            verified_login(client, page.user)
        response = client.get(page.url)

        if page.user is not None:
            _assert_private(response, page.name)
        csp = response.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in csp, page.name
        assert response.get("X-Frame-Options") == "DENY", page.name


@pytest.mark.parametrize("name", API_LISTS)
def test_every_api_list_is_never_stored(name: str, clerk: User) -> None:
    client = Client()
    verified_login(client, clerk)

    _assert_private(client.get(reverse(name)), name)


@pytest.mark.parametrize("name", API_LISTS)
def test_an_anonymous_api_answer_is_never_stored(name: str) -> None:
    response = Client().get(reverse(name))

    assert response.status_code == 401
    _assert_private(response, name)


def test_the_api_read_by_token_is_never_stored(clerk: User) -> None:
    from knox.models import AuthToken

    _, token = AuthToken.objects.create(user=clerk)
    response = Client().get(reverse("person-list"), headers={"authorization": f"Token {token}"})

    assert response.status_code == 200
    _assert_private(response, "person-list by token")


def test_a_static_file_may_be_cached() -> None:
    response = Client().get("/static/qorgau/htmx.min.js")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


SETTINGS_SHOWN = (
    "SECURE_HSTS_SECONDS SECURE_HSTS_INCLUDE_SUBDOMAINS SESSION_COOKIE_SECURE "
    "SESSION_COOKIE_HTTPONLY CSRF_COOKIE_SECURE CSRF_COOKIE_HTTPONLY X_FRAME_OPTIONS"
)


def test_production_sends_hsts_and_secure_httponly_cookies() -> None:
    script = (
        "from django.conf import settings; "
        f"print('SHOWN', *[repr(getattr(settings, n)) for n in {SETTINGS_SHOWN!r}.split()])"
    )

    result = _run(PRODUCTION, "shell", "-c", script)

    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("SHOWN "))
    shown = dict(zip(SETTINGS_SHOWN.split(), line.split()[1:], strict=True))
    assert int(shown["SECURE_HSTS_SECONDS"]) >= 31_536_000
    assert shown["SECURE_HSTS_INCLUDE_SUBDOMAINS"] == "True"
    assert shown["SESSION_COOKIE_SECURE"] == "True"
    assert shown["SESSION_COOKIE_HTTPONLY"] == "True"
    assert shown["CSRF_COOKIE_SECURE"] == "True"
    assert shown["CSRF_COOKIE_HTTPONLY"] == "True"
    assert shown["X_FRAME_OPTIONS"] == "'DENY'"


@pytest.mark.parametrize(
    ("language", "words"), [("en", "Nothing was saved"), ("ru", "Ничего не сохранено")]
)
def test_an_oversize_form_is_refused_in_the_users_language_and_never_stored(
    clerk: User, language: str, words: str
) -> None:
    client = Client(headers={"accept-language": language})
    verified_login(client, clerk)
    body = b"given_name=" + b"x" * 2_000_000  # above QORGAU_MAX_REQUEST_BYTES

    response = client.post(
        reverse("people:register"), data=body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert words in response.content.decode()
    _assert_private(response, "oversize form")
