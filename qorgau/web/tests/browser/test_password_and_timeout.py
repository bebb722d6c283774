"""Sign-in journeys of issue 14: a clerk changes their own password (the old one then fails,
the new one works), and a session left idle returns to the log-in page with a message."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.organisations.models import User
from qorgau.twofactor.tests.helpers import authenticator_for, code_next, code_now
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OLD = "the-old-synthetic-passphrase"
NEW = "a-brand-new-synthetic-passphrase"

# (language, viewport, text of the message after the change, text of the idle message)
CASES = [
    ("en", DESK, "Your password has been changed", "Your session ended after a time"),
    ("ru", DESK, "Ваш пароль изменён", "Ваш сеанс завершён из-за отсутствия активности"),
    ("kk", PHONE, "Құпия сөзіңіз өзгертілді", "Белсенділік болмағандықтан сеансыңыз аяқталды"),
]


def _log_in(page: Any, password: str, code: str | None = None) -> None:
    """The log-in form; then, with ``code``, the second factor's step (agency staff)."""
    page.goto("/login/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    if code is not None:
        page.wait_for_url("**/account/two-factor/code/**")
        page.fill("#id_code", code)
        page.click("main button[type=submit]")


def _open_menu(page: Any, viewport: dict[str, int]) -> None:
    if viewport is PHONE:
        page.click("header .menu-toggle")


@pytest.mark.parametrize(("language", "viewport", "changed", "_"), CASES)
def test_a_clerk_changes_their_own_password(
    open_page: Any, clerk: User, language: str, viewport: dict[str, int], changed: str, _: str
) -> None:
    clerk.set_password(OLD)
    clerk.save()
    device = authenticator_for(clerk)
    page = open_page(language=language, viewport=viewport)
    _log_in(page, OLD, code_now(device))
    page.wait_for_url("**/people/**")

    _open_menu(page, viewport)
    page.click("header a[href='/account/password/']")
    page.wait_for_url("**/account/password/")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.fill("#id_old_password", OLD)
    page.fill("#id_new_password1", "short")
    page.fill("#id_new_password2", "short")
    page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()  # refused, with the reasons
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.fill("#id_old_password", OLD)
    page.fill("#id_new_password1", NEW)
    page.fill("#id_new_password2", NEW)
    page.click("main button[type=submit]")
    page.wait_for_url("**/people/**")
    assert changed in page.locator(".messages").inner_text()
    assert axe_serious(page) == []

    _open_menu(page, viewport)
    page.click("header form.logout button")
    page.wait_for_url("**/login/**")
    _log_in(page, OLD)  # the old password no longer works
    page.wait_for_selector("main .errorlist")
    assert "/login/" in page.url
    _log_in(page, NEW, code_next(device))  # a code is good once: the next one
    page.wait_for_url("**/people/**")


@pytest.mark.parametrize(("language", "viewport", "_", "idle"), CASES)
def test_an_idle_session_returns_to_log_in_with_a_message(
    open_page: Any,
    clerk: User,
    settings: Any,
    language: str,
    viewport: dict[str, int],
    _: str,
    idle: str,
) -> None:
    settings.IDLE_TIMEOUT_MINUTES = 0.03  # 1.8 seconds
    page = open_page(clerk, language=language, viewport=viewport)
    page.goto("/people/")
    assert "/people/" in page.url

    page.wait_for_timeout(2500)
    page.goto("/people/")

    page.wait_for_url("**/login/?next=/people/")
    assert idle in page.locator(".messages").inner_text()
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
