"""``qorgau serve`` behind a reverse proxy (issue 14): the trusted-proxy options come from the
settings; X-Forwarded-Proto and X-Forwarded-For are honoured from the proxy only, so the
production setup no longer redirects forever and the lock-out and the access log see the real
client. Requests go through the very application waitress serves (``create_server``)."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from typing import Any

import pytest
import waitress
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from qorgau.audit.models import AccessLog, SecurityEvent
from qorgau.organisations.models import Organisation, User
from qorgau.twofactor.tests.helpers import verified_login
from qorgau.web.serving import gunicorn_options, proxied, proxy_options, waitress_options

PROXY = "10.0.0.2"
CLIENT = "198.51.100.23"


@pytest.fixture
def production(settings: Any) -> None:
    """The production safeguards that matter here: HTTPS redirect and secure cookies."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


@pytest.fixture
def behind_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXY = PROXY
    settings.TRUSTED_PROXY_HEADERS = ["x-forwarded-for", "x-forwarded-proto"]
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def served() -> Iterator[Any]:
    """The WSGI application exactly as ``qorgau serve`` hands it to waitress (the Django
    handler is built now, after the test's settings)."""
    server = waitress.create_server(
        WSGIHandler(), _start=False, **waitress_options(host="127.0.0.1", port=0, threads=1)
    )
    try:
        yield server.application
    finally:
        server.close()


def _get(
    app: Any, path: str, peer: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> Any:
    """One request from ``peer`` through ``app``: (status, headers)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": peer,
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
        **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()},
    }
    answer: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], *a: Any) -> Any:
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(response_headers)

    # As Django's test client does: the request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = app(environ, start_response)
        b"".join(body)
        getattr(body, "close", lambda: None)()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"]


FROM_PROXY = {"x-forwarded-proto": "https", "x-forwarded-for": CLIENT}


def test_without_a_trusted_proxy_the_production_setup_redirects_forever(
    production: None, db: None, served: Any
) -> None:
    """The finding of issue 14, reproduced: waitress drops X-Forwarded-Proto from an untrusted
    peer, so every request the proxy forwards over HTTPS is sent to HTTPS again."""
    status, headers = _get(served, "/login/", PROXY, FROM_PROXY)

    assert status == 301
    assert headers["Location"] == "https://testserver/login/"  # the same page, again and again


def test_with_the_trusted_proxy_the_https_request_is_served(
    production: None, behind_proxy: None, db: None, served: Any
) -> None:
    status, headers = _get(served, "/login/", PROXY, FROM_PROXY)

    assert status == 200
    assert "Location" not in headers


def test_a_client_cannot_claim_https_itself(
    production: None, behind_proxy: None, db: None, served: Any
) -> None:
    status, _ = _get(served, "/login/", CLIENT, FROM_PROXY)

    assert status == 301  # plain HTTP from a client that is not the proxy: to HTTPS


def test_the_access_log_records_the_real_client(
    behind_proxy: None, clerk: User, agency: Organisation, make_person: Any
) -> None:
    person = make_person(clerk, agency)
    browser = Client()
    verified_login(browser, clerk)
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    app = proxied(WSGIHandler())

    status, _ = _get(app, f"/people/{person.public_id}/", PROXY, {**FROM_PROXY, "cookie": cookie})

    assert status == 200
    assert AccessLog.objects.filter(object_id=person.public_id).get().address == CLIENT


def test_the_lock_out_counts_the_real_client(behind_proxy: None, clerk: User) -> None:
    """A failed sign-in (the token endpoint's Basic log-in goes through axes) is counted for
    the client behind the proxy, and a spoofed header from elsewhere counts for its sender."""
    app = proxied(WSGIHandler())
    wrong = "Basic " + base64.b64encode(b"clerk:not-the-password").decode()

    def post(peer: str, forwarded_for: str) -> None:
        headers = {"authorization": wrong, "x-forwarded-for": forwarded_for}
        _get(app, "/api/v1/auth/token/", peer, headers, method="POST")

    post(PROXY, CLIENT)
    post("203.0.113.50", "192.0.2.99")  # not the proxy: its header is dropped

    addresses = list(
        SecurityEvent.objects.filter(event="login_failed")
        .order_by("id")
        .values_list("address", flat=True)
    )
    assert addresses == [CLIENT, "203.0.113.50"]


def test_the_waitress_options_come_from_the_settings(behind_proxy: None, settings: Any) -> None:
    settings.TRUSTED_PROXY_COUNT = 2

    options = waitress_options(host="0.0.0.0", port=8000, threads=4)  # noqa: S104

    assert options == {
        "host": "0.0.0.0",  # noqa: S104
        "port": 8000,
        "threads": 4,
        "ident": "qorgau",
        "trusted_proxy": PROXY,
        "trusted_proxy_count": 2,
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        "clear_untrusted_proxy_headers": True,
    }


def test_without_a_proxy_no_proxy_option_is_set(settings: Any) -> None:
    settings.TRUSTED_PROXY = ""

    assert proxy_options() == {}
    assert "trusted_proxy" not in waitress_options(host="127.0.0.1", port=8000, threads=4)


def test_several_processes_trust_no_header_themselves() -> None:
    """gunicorn's own forwarding is off: ``proxied`` applies waitress's rules instead."""
    options = gunicorn_options(host="127.0.0.1", port=8000, processes=2, threads=4)

    assert options["forwarded_allow_ips"] == ""
    assert options["secure_scheme_headers"] == {}
