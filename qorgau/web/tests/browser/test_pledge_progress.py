"""Pledges and legal standards in the browser: a manager of the Kazakhstan office records a
pledge's progress with a link as evidence, sees the pledge's indicator, then the country's
legal-standards matrix; on a phone, in each language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from qorgau.legal.models import Standard
from qorgau.legal.services import assessment_record, provision_record
from qorgau.organisations.models import Organisation
from qorgau.organisations.tests.personas import persona_user
from qorgau.pledges.models import Pledge
from qorgau.pledges.services import pledges_seed
from qorgau.reference.models import Country
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECORDED = {
    "en": "The progress update was recorded.",
    "ru": "Сведения о ходе выполнения сохранены.",
    "kk": "Орындалу барысы туралы мәлімет сақталды.",
}
PARTLY = {"en": "Partly aligned", "ru": "Частично соответствует", "kk": "Ішінара сәйкес"}


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_a_manager_records_progress_and_sees_the_indicator_and_the_matrix(
    open_page: Any, agency: Organisation, language: str, tmp_path: Path
) -> None:
    manager = persona_user("officer", agency)
    pledges_seed()
    pledge = Pledge.objects.get(area="border_referral")
    provision = provision_record(
        actor=manager, country=Country.objects.get(iso3="KAZ"),
        law_title="Law on Synthetic Examples", article="Art. 8",
        text="Asylum may be requested at a border crossing point.",
        in_force_from=dt.date(2010, 1, 1),
    )  # fmt: skip
    assessment_record(
        actor=manager, provision=provision, standard=Standard.objects.get(code="1951_art_33"),
        alignment="partly", assessed_on=dt.date(2024, 1, 15),
    )  # fmt: skip
    page = open_page(manager, language=language, viewport=PHONE)

    page.goto(f"/pledges/{pledge.public_id}/progress/")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.fill("#id_occurred_on", "2024-03-01")
    page.fill("#id_summary", "Standard operating procedures for border guards drafted.")
    page.select_option("#id_status", "in_progress")
    page.fill("#id_evidence_url", "https://example.org/sop-draft")
    page.click("main form button[type=submit]")
    page.get_by_text(RECORDED[language]).wait_for()
    assert "https://example.org/sop-draft" in page.inner_html("main")
    assert page.locator("main figure svg").count() == 1
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.screenshot(path=str(tmp_path / "pledge.png"), full_page=True)
    assert Pledge.objects.get(pk=pledge.pk).status == "in_progress"

    page.goto("/legal/?country=KAZ")
    assert PARTLY[language] in page.inner_text("main table.matrix")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.screenshot(path=str(tmp_path / "legal.png"), full_page=True)
