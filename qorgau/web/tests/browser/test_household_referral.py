"""A household referral in the browser: NGO A's caseworker opens the household page, follows
"Refer the household to a partner" in its referrals section, drafts and sends the referral,
and finds it listed on the household page. In English on a desk and in Russian on a phone
(375 px); axe-core clean on every page visited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Relationship, Sex
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input
from qorgau.referrals.machine import ReferralState
from qorgau.referrals.models import Referral
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways
from qorgau.web.tests.browser.referral_world import legal_aid_partnership

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _checked(page: Any) -> None:
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)


@pytest.mark.parametrize(("language", "viewport"), [("en", DESK), ("ru", PHONE)])
def test_a_caseworker_refers_a_household_from_its_page(
    open_page: Any,
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b_org: Organisation,
    language: str,
    viewport: dict[str, int],
) -> None:
    legal_aid_partnership(
        ngo_a_org, ngo_b_org, reference="DSA-A-B-H", field_groups=["identity", "household"]
    )
    household = household_register(
        actor=ngo_a, organisation=ngo_a_org,
        members=[MemberInput(person_input(), Relationship.PRINCIPAL),
                 MemberInput(person_input(given_name="Айгүл", patronymic="Маратқызы",
                                          sex=Sex.FEMALE), Relationship.WIFE)],
    )  # fmt: skip

    page = open_page(ngo_a, language=language, viewport=viewport)
    page.goto(reverse("people:household", args=[household.public_id]))
    _checked(page)
    page.click(f"a[href='{reverse('referrals:refer-household', args=[household.public_id])}']")
    _checked(page)
    page.select_option("#id_recipient", str(ngo_b_org.public_id))
    page.check("input[name=services][value=legal_aid]")
    page.fill("#id_reason", "The family needs a lawyer for the asylum appeal.")
    page.check("input[name=field_groups][value=identity]")
    page.check("input[name=field_groups][value=household]")
    page.check("input[name=consent][value=yes]")
    page.fill("#id_consent_by", "the principal applicant")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/referrals/*-*/")
    _checked(page)
    page.click("form.step:has(input[name=step][value=send]) button")
    page.wait_for_selector("ul.messages")
    referral = Referral.objects.get()
    assert referral.household_id == household.pk
    assert referral.person_id is None
    assert referral.state == ReferralState.SENT

    page.goto(reverse("people:household", args=[household.public_id]))
    _checked(page)
    assert page.locator(f"a[href='/referrals/{referral.public_id}/']").count() == 1
