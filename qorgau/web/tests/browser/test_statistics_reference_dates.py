"""A statistics viewer outside the office's management asks for a day between reference dates
(ADR 0036): the dashboard refuses it in the viewer's language, naming the reference dates around
it, and shows the figures of the reference date asked for next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.services.status import status_period_record
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REFUSED = {"en": "reference dates", "ru": "отчётные даты", "kk": "есепті күндерге"}


@pytest.fixture
def registered(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> None:
    """One stateless person since 2020, so that the office has figures."""
    person = make_person(clerk, agency)
    status_period_record(
        actor=clerk, organisation=agency, person=person, status="STA",
        effective_from=dt.date(2020, 1, 1),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "viewport"), [("en", DESK), ("ru", PHONE), ("kk", PHONE)], ids=["en", "ru", "kk"]
)
@pytest.mark.usefixtures("registered")
def test_a_day_between_reference_dates_is_refused_and_a_reference_date_shown(
    open_page: Any, stats: User, language: str, viewport: dict[str, int]
) -> None:
    today = dt.date.today()
    reference = dt.date(today.year, today.month, 1)
    between = reference - dt.timedelta(days=1)
    page = open_page(stats, language=language, viewport=viewport)

    page.goto("/statistics/")
    assert page.locator("main input[name=as_of]").input_value() == reference.isoformat()
    assert page.locator("main p.muted").first.is_visible()
    page.fill("main input[name=as_of]", between.isoformat())
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/statistics/?*as_of={between.isoformat()}*")

    refusal = page.locator("main form .errorlist").inner_text()
    assert REFUSED[language] in refusal
    assert reference.isoformat() in refusal
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)

    page.fill("main input[name=as_of]", reference.isoformat())
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/statistics/?*as_of={reference.isoformat()}*")
    assert page.locator("main .errorlist").count() == 0
    assert page.locator("main svg").count() > 0
    assert axe_serious(page) == []
