"""Funding in the browser: a manager of the agency office records a contribution on a phone
and sees the funded share change, in English and Russian; axe finds nothing serious."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.funding.models import Contribution
from qorgau.organisations.models import Organisation
from qorgau.web.tests.browser.funding_world import OVERVIEW, funding_world
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECORD = {"en": "Record a contribution", "ru": "Записать взнос"}
BEFORE = {"en": "25.0% funded", "ru": "Профинансировано на 25,0%"}
AFTER = {"en": "50.0% funded", "ru": "Профинансировано на 50,0%"}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_manager_records_a_contribution_and_sees_the_share_change(
    open_page: Any, agency: Organisation, language: str
) -> None:
    world = funding_world(agency)
    manager, kaz, donor = world.manager, world.kaz, world.donor
    page = open_page(manager, language=language, viewport=PHONE)

    page.goto(OVERVIEW)
    assert BEFORE[language] in page.inner_text("#funded-share")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.get_by_role("link", name=RECORD[language]).click()
    page.select_option("#id_donor", str(donor.pk))
    page.select_option("#id_operation", str(kaz.pk))
    page.fill("#id_year", "2024")
    page.fill("#id_amount", "250")
    page.fill("#id_currency", "USD")
    page.fill("#id_received_on", "2024-04-01")
    page.select_option("#id_earmarking", "softly")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/funding/?*")
    page.goto(OVERVIEW)
    assert AFTER[language] in page.inner_text("#funded-share")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    assert Contribution.objects.count() == 2
