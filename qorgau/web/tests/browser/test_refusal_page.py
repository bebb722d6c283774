"""A domain error that a page view lets through (ADR 0021) is shown as a page of the site: the
translated message, the error's status, readable on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from qorgau.organisations.models import User
from qorgau.people import errors
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.urls("qorgau.web.tests.refusal_urls"),
]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_stale_version_let_through_is_a_translated_409_page(
    open_page: Any, clerk: User, language: str
) -> None:
    page = open_page(clerk, language=language, viewport=PHONE)

    response = page.goto("/refuses/")

    with translation.override(language):
        message = str(errors.STALE_VERSION)
    assert response.status == 409
    assert message in page.inner_text("main")
    assert page.locator("html").get_attribute("lang") == language
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
