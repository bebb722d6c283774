"""A clerk types a name whose word mixes Latin and Cyrillic letters (issue 14): a look-alike
letter is replaced and the person page says so; a letter with no look-alike is refused on the
field, naming it."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from qorgau.organisations.models import User
from qorgau.people import errors
from qorgau.people.models import Person
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _register(page: Any, given_name: str) -> None:
    page.goto("/people/register/")
    page.fill("#id_principal-family_name", "Smith")
    page.fill("#id_principal-given_name", given_name)
    page.select_option("#id_principal-sex", "male")
    page.select_option("#id_principal-citizenship_status", "stateless")
    page.click("main form button[type=submit]")


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_person_page_says_which_letter_was_replaced(
    open_page: Any, clerk: User, language: str
) -> None:
    page = open_page(clerk, language=language)

    _register(page, "Alexеy")  # Cyrillic е

    page.wait_for_url("**/people/*/")
    assert Person.objects.get().given_name == "Alexey"
    with translation.override(language):
        expected = str(errors.NAME_CYRILLIC_REPLACED) % {
            "word": "Alexеy",
            "character": "е",
            "code": "U+0435",
        }
    assert page.locator(".messages li.warning").inner_text() == expected
    assert axe_serious(page) == []


def test_the_warning_fits_a_phone(open_page: Any, clerk: User) -> None:
    page = open_page(clerk, language="kk", viewport=PHONE)

    _register(page, "Alexеy")

    page.wait_for_url("**/people/*/")
    assert page.locator(".messages li.warning").is_visible()
    assert not scrolls_sideways(page)
    assert axe_serious(page) == []


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_letter_with_no_look_alike_is_refused_on_the_field(
    open_page: Any, clerk: User, language: str
) -> None:
    page = open_page(clerk, language=language)

    _register(page, "Айгерim")

    page.locator("#error-summary").wait_for()
    assert "U+006D" in page.inner_text("main")
    assert axe_serious(page) == []
    assert Person.objects.count() == 0
