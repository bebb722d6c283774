"""Donors and exchange rates in the browser (issue 19): a manager of the agency office, on a
phone, in English and Russian, corrects a mistyped rate from the rates page and reads its
effect on the converted total, renames a donor and removes one recorded by mistake from the
donors page, and sees the funded share follow; axe finds nothing serious on the pages visited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qorgau.funding import services
from qorgau.funding.models import Donor, DonorKind, ExchangeRate
from qorgau.organisations.models import Organisation
from qorgau.web.tests.browser.funding_world import OVERVIEW, funding_world
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RATES = {"en": "Record an exchange rate", "ru": "Записать обменный курс"}
DONORS = {"en": "Add a donor", "ru": "Добавить донора"}
CORRECT = {"en": "Correct", "ru": "Исправить"}
CHANGE = {"en": "Change", "ru": "Изменить"}
REMOVE = {"en": "Remove", "ru": "Удалить"}
TESTLAND = {"en": "Testland", "ru": "Тестландия"}
BEFORE = {"en": "50.0% funded", "ru": "Профинансировано на 50,0%"}
AFTER = {"en": "37.5% funded", "ru": "Профинансировано на 37,5%"}
EFFECT = {"en": "USD 125.00 instead of USD 250.00", "ru": "USD 125,00 вместо USD 250,00"}


def _clean(page: Any) -> None:
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_manager_corrects_a_rate_and_changes_and_removes_donors(
    open_page: Any, agency: Organisation, language: str
) -> None:
    world = funding_world(agency)  # USD 250 of 1,000
    rate = services.exchange_rate_record(
        actor=world.manager, currency="EUR", valid_from=dt.date(2024, 5, 1), units_per_usd="0.5"
    )  # mistyped: 125 EUR counted as USD 250
    services.contribution_record(
        actor=world.manager, donor=world.donor, operation=world.kaz, year=2024, amount="125",
        currency="EUR", received_on=dt.date(2024, 5, 6), earmarking="softly",
    )  # fmt: skip
    spare = services.donor_create(
        actor=world.manager, name_en="Sparia", name_ru="Спария", name_kk="Спария",
        kind=DonorKind.GOVERNMENT,
    )  # fmt: skip
    page = open_page(world.manager, language=language, viewport=PHONE)

    page.goto(OVERVIEW)
    assert BEFORE[language] in page.inner_text("#funded-share")
    page.get_by_role("link", name=RATES[language]).click()
    page.wait_for_url("**/funding/rates/new/")
    _clean(page)
    page.locator("#rates ~ table").get_by_role("link", name=CORRECT[language]).click()
    page.wait_for_url(f"**/funding/rates/{rate.public_id}/")
    assert "250" in page.inner_text("#effect-total")
    page.fill("#id_units_per_usd", "1")
    page.fill("#id_reason", "UN rate of May")
    _clean(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/funding/rates/new/")
    assert EFFECT[language] in page.inner_text("main")
    _clean(page)
    page.goto(OVERVIEW)
    assert AFTER[language] in page.inner_text("#funded-share")

    page.get_by_role("link", name=DONORS[language]).click()
    page.wait_for_url("**/funding/donors/new/")
    _clean(page)
    donors = page.locator("#donors ~ table")
    testland = TESTLAND[language]
    assert donors.get_by_role("link", name=f"{REMOVE[language]} {testland}").count() == 0
    donors.get_by_role("link", name=f"{CHANGE[language]} {testland}").click()
    page.wait_for_url(f"**/funding/donors/{world.donor.public_id}/")
    page.fill("#id_name_en", "Testland Republic")
    _clean(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/funding/donors/new/")
    page.locator("#donors ~ table").get_by_role("link", name=REMOVE[language]).click()
    page.wait_for_url(f"**/funding/donors/{spare.public_id}/remove/")
    _clean(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/funding/donors/new/")
    _clean(page)

    assert ExchangeRate.objects.get(pk=rate.pk).units_per_usd == 1
    assert list(Donor.objects.values_list("name_en", flat=True)) == ["Testland Republic"]
