"""An agency clerk's first sign-in sets up two-factor sign-in: the password, the QR code and its
key, the first code, the recovery codes; then, after logging out, the password and a code."""

from __future__ import annotations

from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.organisations.models import User
from qorgau.twofactor.tests.helpers import code_next, code_now
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-test-password"


def _checked(page: Any, phone: bool) -> None:
    assert axe_serious(page) == []
    if phone:
        assert not scrolls_sideways(page)


def _log_in(page: Any) -> None:
    page.goto("/login/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")


@pytest.mark.parametrize(
    ("language", "viewport"), [("en", DESK), ("ru", DESK), ("kk", PHONE)], ids=["en", "ru", "kk"]
)
def test_it_enrols_at_the_first_sign_in_and_asks_for_a_code_at_the_next(
    open_page: Any, clerk: User, language: str, viewport: dict[str, int]
) -> None:
    clerk.set_password(PASSWORD)
    clerk.save()
    phone = viewport == PHONE
    page = open_page(language=language, viewport=viewport)

    _log_in(page)
    page.wait_for_url("**/account/two-factor/set-up/**")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".qr img").get_attribute("src").startswith("data:image/svg+xml")
    assert page.locator(".qr img").evaluate("img => img.naturalWidth") > 0  # the SVG draws
    assert not page.locator("header nav").count()  # no menu of pages not yet open
    _checked(page, phone)
    secret = page.locator(".secret code").inner_text().replace(" ", "")
    totp = TOTP(b32decode(secret))  # what the phone's app computes from the key shown
    page.fill("#id_code", f"{totp.token():06d}")
    page.click("main form button[type=submit]")

    codes = page.locator(".recovery-codes code")
    codes.first.wait_for()
    assert codes.count() == 10
    _checked(page, phone)
    page.click("main a.button")
    page.wait_for_url("**/people/**")

    if phone:
        page.click("header .menu-toggle")
    page.click("header .logout button")
    page.wait_for_url("**/login/**")
    _log_in(page)
    page.wait_for_url("**/account/two-factor/code/**")
    _checked(page, phone)
    device = TOTPDevice.objects.get(user=clerk)
    page.fill("#id_code", code_next(device))  # the app's next code: enrolment used this one
    page.click("main button[type=submit]")

    page.wait_for_url("**/people/**")
    assert page.locator("header nav").count() == 1


def test_it_refuses_a_wrong_code_with_a_message(open_page: Any, clerk: User) -> None:
    clerk.set_password(PASSWORD)
    clerk.save()
    device = TOTPDevice.objects.create(user=clerk, name="authenticator", confirmed=True)
    page = open_page(language="ru")

    _log_in(page)
    page.wait_for_url("**/account/two-factor/code/**")
    wrong = f"{(int(code_now(device)) + 1) % 1_000_000:06d}"
    page.fill("#id_code", wrong)
    page.click("main button[type=submit]")

    assert "Этот код неверен или уже использован" in page.locator("#error-summary").inner_text()
    assert "/account/two-factor/code/" in page.url
    assert axe_serious(page) == []
