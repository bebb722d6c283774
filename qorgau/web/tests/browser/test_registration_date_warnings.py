"""The registration check's date warnings (ADR 0040): a clerk registering someone with the
year of birth only sees a namesake born years apart, last, with the warning in their language."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WARNING = {
    "en": "years of birth differ by 8 years",
    "ru": "годы рождения различаются на 8 лет",
    "kk": "туған жылдарының айырмашылығы 8 жыл",
}


def _register_year_only(page: Any) -> None:
    page.goto("/people/register/")
    page.fill("#id_principal-family_name", "Yerzhanov")
    page.fill("#id_principal-given_name", "Nurlan")
    page.select_option("#id_principal-sex", "male")
    page.select_option("#id_principal-citizenship_status", "stateless")
    page.fill("#id_principal-date_of_birth", "1986")
    # The check's answer is the next page: read it only once it is there.
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_namesake_years_apart_is_shown_with_the_warning(
    open_page: Any, clerk: User, agency: Organisation, make_person: Any, language: str
) -> None:
    existing = make_person(
        clerk, agency, family_name="Ержанов", given_name="Нұрлан", date_of_birth="1978-05-17"
    )
    page = open_page(clerk, language=language)

    _register_year_only(page)

    main = page.inner_text("main")
    assert existing.registration_number in main
    assert WARNING[language] in main
    assert Person.objects.count() == 1
    assert axe_serious(page) == []


def test_the_warning_fits_a_phone(
    open_page: Any, clerk: User, agency: Organisation, make_person: Any, tmp_path: Any
) -> None:
    make_person(
        clerk, agency, family_name="Ержанов", given_name="Нұрлан", date_of_birth="1978-05-17"
    )
    page = open_page(clerk, language="kk", viewport=PHONE)

    _register_year_only(page)

    assert WARNING["kk"] in page.inner_text("main")
    assert not scrolls_sideways(page)
    shot = tmp_path / "registration-warning-kk-phone.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
