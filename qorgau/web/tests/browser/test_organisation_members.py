"""An organisation's administrator adds a user, changes the user's role and revokes it, in
each language (Kazakh on a phone), with no serious accessibility problem on the way."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "en": {"menu": "Organisations", "added": "was added", "changed": "The role was changed."},
    "kk": {"menu": "Ұйымдар", "added": "қосылды", "changed": "Рөл өзгертілді."},
    "ru": {"menu": "Организации", "added": "добавлен", "changed": "Роль изменена."},
}


@pytest.mark.parametrize(("language", "viewport"), [("en", DESK), ("kk", PHONE), ("ru", DESK)])
def test_an_administrator_adds_a_user_changes_the_role_and_revokes_it(
    open_page: Any, ngo_a_org: Organisation, language: str, viewport: dict[str, int]
) -> None:
    admin = user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)
    words = WORDS[language]
    page = open_page(admin, language=language, viewport=viewport)

    page.goto("/")
    if viewport is PHONE:
        page.click("button.menu-toggle")
    page.click(f"header nav a:has-text('{words['menu']}')")
    page.click(f"main a:has-text('{ngo_a_org.name}')")
    page.wait_for_url(f"**/organisations/{ngo_a_org.public_id}/")
    assert axe_serious(page) == []

    page.fill("#id_username", "field-worker")
    page.fill("#id_first_name", "Dana")
    page.fill("#id_last_name", "Testova")
    page.fill("#id_password", "Kokpar-Meadow-7319")
    page.select_option("#id_role", Role.PARTNER_CASEWORKER)
    page.click("form.narrow button[type=submit]")
    page.get_by_text(words["added"]).wait_for()
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)

    row = page.locator("main table tr", has_text="field-worker")
    row.locator("ul.roles select").select_option(Role.REGISTRATION_CLERK)
    row.locator("ul.roles li form").nth(0).locator("button").click()
    page.get_by_text(words["changed"]).wait_for()
    user = User.objects.get(username="field-worker")
    assert user.memberships.get().role == Role.REGISTRATION_CLERK

    row = page.locator("main table tr", has_text="field-worker")
    row.locator("ul.roles li form").nth(1).locator("button").click()
    page.locator("main table tr", has_text="field-worker").wait_for(state="detached")
    assert axe_serious(page) == []

    assert not Membership.objects.filter(user=user).exists()
    assert list(SecurityEvent.objects.exclude(event="login").order_by("at", "id").values_list("event", flat=True)) == [
        "organisation_user_created", "membership_granted", "membership_role_changed",
        "membership_revoked",
    ]  # fmt: skip
