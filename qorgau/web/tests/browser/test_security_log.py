"""The agency office's administrator reads the security log in the admin (ADR 0034): finds a
refused attempt by its event, opens it, and can change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext

from qorgau.audit.models import SecurityEvent
from qorgau.audit.services import security_event_record
from qorgau.organisations.models import User
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def office_admin(clerk: User) -> User:
    security_event_record(
        actor=clerk, event="denied", object_type="person", address="192.0.2.4", detail={}
    )
    security_event_record(actor=clerk, event="export", address="192.0.2.5", detail={})
    return User.objects.create_superuser("office-admin", password="x" * 16)


@pytest.mark.parametrize(
    ("language", "viewport"), [("en", DESK), ("kk", PHONE), ("ru", PHONE)], ids=["en", "kk", "ru"]
)
def test_the_office_reads_a_refused_attempt_and_changes_nothing(
    open_page: Any, office_admin: User, language: str, viewport: dict[str, int]
) -> None:
    page = open_page(office_admin, language=language, viewport=viewport)
    with translation.override(language):
        title = gettext("security log")

    page.goto("/admin/")
    page.get_by_role("link", name=title, exact=False).first.click()
    page.goto(page.url + "?event=denied")

    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    assert "192.0.2.4" in rows.first.inner_text()
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    # Wait for the record's page: axe would otherwise be injected into a page being replaced.
    with page.expect_navigation():
        rows.first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.locator("input[name=_save]").count() == 0
    assert page.locator("a.deletelink").count() == 0
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    assert SecurityEvent.objects.exclude(event="login").count() == 2  # and the log-in
