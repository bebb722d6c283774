"""Two people edit the same record at once: the second save is refused with a message and the
first one's change is kept (the version check, seen from two browsers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation

from qorgau.organisations.models import Organisation, User
from qorgau.people import errors
from qorgau.people.models import Person
from qorgau.web.tests.browser.pages import axe_serious

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_second_of_two_simultaneous_edits_is_refused(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    language: str,
) -> None:
    person = make_person(clerk, agency, family_name="Тестова", given_name="Айгерим")
    first, second = open_page(clerk, language=language), open_page(clerk, language=language)
    for page in (first, second):
        page.goto(f"/people/{person.public_id}/edit/")

    first.fill("#id_given_name", "Айгерима")
    first.click("main form button[type=submit]")
    first.wait_for_url(f"**/people/{person.public_id}/")

    second.fill("#id_given_name", "Әйгерім")
    second.click("main form button[type=submit]")
    second.wait_for_load_state()

    assert second.url.endswith(f"/people/{person.public_id}/edit/")
    with translation.override(language):
        message = str(errors.STALE_VERSION)
    assert message in second.inner_text("#error-summary")
    assert axe_serious(second) == []
    person.refresh_from_db()
    assert person.given_name == "Айгерима"
    assert person.version == 2
