"""The accessibility sweep: every page of the journeys, in Kazakh, Russian and English, has no
serious or critical axe-core violation and no empty table header at desk width, and no sideways
scrolling at 375 px.

One browser context per persona and language; each page is checked at desk width, then the same
page is narrowed to a phone's width.
"""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways
from qorgau.web.tests.journeys import journey_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A header cell must name its column or row for a screen reader, even when it shows nothing.
EMPTY_HEADERS = "[...document.querySelectorAll('th')].filter(th => !th.textContent.trim()).length"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_page_is_accessible_and_fits_a_phone(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    ngo_a_org: Organisation,
    stats: User,
    language: str,
) -> None:
    pages = journey_pages(clerk=clerk, agency=agency, ngo_a_org=ngo_a_org, stats=stats)
    tabs: dict[int | None, Any] = {}
    problems: dict[str, object] = {}
    for journey_page in pages:
        key = journey_page.user.pk if journey_page.user else None
        if key not in tabs:
            tabs[key] = open_page(journey_page.user, language=language)
        page = tabs[key]
        page.set_viewport_size(DESK)
        response = page.goto(journey_page.url)
        assert response is not None
        if response.status != journey_page.status:
            problems[f"{journey_page.name} status"] = response.status
        assert page.get_attribute("html", "lang") == language
        violations = axe_serious(page)
        if violations:
            problems[f"{journey_page.name} axe"] = violations
        if page.evaluate(EMPTY_HEADERS):
            problems[f"{journey_page.name} empty table headers"] = page.evaluate(EMPTY_HEADERS)
        page.set_viewport_size(PHONE)
        if scrolls_sideways(page):
            problems[f"{journey_page.name} sideways"] = page.evaluate(
                "[...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect()"
                ".right > window.innerWidth + 1).slice(0, 3).map(e => e.outerHTML.slice(0, 120))"
            )

    assert problems == {}
