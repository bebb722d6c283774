"""The protection officer ends another organisation's access to a case from the case page
(the grant is addressed by its opaque id), then finds the case listed on the person's page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.procedures.models import CaseAccess
from qorgau.procedures.services import case_access_grant, case_open
from qorgau.procedures.tests.factories import START
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "en": {"revoked": "Access revoked.", "mark": "Revoked"},
    "ru": {"revoked": "Доступ отозван.", "mark": "Отозвано"},
    "kk": {"revoked": "Қолжетімділік қайтарылды.", "mark": "Кері қайтарылды"},
}


@pytest.fixture
def grant(agency: Organisation, ngo_a_org: Organisation, clerk: User, make_person: Any) -> Any:
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    person = make_person(clerk, agency, given_name="Дана")
    case = case_open(
        actor=officer, organisation=agency, procedure="asylum", person=person, opened_on=START
    )
    grant = case_access_grant(
        actor=officer, case=case, organisation=ngo_a_org, can_act=False, purpose="Legal aid"
    )
    return officer, grant


def _revoke(page: Any, grant: CaseAccess, language: str) -> None:
    case_url = reverse("procedures:detail", kwargs={"public_id": grant.case.public_id})
    page.goto(case_url)
    assert axe_serious(page) == []
    revoke = reverse(
        "procedures:access-revoke",
        kwargs={"public_id": grant.case.public_id, "grant_id": grant.public_id},
    )
    page.click(f"main form[action='{revoke}'] button[type=submit]")
    page.wait_for_url(f"**{case_url}")
    main = page.inner_text("main")
    assert WORDS[language]["revoked"] in page.inner_text("body")
    assert WORDS[language]["mark"] in main
    assert axe_serious(page) == []
    grant.refresh_from_db()
    assert grant.revoked_at is not None


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_an_officer_revokes_an_organisations_access_to_a_case(
    open_page: Any, grant: Any, language: str
) -> None:
    officer, access = grant
    page = open_page(officer, language)

    _revoke(page, access, language)

    page.goto(reverse("people:detail", kwargs={"public_id": access.case.person.public_id}))
    case_url = reverse("procedures:detail", kwargs={"public_id": access.case.public_id})
    assert page.locator(f"main a[href='{case_url}']").count() == 1
    assert axe_serious(page) == []


def test_the_access_is_revoked_on_a_phone(open_page: Any, grant: Any) -> None:
    officer, access = grant
    page = open_page(officer, "kk", PHONE)

    _revoke(page, access, "kk")
    assert not scrolls_sideways(page)

    page.goto(reverse("people:detail", kwargs={"public_id": access.case.person.public_id}))
    assert not scrolls_sideways(page)
    assert axe_serious(page) == []
