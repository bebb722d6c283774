"""The statistics viewer's journey: lands on the dashboard, shows the pre-filled date, gets the
fact sheet's PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.services.status import status_period_record
from qorgau.web.tests.browser.pages import axe_serious

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_it_lands_on_the_dashboard_and_downloads_the_fact_sheet(
    open_page: Any,
    stats: User,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    language: str,
) -> None:
    for status in ("STA", "REF"):
        status_period_record(
            actor=clerk,
            organisation=agency,
            person=make_person(clerk, agency),
            status=status,
            effective_from=dt.date(2020, 1, 1),
        )
    page = open_page(stats, language=language)

    page.goto("/")
    page.wait_for_url("**/statistics/**")
    assert page.locator("main input[type=date]").first.input_value() != ""
    page.click("main form button[type=submit]")
    page.wait_for_url("**/statistics/?*as_of=*")
    assert page.locator("main .errorlist").count() == 0
    assert axe_serious(page) == []

    page.click("main a[href$='/statistics/factsheet/']")
    page.wait_for_url("**/statistics/factsheet/**")
    with page.expect_download() as download:
        page.click("main a[href*='factsheet.pdf']")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
