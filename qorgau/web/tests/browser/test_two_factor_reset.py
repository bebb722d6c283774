"""An organisation's administrator resets the two-factor sign-in of a member who lost their
phone, on a phone (375 px): the members page lists who has set it up, one button resets it, the
page says what happens next, and the reset is in the security log."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.twofactor.services import RESET
from qorgau.twofactor.tests.helpers import enrolled
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "en": ("Two-factor sign-in of members", "set up", "not set up", "was reset"),
    "ru": ("Двухфакторный вход участников", "настроен", "не настроен", "сброшен"),
}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_administrator_resets_a_members_two_factor_sign_in_on_a_phone(
    open_page: Any, ngo_a: User, ngo_a_org: Organisation, language: str
) -> None:
    admin = user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)
    enrolled(ngo_a)
    title, set_up, not_set_up, done = WORDS[language]
    page = open_page(admin, language=language, viewport=PHONE)

    page.goto("/account/two-factor/members/")

    assert title in page.locator("main h1").inner_text()
    row = page.locator("main tr", has_text="ngo-a-caseworker")
    assert set_up in row.inner_text()
    assert not_set_up not in row.inner_text()
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.screenshot(path=f"/tmp/gaps14b-reset-{language}-before.png", full_page=True)  # noqa: S108

    row.locator("button").click()

    page.wait_for_url("**/account/two-factor/members/")
    assert done in page.locator("main").inner_text()
    assert not_set_up in page.locator("main tr", has_text="ngo-a-caseworker").inner_text()
    assert page.locator("main tr", has_text="ngo-a-caseworker").locator("button").count() == 0
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.screenshot(path=f"/tmp/gaps14b-reset-{language}-after.png", full_page=True)  # noqa: S108
    assert not TOTPDevice.objects.filter(user=ngo_a).exists()
    assert not StaticDevice.objects.filter(user=ngo_a).exists()
    event = SecurityEvent.objects.get(event=RESET)
    assert (event.user, event.object_id) == (admin, ngo_a.public_id)


def test_a_member_who_manages_nobody_is_refused_the_page(open_page: Any, ngo_a: User) -> None:
    page = open_page(ngo_a, language="ru", viewport=PHONE)

    response = page.goto("/account/two-factor/members/")

    assert response is not None
    assert response.status == 403
    assert axe_serious(page) == []
