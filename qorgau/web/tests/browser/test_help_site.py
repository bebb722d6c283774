"""The public help site in a real browser: a visitor on a 375 px phone, in Russian, Dari
(right to left) and English, goes from /help/ to the border page and to the hotline's
contacts; an editor of the agency office edits a Kazakh page (with the interface in Kazakh,
then in English), previews it and publishes it, and a visitor then reads it on a phone. Every page visited has no serious accessibility violation."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from qorgau.help.models import HelpPage
from qorgau.help.services import help_page_create
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_user
from qorgau.population.help_pages import help_seed_texts
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLES = {
    language: title
    for language, slug, _, title, _ in help_seed_texts()
    for wanted in ("border",)
    if slug == wanted
}
HOTLINE = {
    language: title for language, slug, _, title, _ in help_seed_texts() if slug == "hotline"
}


@pytest.fixture
def editor(agency: Organisation) -> User:
    officer = persona_user("officer", agency)
    for language, slug, position, title, body in help_seed_texts():
        help_page_create(
            actor=officer, language=language, slug=slug, title=title, body=body,
            position=position, published=True,
        )  # fmt: skip
    return officer


def _checked(page: Any, problems: dict[str, object], name: str) -> None:
    violations = axe_serious(page)
    if violations:
        problems[f"{name} axe"] = violations
    if scrolls_sideways(page):
        problems[f"{name} sideways"] = True


@pytest.mark.parametrize("language", ["ru", "fa", "en"])
def test_a_visitor_on_a_phone_finds_the_border_page_and_the_hotline(
    open_page: Any, editor: User, language: str
) -> None:
    page = open_page(language=language, viewport=PHONE)
    problems: dict[str, object] = {}

    page.goto("/help/")
    assert page.url.endswith(f"/help/{language}/")
    _checked(page, problems, "index")
    page.locator("main").get_by_role("link", name=TITLES[language]).click()
    page.wait_for_url(f"**/help/{language}/border/")
    _checked(page, problems, "border")
    border = page.locator("h1").inner_text()
    page.locator("nav.topics").get_by_role("link", name=HOTLINE[language]).click()
    page.wait_for_url(f"**/help/{language}/hotline/")
    _checked(page, problems, "hotline")

    assert border == TITLES[language]
    assert settings.HELP_HOTLINE_PHONE in page.locator("article").inner_text()
    assert page.get_attribute("html", "dir") == ("rtl" if language == "fa" else "ltr")
    assert page.get_attribute("html", "lang") == ("fa-AF" if language == "fa" else language)
    assert problems == {}


@pytest.mark.parametrize("language", ["kk", "en"])
def test_an_editor_edits_previews_and_publishes_a_page(
    open_page: Any, editor: User, language: str
) -> None:
    with translation.override(language):
        preview, save, publish, history, published = (
            gettext(text)
            for text in ("Preview", "Save", "Publish", "History", "The page is published.")
        )
    draft = help_page_create(
        actor=editor, language="kk", slug="jumys", title="Жұмыс", body="Алғашқы мәтін.",
        position=9,
    )  # fmt: skip
    page = open_page(editor, language=language)
    problems: dict[str, object] = {}

    page.goto("/help-pages/")
    _checked(page, problems, "list")
    page.get_by_role("link", name="Жұмыс", exact=True).click()
    page.fill("#id_title", "Жұмысқа орналасу")
    page.fill("#id_body", "## Кімге болады\n\n- Танылған **босқындар**.")
    page.get_by_role("button", name=preview, exact=True).click()
    assert page.locator(".preview strong").inner_text() == "босқындар"
    _checked(page, problems, "preview")
    page.get_by_role("button", name=save, exact=True).click()
    page.get_by_role("button", name=publish, exact=True).click()
    page.get_by_text(published).wait_for()
    _checked(page, problems, "edit")
    page.get_by_role("link", name=history, exact=True).click()
    _checked(page, problems, "history")
    versions = page.locator("tbody tr").count()

    visitor = open_page(language="kk", viewport=PHONE)
    visitor.goto("/help/kk/jumys/")

    assert visitor.locator("h1").inner_text() == "Жұмысқа орналасу"
    assert visitor.locator("article li strong").inner_text() == "босқындар"
    draft.refresh_from_db()
    assert (draft.published, versions) == (True, 3)
    assert HelpPage.objects.filter(language="kk", slug="jumys").count() == 1
    assert problems == {}
