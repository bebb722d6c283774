"""An anonymised record in the browser: the person's page says so and offers no change (edit,
status, document, share, case), only a further data-subject request; a change page typed into
the address bar answers with the translated refusal and stores nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation

from qorgau.organisations.models import Organisation, User
from qorgau.people import errors
from qorgau.people.models import Person
from qorgau.rights.services.anonymise import person_anonymise
from qorgau.rights.tests.factories import rich_person
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture
def gone(clerk: User, agency: Organisation) -> Person:
    person = rich_person(clerk, agency)
    person_anonymise(actor=clerk, person=person, reason="subject_request")
    person.refresh_from_db()
    return person


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", DESK), ("kk", PHONE), ("ru", PHONE)],
    ids=["en", "kk-phone", "ru-phone"],
)
def test_an_anonymised_record_offers_no_change_and_refuses_one_typed_in(
    open_page: Any, clerk: User, gone: Person, language: str, viewport: dict[str, int]
) -> None:
    page = open_page(clerk, language=language, viewport=viewport)
    base = f"/people/{gone.public_id}/"

    page.goto(base)

    main = page.locator("main")
    assert main.locator(".notice").count() >= 1
    for path in ("edit/", "status/add/", "documents/add/", "shares/add/"):
        assert main.locator(f"a[href^='{base}{path}']").count() == 0, path
    assert main.locator(f"a[href='{base}requests/new/']").count() == 1
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"anonymised-{language}.png"), full_page=True)

    response = page.goto(f"{base}edit/")

    assert response is not None
    assert response.status == 403
    with translation.override(language):
        assert str(errors.ANONYMISED_RECORD) in page.inner_text("main")
    assert axe_serious(page) == []
    assert Person.objects.get(pk=gone.pk).given_name == ""
