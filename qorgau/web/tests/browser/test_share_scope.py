"""Sharing with a field scope in the browser: a protection officer shares a person with an NGO,
choosing the groups of fields (documents added, contact left out), and finds the scope in the
person page's list of shares; in three languages and on a phone (issue 14, ADR 0038)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_user
from qorgau.people.fields import FieldGroup
from qorgau.people.models import Person, Share
from qorgau.people.tests.factories import agreement_for_share
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", DESK), ("ru", DESK), ("kk", DESK), ("kk", PHONE)],
    ids=["en", "ru", "kk", "kk-phone"],
)
def test_an_officer_shares_a_person_with_a_chosen_scope(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    ngo_b_org: Organisation,
    make_person: Callable[..., Person],
    language: str,
    viewport: dict[str, int],
) -> None:
    officer = persona_user("officer", agency)
    person = make_person(clerk, agency)
    agreement = agreement_for_share(officer, agency, ngo_b_org, dt.date.today())
    page = open_page(officer, language=language, viewport=viewport)

    page.goto(f"/people/{person.public_id}/shares/add/")
    assert page.locator("input[name=field_groups][value=contact]").is_checked()
    assert axe_serious(page) == []
    if viewport == PHONE:
        assert not scrolls_sideways(page)
    page.select_option("select[name=agreement]", str(agreement.public_id))
    page.fill("input[name=purpose]", "Legal counselling")
    expires = dt.date.today() + dt.timedelta(days=30)
    page.fill("input[name=expires_on]", expires.isoformat())
    page.uncheck("input[name=field_groups][value=contact]")
    page.check("input[name=field_groups][value=documents]")
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(f"**/people/{person.public_id}/")
    share = Share.objects.get()
    assert share.field_groups == ["documents", "household", "identity", "legal_status"]
    with translation.override(language):
        documents = str(FieldGroup.DOCUMENTS.label)
    assert documents in page.locator("table[aria-labelledby=shares]").inner_text()
    assert axe_serious(page) == []
    if viewport == PHONE:
        assert not scrolls_sideways(page)
