"""A data-subject request in the browser: record an access request on a person's page, download
the person's whole record as JSON and as PDF, and mark the request answered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from qorgau.audit.models import AccessLog
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.rights.models import SubjectRequest
from qorgau.rights.tests.factories import rich_person
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Screenshots to look at (kk, ru at phone width); var/ is not tracked.
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


@pytest.fixture
def person(clerk: User, agency: Organisation) -> Person:
    return rich_person(clerk, agency)


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", DESK), ("kk", DESK), ("ru", PHONE)],
    ids=["en", "kk", "ru-phone"],
)
def test_it_records_an_access_request_exports_the_record_and_answers(
    open_page: Any, clerk: User, person: Person, language: str, viewport: dict[str, int]
) -> None:
    page = open_page(clerk, language=language, viewport=viewport)

    page.goto(f"/people/{person.public_id}/")
    page.click(f"main a[href='/people/{person.public_id}/requests/new/']")
    page.wait_for_url(f"**/people/{person.public_id}/requests/new/")
    assert axe_serious(page) == []
    page.select_option("#id_kind", "access")
    page.select_option("#id_received_via", "email")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/requests/*/")
    request = SubjectRequest.objects.get(person=person)
    assert (request.kind, request.received_via, request.status) == ("access", "email", "open")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"request-{language}.png"), full_page=True)

    with page.expect_download() as json_download:
        page.click(f"main a[href$='/{request.public_id}/record.json']")
    record = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert record["person"]["given_name"] == person.given_name
    assert record["data_subject_requests"][0]["kind"] == "access"
    with page.expect_download() as pdf_download:
        page.click(f"main a[href$='/{request.public_id}/record.pdf']")
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    assert AccessLog.objects.filter(object_id=person.public_id, channel="export").count() == 2

    page.fill("#id_answer", "The whole record was sent by email.")
    page.click(f"main form[action$='/{request.public_id}/answer/'] button[type=submit]")
    page.wait_for_url(f"**/requests/{request.public_id}/")
    request.refresh_from_db()
    assert (request.status, request.answered_by) == ("answered", clerk)
    assert "The whole record was sent by email." in page.inner_text("main")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.screenshot(path=str(SCREENSHOTS / f"answered-{language}.png"), full_page=True)

    page.goto(f"/people/{person.public_id}/")
    assert page.locator("#subject-requests").count() == 1
    assert axe_serious(page) == []
