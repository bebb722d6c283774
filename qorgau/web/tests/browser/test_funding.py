"""Funding in the browser: a manager of the agency office records a contribution on a phone
and sees the funded share change, in English and Russian; axe finds nothing serious."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from qorgau.funding import services
from qorgau.funding.models import Area, Contribution, DonorKind, Operation
from qorgau.organisations.models import Organisation
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECORD = {"en": "Record a contribution", "ru": "Записать взнос"}
BEFORE = {"en": "25.0% funded", "ru": "Профинансировано на 25,0%"}
AFTER = {"en": "50.0% funded", "ru": "Профинансировано на 50,0%"}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_manager_records_a_contribution_and_sees_the_share_change(
    open_page: Any, agency: Organisation, language: str
) -> None:
    manager = user_make("manager", agency, Role.PROTECTION_OFFICER)
    rca, kaz = Operation.objects.get(code="RCA"), Operation.objects.get(code="KAZ")
    services.requirement_set(
        actor=manager, operation=rca, year=2024, area=Area.objects.get(code="statelessness"),
        amount_usd="1000",
    )  # fmt: skip
    donor = services.donor_create(
        actor=manager, name_en="Testland", name_ru="Тестландия", name_kk="Тестландия",
        kind=DonorKind.GOVERNMENT,
    )  # fmt: skip
    services.contribution_record(
        actor=manager, donor=donor, operation=kaz, year=2024, amount="250", currency="USD",
        received_on=dt.date(2024, 3, 1), earmarking="unearmarked",
    )  # fmt: skip
    page = open_page(manager, language=language, viewport=PHONE)

    page.goto("/funding/?operation=RCA&year=2024&as_of=2024-12-31")
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
    page.goto("/funding/?operation=RCA&year=2024&as_of=2024-12-31")
    assert AFTER[language] in page.inner_text("#funded-share")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    assert Contribution.objects.count() == 2
