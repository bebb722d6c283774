"""The partner directory in the browser: an NGO's administrator writes its entry, another
NGO's caseworker finds it by service and language, on a phone, in each language."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.partners.models import PartnerProfile
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SAVED = {
    "en": "The directory entry was saved.",
    "ru": "Запись справочника сохранена.",
    "kk": "Анықтамалықтағы жазба сақталды.",
}
LEGAL_AID = {"en": "Legal aid", "ru": "Юридическая помощь", "kk": "Заң көмегі"}


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_an_ngo_writes_its_entry_and_another_finds_it(
    open_page: Any, ngo_a_org: Organisation, ngo_b: User, language: str
) -> None:
    admin = user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)
    page = open_page(admin, language=language, viewport=PHONE)

    page.goto("/partners/")
    page.click(f"a[href='/partners/{ngo_a_org.public_id}/edit/']")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.check("input[name=services][value=legal_aid]")
    page.check("input[name=regions][value=KZ-75]")
    page.check("input[name=languages][value=prs]")
    page.fill("#id_opening_hours", "Mon–Fri 9:00–18:00")
    page.click("main form button[type=submit]")
    page.get_by_text(SAVED[language]).wait_for()
    assert LEGAL_AID[language] in page.inner_text("main")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    profile = PartnerProfile.objects.get(organisation=ngo_a_org)
    assert profile.language_codes == ["prs"]

    finder = open_page(ngo_b, language=language, viewport=PHONE)
    finder.goto("/partners/")
    finder.select_option("#id_service", "legal_aid")
    finder.select_option("#id_language", "prs")
    finder.click("main form.filters button[type=submit]")
    finder.wait_for_url("**/partners/?*service=legal_aid*")
    assert finder.locator("ul.directory > li").count() == 1
    assert axe_serious(finder) == []
    assert not scrolls_sideways(finder)
