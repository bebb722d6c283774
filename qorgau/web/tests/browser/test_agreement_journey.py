"""A data-sharing agreement in the browser, then a share under it (issue 17, ADR 0056): the
agency office's administrator records the agreement with NGO B and its signed PDF; a
protection officer shares a person from the person page, choosing that agreement and the
fields it allows; the agreement's page lists the share. In English on a desk, in Kazakh and
Russian on a phone; axe-core clean on every page visited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import persona_user
from qorgau.partners.models import Agreement
from qorgau.people.models import Person, Share
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _checked(page: Any, viewport: dict[str, int]) -> None:
    assert axe_serious(page) == []
    if viewport == PHONE:
        assert not scrolls_sideways(page)


@pytest.mark.parametrize(("language", "viewport"), [("en", DESK), ("kk", PHONE), ("ru", PHONE)])
def test_an_administrator_records_an_agreement_and_an_officer_shares_under_it(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    ngo_b_org: Organisation,
    make_person: Callable[..., Person],
    tmp_path: Path,
    language: str,
    viewport: dict[str, int],
) -> None:
    settings.MEDIA_ROOT = tmp_path
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% synthetic signed agreement\n")
    admin = user_make("agency-admin", agency, Role.ADMINISTRATOR)
    person = make_person(clerk, agency)
    today = timezone.localdate()

    page = open_page(admin, language=language, viewport=viewport)
    page.goto("/agreements/")
    _checked(page, viewport)
    page.click("a[href='/agreements/new/']")
    _checked(page, viewport)
    page.select_option("#id_provider", str(agency.pk))
    page.select_option("#id_recipient", str(ngo_b_org.pk))
    page.fill("#id_reference", "DSA-2026-B")
    page.fill("#id_purpose", "Legal aid to asylum-seekers")
    page.check("input[name=field_groups][value=identity]")
    page.check("input[name=field_groups][value=legal_status]")
    page.fill("#id_starts_on", (today - dt.timedelta(days=1)).isoformat())
    page.fill("#id_expires_on", (today + dt.timedelta(days=365)).isoformat())
    page.set_input_files("#id_document", str(pdf))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/agreements/*-*/")
    _checked(page, viewport)
    agreement = Agreement.objects.get()
    assert agreement.document

    officer = open_page(persona_user("officer", agency), language=language, viewport=viewport)
    officer.goto(f"/people/{person.public_id}/shares/add/")
    _checked(officer, viewport)
    officer.select_option("select[name=agreement]", str(agreement.public_id))
    officer.fill("input[name=purpose]", "Legal aid to asylum-seekers: appeal hearing")
    officer.fill("input[name=expires_on]", (today + dt.timedelta(days=30)).isoformat())
    for group in ("contact", "household", "legal_status"):  # the default scope but identity
        officer.uncheck(f"input[name=field_groups][value={group}]")
    officer.click("main form button[type=submit]")
    officer.wait_for_url(f"**/people/{person.public_id}/")
    _checked(officer, viewport)
    share = Share.objects.get()
    assert (share.agreement_record, share.organisation) == (agreement, ngo_b_org)

    page.goto(f"/agreements/{agreement.public_id}/")
    assert page.locator("table[aria-labelledby=shares-under] tbody tr").count() == 1
    _checked(page, viewport)
    if language == "kk":
        page.screenshot(path=str(tmp_path / "agreement-kk.png"), full_page=True)
        officer.goto(f"/people/{person.public_id}/shares/add/")
        officer.screenshot(path=str(tmp_path / "share-kk.png"), full_page=True)
