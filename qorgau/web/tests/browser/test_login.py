"""The clerk's first step: log in through the form, in every language."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.organisations.models import User
from qorgau.twofactor.tests.helpers import authenticator_for, code_now
from qorgau.web.tests.browser.pages import axe_serious

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["en", "ru", "kk"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_logs_in_through_the_form(open_page: Any, clerk: User, language: str) -> None:
    clerk.set_password("a-long-test-password")
    clerk.save()
    device = authenticator_for(clerk)  # agency staff: a second factor after the password
    page = open_page(language=language)

    page.goto("/login/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", "a-long-test-password")
    page.click("main button[type=submit]")
    page.wait_for_url("**/account/two-factor/code/**")
    page.fill("#id_code", code_now(device))
    page.click("main button[type=submit]")

    page.wait_for_url("**/people/**")
    assert page.locator("html").get_attribute("lang") == language
    assert axe_serious(page) == []
