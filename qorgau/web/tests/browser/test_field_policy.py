"""Need-to-know fields in the browser: a government liaison opens a person's page and sees no
specific needs and no contact details, each section saying so, in three languages and on a
phone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEED = "SM-CI"
NOT_SHOWN = {
    "en": "Not shown to your role.",
    "ru": "Не показывается для вашей роли.",
    "kk": "Сіздің рөліңізге көрсетілмейді.",
}


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", DESK), ("ru", DESK), ("kk", DESK), ("ru", PHONE)],
    ids=["en", "ru", "kk", "ru-phone"],
)
def test_it_shows_a_liaison_no_specific_needs_on_a_person_page(
    open_page: Any,
    liaison: User,
    gov_clerk: User,
    government: Organisation,
    make_person: Callable[..., Person],
    language: str,
    viewport: dict[str, int],
) -> None:
    person = make_person(
        gov_clerk, government, needs=[NEED], phones=["+77012345678"], address="Тестовая 1"
    )
    page = open_page(liaison, language=language, viewport=viewport)

    page.goto(f"/people/{person.public_id}/")

    needs = page.locator("#specific-needs + p")
    assert needs.inner_text().strip() == NOT_SHOWN[language]
    html = page.content()
    assert NEED not in html
    assert "Тестовая 1" not in html
    # The number in any form it is shown in; a short piece like "701" can occur in a UUID.
    for shown in ("7012345678", "2345678", "234 56 78", "234-56-78"):
        assert shown not in html
    assert person.registration_number in html
    assert axe_serious(page) == []
    if viewport == PHONE:
        assert not scrolls_sideways(page)
