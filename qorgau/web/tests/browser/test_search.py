"""Finding a person: a Latin spelling finds the Cyrillic record and back, on a desk and a phone;
an NGO caseworker finds its own and shared people and opens nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _search(page: Any, query: str) -> str:
    page.goto("/people/")
    page.fill("#q", query)
    page.click("main form[role=search] button[type=submit]")
    page.wait_for_url("**/people/?q=*")
    return page.inner_text("#results")


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_it_finds_a_cyrillic_name_by_its_latin_spelling_and_back(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    language: str,
) -> None:
    cyrillic = make_person(clerk, agency, family_name="Сейтқазиев", given_name="Ерлан")
    latin = make_person(clerk, agency, family_name="Nurpeisova", given_name="Dana")
    page = open_page(clerk, language=language)

    found = _search(page, "Seitkaziev")
    assert cyrillic.registration_number in found
    assert latin.registration_number not in found
    assert axe_serious(page) == []

    found = _search(page, "Нурпеисова")
    assert latin.registration_number in found
    page.click(f"#results a:text('{latin.registration_number}')")
    page.wait_for_url(f"**/people/{latin.public_id}/")
    assert "Nurpeisova" in page.inner_text("main")
    assert axe_serious(page) == []


def test_it_searches_and_shows_a_person_on_a_phone(
    open_page: Any, clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    person = make_person(clerk, agency, family_name="Сейтқазиев", given_name="Ерлан")
    page = open_page(clerk, viewport=PHONE)

    assert person.registration_number in _search(page, "Сейтказиев")
    assert not scrolls_sideways(page)
    page.goto(f"/people/{person.public_id}/")
    assert not scrolls_sideways(page)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_an_ngo_caseworker_sees_its_own_and_shared_people_and_nothing_else(
    open_page: Any,
    language: str,
    clerk: User,
    agency: Organisation,
    ngo_a: User,
    ngo_a_org: Organisation,
    make_person: Callable[..., Person],
) -> None:
    own = make_person(ngo_a, ngo_a_org, family_name="Сейтқазиев", given_name="Ерлан")
    other = make_person(clerk, agency, family_name="Сейтқазиев", given_name="Ерлан")
    shared = make_person(clerk, agency, family_name="Сейтқазиева", given_name="Дана")
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    share_grant_agreed(
        actor=officer, recipient=ngo_a_org, person=shared,
        agreement="DTA-7", purpose="Legal aid", expires_on=dt.date.today() + dt.timedelta(days=300),
    )  # fmt: skip
    page = open_page(ngo_a, language=language)

    found = _search(page, "Seitkaziev")
    assert own.registration_number in found
    assert shared.registration_number in found
    assert other.registration_number not in found

    page.goto(f"/people/{shared.public_id}/")
    assert "Сейтқазиева" in page.inner_text("main")
    assert page.locator(f"main a[href$='/people/{shared.public_id}/edit/']").count() == 0
    assert axe_serious(page) == []

    response = page.goto(f"/people/{other.public_id}/")
    assert response is not None
    assert response.status == 404
    assert other.registration_number not in page.content()
    response = page.goto(f"/people/{shared.public_id}/edit/")
    assert response is not None
    assert response.status in (403, 404)


@pytest.mark.parametrize(
    ("language", "more_than"),
    [("en", "More than 2 people found"), ("ru", "Найдено больше 2 человек"),
     ("kk", "2 адамнан көп табылды")],
)  # fmt: skip
def test_a_search_that_finds_too_many_says_so_and_pages_through_the_first_ones(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    more_than: str,
) -> None:
    from qorgau.people import views

    monkeypatch.setattr(views, "SEARCH_CAP", 2)
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    people = sorted(
        (make_person(clerk, agency, family_name="Сейтқазиев", given_name=given)
         for given in ("Ерлан", "Данияр", "Асель")),
        key=lambda p: p.registration_number,
    )  # fmt: skip
    page = open_page(clerk, language=language, viewport=PHONE)

    found = _search(page, "Seitkaziev")
    assert more_than in found
    assert people[0].registration_number in found
    assert not scrolls_sideways(page)
    assert axe_serious(page) == []

    page.click("nav.pages a")
    page.wait_for_url("**page=2")
    found = page.inner_text("#results")
    assert people[1].registration_number in found
    assert page.locator("nav.pages a").count() == 1  # back only: the third is beyond the cap
