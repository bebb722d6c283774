"""Exporting a list of people in the browser (issue 16): from the search page to the export
page, choose the fields and the format, export, download the file; on a phone, in en, ru, kk."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from qorgau.organisations.models import Organisation, User
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

SCREENS = Path(settings.BASE_DIR) / "var" / "browser-screens"
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "en": {"link": "Export a list of people", "export": "Export", "download": "Download"},
    "ru": {"link": "Экспорт списка людей", "export": "Экспорт", "download": "Скачать"},
    "kk": {"link": "Адамдар тізімін экспорттау", "export": "Экспорт", "download": "Жүктеп алу"},
}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_caseworker_exports_chosen_fields_and_downloads_the_file(
    open_page: Any,
    ngo_a: User,
    ngo_a_org: Organisation,
    clerk: User,
    agency: Organisation,
    make_person: Any,
    language: str,
    tmp_path: Path,
) -> None:
    make_person(ngo_a, ngo_a_org, family_name="Экспортова", given_name="Айгүл")
    make_person(clerk, agency, family_name="Агенттікова")  # not NGO A's: never in its file
    words = WORDS[language]
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = open_page(ngo_a, language=language, viewport=PHONE)

    page.goto("/people/")
    page.click(f"main a:has-text('{words['link']}')")
    page.wait_for_url("**/exports/")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    chosen = ("registration_number", "family_name", "given_name", "sex")
    for key in (*chosen, "registered_by", "patronymic"):
        page.locator(f"input[name=columns][value={key}]").set_checked(key in chosen)
    page.check("input[name=format][value=csv]")
    page.click(f"main form button:has-text('{words['export']}')")
    page.wait_for_url("**/exports/")
    if language != "en":  # to look at: var/browser-screens/
        page.screenshot(path=str(SCREENS / f"list-export-{language}.png"), full_page=True)
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)

    with page.expect_download() as caught:
        page.click(f"#exports a:has-text('{words['download']}')")
    saved = tmp_path / "people.csv"
    caught.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))

    assert list(rows[0]) == ["registration_number", "family_name", "given_name", "sex"]
    assert [(r["family_name"], r["given_name"]) for r in rows] == [("Экспортова", "Айгүл")]


THESE = {
    "en": {"these": "Export these"},
    "ru": {"these": "Экспортировать найденных"},
    "kk": {"these": "Осыларды экспорттау"},
}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_caseworker_exports_the_people_a_search_found(
    open_page: Any,
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b: User,
    ngo_b_org: Organisation,
    make_person: Any,
    language: str,
    tmp_path: Path,
) -> None:
    make_person(ngo_a, ngo_a_org, family_name="Іздеуова", given_name="Сая")
    make_person(ngo_a, ngo_a_org, family_name="Басқаова", given_name="Дина")  # not found
    make_person(ngo_b, ngo_b_org, family_name="Іздеуова", given_name="Жанар")  # not NGO A's
    words = {**WORDS[language], **THESE[language]}
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = open_page(ngo_a, language=language, viewport=PHONE)

    page.goto("/people/?q=Іздеуова")
    page.click(f"#results a:has-text('{words['these']}')")
    page.wait_for_url("**/exports/?q=*")
    assert page.locator("#search-export").is_visible()
    if language != "en":  # to look at: var/browser-screens/
        page.screenshot(path=str(SCREENS / f"search-export-{language}.png"), full_page=True)
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    for key in ("registration_number", "family_name", "given_name", "sex"):
        page.locator(f"input[name=columns][value={key}]").set_checked(key != "sex")
    page.check("input[name=format][value=csv]")
    page.click(f"main form button:has-text('{words['export']}')")
    page.wait_for_url("**/exports/")
    assert axe_serious(page) == []

    with page.expect_download() as caught:
        page.click(f"#exports a:has-text('{words['download']}')")
    saved = tmp_path / "found.csv"
    caught.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))

    assert [(r["family_name"], r["given_name"]) for r in rows] == [("Іздеуова", "Сая")]
