"""Browser tests: Playwright for Python driving Debian's Chromium against the live test server.

Chromium is never downloaded by Playwright (`playwright install` cannot reach its host here): the
tests launch ``/usr/bin/chromium`` (or ``QORGAU_CHROMIUM``), which `.ci/run` installs with apt.
Where it is absent the tests are skipped with a message saying so. A failing test leaves a
screenshot and the HTML of each of its pages in ``var/browser-failures/``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from qorgau.organisations.models import User
from qorgau.twofactor.tests.helpers import verified_login
from qorgau.web.tests.browser.pages import DESK

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make
# beside it (fixtures, assertions) are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("QORGAU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FAILURES = Path(settings.BASE_DIR) / "var" / "browser-failures"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember whether the test's call failed, for the page fixture's teardown."""
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_FAILED] = True
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"Browser tests skipped: no Chromium at {CHROMIUM} "
            "(apt-get install chromium, or set QORGAU_CHROMIUM)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def session_cookie(user: User) -> str:
    """A logged-in session for ``user``, without going through the log-in form."""
    client = Client()
    verified_login(client, user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def open_page(
    browser: Any, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Any]]:
    """``open_page(user=None, language="en", viewport=DESK)``: a new browser context (its own
    cookies) and page on the live server, logged in as ``user`` when given."""
    pages: list[Any] = []

    def make(
        user: User | None = None, language: str = "en", viewport: dict[str, int] = DESK
    ) -> Any:
        # bypass_csp only lets the tests inject axe-core; the pages' own policy is tested apart.
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, locale=language, bypass_csp=True
        )
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language}]
        if user is not None:
            cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session_cookie(user)})
        context.add_cookies([{**cookie, "url": live_server.url} for cookie in cookies])
        page = context.new_page()
        page.set_default_timeout(15_000)
        pages.append(page)
        return page

    yield make
    if request.node.stash.get(_FAILED, False):
        FAILURES.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        for number, page in enumerate(pages):
            try:
                page.screenshot(path=str(FAILURES / f"{stem}-{number}.png"), full_page=True)
                (FAILURES / f"{stem}-{number}.html").write_text(page.content(), encoding="utf-8")
            except Exception as exc:  # a closed page must not hide the failure
                print(f"could not save page {number}: {exc}")
        print(f"Screenshots and HTML of the failed test: {FAILURES}/{stem}-*")
    for page in pages:
        page.context.close()
