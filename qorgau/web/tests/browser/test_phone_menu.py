"""On a phone the header folds into a menu; on a desk the links stay in the header."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.organisations.models import User
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_it_opens_the_menu_on_a_phone(open_page: Any, clerk: User, language: str) -> None:
    page = open_page(clerk, language=language, viewport=PHONE)

    page.goto("/people/")
    nav = page.locator("header nav")
    assert not nav.is_visible()
    assert not scrolls_sideways(page)
    page.click("header .menu-toggle")
    assert nav.is_visible()
    assert page.get_attribute("header .menu-toggle", "aria-expanded") == "true"
    assert axe_serious(page) == []
    page.click("header nav a[href='/people/register/']")
    page.wait_for_url("**/people/register/")


def test_the_desk_header_shows_the_links(open_page: Any, clerk: User) -> None:
    page = open_page(clerk)

    page.goto("/people/")
    assert page.locator("header nav").is_visible()
    assert not page.locator("header .menu-toggle").is_visible()
