"""A referral in the browser: NGO A's caseworker refers a person from the person page and
sends the referral; NGO B's caseworker finds it in the inbox and accepts it. In English on a
desk, in Kazakh and Russian on a phone; axe-core clean on every page visited."""

from __future__ import annotations

from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input
from qorgau.referrals.machine import ReferralState
from qorgau.referrals.models import Referral
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways
from qorgau.web.tests.browser.referral_world import legal_aid_partnership

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _checked(page: Any) -> None:
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)


@pytest.mark.parametrize(("language", "viewport"), [("en", DESK), ("kk", PHONE), ("ru", PHONE)])
def test_a_caseworker_refers_and_the_partner_accepts(
    open_page: Any,
    ngo_a: User,
    ngo_b: User,
    ngo_a_org: Organisation,
    ngo_b_org: Organisation,
    language: str,
    viewport: dict[str, int],
) -> None:
    legal_aid_partnership(
        ngo_a_org, ngo_b_org, reference="DSA-A-B", field_groups=["identity", "legal_status"]
    )
    person = person_create(actor=ngo_a, organisation=ngo_a_org, data=person_input())

    page = open_page(ngo_a, language=language, viewport=viewport)
    page.goto(f"/people/{person.public_id}/")
    page.click(f"a[href='/referrals/refer/{person.public_id}/']")
    _checked(page)
    page.select_option("#id_recipient", str(ngo_b_org.public_id))
    page.check("input[name=services][value=legal_aid]")
    page.fill("#id_reason", "Needs a lawyer for the asylum appeal.")
    page.select_option("#id_urgency", "high")
    page.check("input[name=field_groups][value=identity]")
    page.check("input[name=consent][value=yes]")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/referrals/*-*/")
    _checked(page)
    page.click("form.step:has(input[name=step][value=send]) button")
    page.wait_for_selector("ul.messages")
    referral = Referral.objects.get()
    assert referral.state == ReferralState.SENT

    partner = open_page(ngo_b, language=language, viewport=viewport)
    partner.goto("/referrals/received/")
    _checked(partner)
    partner.click(f"a[href='/referrals/{referral.public_id}/']")
    _checked(partner)
    partner.click("form.step:has(input[name=step][value=accept]) button")
    partner.wait_for_selector("ul.messages")
    _checked(partner)
    assert Referral.objects.get().state == ReferralState.ACCEPTED
