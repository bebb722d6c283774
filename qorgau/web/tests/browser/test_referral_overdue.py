"""An unanswered referral in the browser: after the reminders job, NGO B's caseworker finds it
on "My reminders" and opens it; NGO A's protection officer sees it counted as overdue in the
outbox, follows the count, and reads the month's figures. In English on a desk, in Kazakh and
Russian on a phone; axe-core clean on every page visited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input
from qorgau.referrals.checks import ConsentInput
from qorgau.referrals.models import Referral
from qorgau.referrals.services import referral_create, referral_send
from qorgau.reminders.services import reminders_refresh
from qorgau.web.tests.browser.pages import DESK, PHONE, axe_serious, scrolls_sideways
from qorgau.web.tests.browser.referral_world import legal_aid_partnership

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _checked(page: Any) -> None:
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)


@pytest.mark.parametrize(("language", "viewport"), [("en", DESK), ("kk", PHONE), ("ru", PHONE)])
def test_an_overdue_referral_reminds_the_partner_and_shows_in_the_senders_outbox(
    open_page: Any,
    ngo_a: User,
    ngo_b: User,
    ngo_a_org: Organisation,
    ngo_b_org: Organisation,
    language: str,
    viewport: dict[str, int],
) -> None:
    today = timezone.localdate()
    agreement = legal_aid_partnership(
        ngo_a_org, ngo_b_org, reference="DSA-A-B", field_groups=["identity"]
    )
    officer = user_make("ngo-a-officer", ngo_a_org, Role.PROTECTION_OFFICER)
    person = person_create(actor=ngo_a, organisation=ngo_a_org, data=person_input())
    referral = referral_create(
        actor=ngo_a, person=person, recipient=ngo_b_org, services=["legal_aid"],
        reason="Needs a lawyer", urgency="high", field_groups=["identity"], agreement=agreement,
        consent=ConsentInput(given=True, given_by="the person", method="in_person",
                             given_on=today),
    )  # fmt: skip
    referral_send(actor=ngo_a, referral=referral, version=1)
    Referral.objects.filter(pk=referral.pk).update(
        answer_due=timezone.now() - dt.timedelta(hours=2)
    )
    reminders_refresh(today=today)

    partner = open_page(ngo_b, language=language, viewport=viewport)
    partner.goto("/reminders/")
    _checked(partner)
    partner.click(f"a[href='/referrals/{referral.public_id}/']")
    partner.wait_for_selector("form.step")
    _checked(partner)

    sender = open_page(officer, language=language, viewport=viewport)
    sender.goto("/referrals/sent/")
    _checked(sender)
    sender.click("nav.box-summary li.overdue a")
    sender.wait_for_url("**/referrals/sent/?overdue=on")
    assert sender.locator(f"a[href='/referrals/{referral.public_id}/']").count() == 1
    sender.click("a[href='/referrals/figures/']")
    sender.wait_for_selector("table tbody tr")
    _checked(sender)
    assert sender.locator("table tbody tr").count() == 1
