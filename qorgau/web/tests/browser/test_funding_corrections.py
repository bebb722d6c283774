"""Funding and treaty-status corrections in the browser: a manager of the agency office corrects
a contribution with a reason and sees it in the history, and changes a country's treaty status,
on a phone, in English, Kazakh and Russian; axe finds nothing serious on the pages visited."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.funding.models import Contribution
from qorgau.legal.models import TreatyStatus
from qorgau.organisations.models import Organisation
from qorgau.web.tests.browser.funding_world import OVERVIEW, funding_world
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CORRECT = {"en": "Correct", "kk": "Түзету", "ru": "Исправить"}
AFTER = {"en": "50.0% funded", "kk": "50,0%", "ru": "Профинансировано на 50,0%"}


def _clean(page: Any) -> None:
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_a_manager_corrects_a_contribution_and_changes_a_treaty_status(
    open_page: Any, agency: Organisation, language: str
) -> None:
    manager = funding_world(agency).manager
    page = open_page(manager, language=language, viewport=PHONE)

    page.goto(OVERVIEW)
    page.locator("#contributions ~ table").get_by_role("link", name=CORRECT[language]).click()
    page.wait_for_url("**/funding/contributions/*/")
    page.fill("#id_amount", "500")
    page.fill("#id_reason", "Bank statement: 500")
    _clean(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/funding/?*")
    page.goto(OVERVIEW)
    assert AFTER[language] in page.inner_text("#funded-share")
    contribution = Contribution.objects.get()
    assert contribution.amount == 500
    page.goto(f"/funding/contributions/{contribution.public_id}/")
    assert "Bank statement: 500" in page.inner_text("main")
    _clean(page)

    treaty = TreatyStatus.objects.get(country__iso3="KAZ", instrument__code="1954_convention")
    page.goto("/legal/?country=KAZ")
    page.click(f"a[href='/legal/treaties/{treaty.public_id}/']")
    page.wait_for_url("**/legal/treaties/*/")
    page.select_option("#id_status", "signatory")
    page.fill("#id_signed_on", "2001-05-10")
    page.fill("#id_party_since", "")
    page.fill("#id_source", "UN Treaty Collection")
    page.check("#id_verified")
    page.fill("#id_reason", "Checked against the depositary")
    _clean(page)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/legal/?country=KAZ")
    _clean(page)
    treaty.refresh_from_db()
    assert (treaty.status, treaty.verified, treaty.version) == ("signatory", True, 2)
