"""The registration clerk's first journey: log in, register one person, see the record."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.organisations.models import User
from qorgau.people.models import Person
from qorgau.twofactor.tests.helpers import authenticator_for, code_now
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

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


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_registers_a_single_person(open_page: Any, clerk: User, language: str) -> None:
    page = open_page(clerk, language=language)

    page.goto("/people/register/")
    page.fill("#id_principal-family_name", "Тестова")
    page.fill("#id_principal-given_name", "Айгерим")
    page.select_option("#id_principal-sex", "female")
    page.select_option("#id_principal-citizenship_status", "stateless")
    page.fill("#id_principal-date_of_birth", "1990-05-17")
    page.click("main form button[type=submit]")

    page.wait_for_url("**/people/*/")
    person = Person.objects.get()
    assert person.given_name == "Айгерим"
    assert person.registration_number in page.inner_text("main")


def test_it_registers_on_a_phone(open_page: Any, clerk: User) -> None:
    page = open_page(clerk, viewport=PHONE)

    page.goto("/people/register/")
    assert not scrolls_sideways(page)
    page.fill("#id_principal-given_name", "Нурлан")
    page.select_option("#id_principal-sex", "male")
    page.select_option("#id_principal-citizenship_status", "undetermined")
    page.click("main form button[type=submit]")

    page.wait_for_url("**/people/*/")
    assert not scrolls_sideways(page)
    assert Person.objects.count() == 1


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_a_refused_registration_opens_with_linked_errors(
    open_page: Any, clerk: User, language: str
) -> None:
    page = open_page(clerk, language=language)

    page.goto("/people/register/")
    page.click("main form button[type=submit]")

    summary = page.locator("#error-summary")
    summary.wait_for()
    assert axe_serious(page) == []
    summary.locator("a[href='#id_principal-given_name']").click()
    assert page.evaluate("document.activeElement.id") == "id_principal-given_name"
    assert Person.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_filters_and_ticks_specific_needs(open_page: Any, clerk: User, language: str) -> None:
    page = open_page(clerk, language=language)

    page.goto("/people/register/")
    needs = page.locator("#id_principal-needs")
    page.locator(".checklist-filter").first.fill("DS-BD")
    assert needs.locator("input[value='DS-BD']").is_visible()
    assert not needs.locator("input[value='CR-AF']").is_visible()
    needs.locator("input[value='DS-BD']").check()
    assert axe_serious(page) == []
    page.fill("#id_principal-given_name", "Асель")
    page.select_option("#id_principal-sex", "female")
    page.select_option("#id_principal-citizenship_status", "stateless")
    page.click("main form button[type=submit]")

    page.wait_for_url("**/people/*/")
    assert [n.need.code for n in Person.objects.get().needs.select_related("need")] == ["DS-BD"]
