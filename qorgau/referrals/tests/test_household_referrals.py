"""Referring a household from its page: the household page's referrals section (registered by
referrals through ``people.page.household_page_section_register``, so that people imports
nothing above it) lists the household's referrals the reader may see and offers "refer the
household" to a user who may change it; the form drafts a referral of the household. Another
organisation and a view-only share holder get 404 and store nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.partners.models import Agreement
from qorgau.people.models import Household, Relationship
from qorgau.people.page import household_page_sections
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.referrals import errors
from qorgau.referrals.models import Referral
from qorgau.referrals.selectors import RecordReferrals, household_referrals_section
from qorgau.referrals.services import referral_create, referral_send

from .conftest import consent_given

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(ngo_a: User, ngo_a_org: Organisation) -> Household:
    return household_register(
        actor=ngo_a, organisation=ngo_a_org,
        members=[MemberInput(person_input(), Relationship.PRINCIPAL),
                 MemberInput(person_input(given_name="Нұрлан"), Relationship.SON)],
    )  # fmt: skip


def _form(partner: Organisation, **fields: Any) -> dict[str, Any]:
    values = {
        "recipient": str(partner.public_id),
        "services": ["legal_aid"],
        "reason": "The family needs a lawyer for the asylum appeal.",
        "urgency": "medium",
        "field_groups": ["identity"],
        "consent": "yes",
        "consent_by": "the principal applicant",
        "consent_method": "in_person",
        "consent_on": timezone.localdate().isoformat(),
    }
    return values | fields


def _page(household: Household) -> str:
    return reverse("people:household", args=[household.public_id])


def _refer(household: Household) -> str:
    return reverse("referrals:refer-household", args=[household.public_id])


def test_the_household_page_offers_to_refer_and_lists_its_referrals(
    login, ngo_a, household, partner, agreement
):
    referral = referral_create(
        actor=ngo_a, household=household, recipient=partner, services=["legal_aid"],
        reason="Lawyer", urgency="low", field_groups=["identity"], consent=consent_given(),
    )  # fmt: skip

    page = login(ngo_a).get(_page(household)).content.decode()

    assert _refer(household) in page
    assert reverse("referrals:detail", args=[referral.public_id]) in page


def test_it_drafts_a_referral_of_the_household_from_its_page(
    login, ngo_a, household, partner, agreement
):
    client = login(ngo_a)
    assert client.get(_refer(household)).status_code == 200

    answer = client.post(_refer(household), _form(partner))

    referral = Referral.objects.get()
    assert answer["Location"] == reverse("referrals:detail", args=[referral.public_id])
    assert (referral.household, referral.person, referral.agreement) == (household, None, agreement)
    assert referral.history.first().history_user == ngo_a


def test_the_form_names_the_field_at_fault_and_stores_nothing(
    login, ngo_a, household, partner, agreement
):
    answer = login(ngo_a).post(
        _refer(household), _form(partner, field_groups=["identity", "specific_needs"])
    )

    assert answer.status_code == 400
    assert str(errors.GROUP_OUTSIDE_AGREEMENT).split(":")[0] in answer.content.decode()
    assert not Referral.objects.exists()


def test_another_organisation_gets_404_and_stores_nothing(
    login, ngo_b, household, partner, agreement
):
    client = login(ngo_b)

    answers = (
        client.get(_page(household)).status_code,
        client.get(_refer(household)).status_code,
        client.post(_refer(household), _form(partner)).status_code,
    )

    assert answers == (404, 404, 404)
    assert not Referral.objects.exists()


def test_a_view_only_share_never_refers_the_household(
    login, ngo_a, ngo_a_officer, ngo_b, ngo_b_org, household, partner, agreement
):
    share_grant_agreed(
        actor=ngo_a_officer, recipient=ngo_b_org, household=household, purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30), field_groups=["identity"],
    )  # fmt: skip
    referral = referral_create(
        actor=ngo_a, household=household, recipient=partner, services=["legal_aid"],
        reason="Lawyer", urgency="low", field_groups=["identity"], consent=consent_given(),
    )  # fmt: skip
    referral = referral_send(actor=ngo_a, referral=referral, version=1)
    client = login(ngo_b)

    answers = (
        client.get(_page(household)).status_code,
        client.get(_refer(household)).status_code,
        client.post(_refer(household), _form(partner)).status_code,
    )

    assert answers == (404, 404, 404)
    assert Referral.objects.count() == 1
    # NGO B reads the referral sent to it, but a share never offers "refer".
    assert household_referrals_section(ngo_b, household, "en") == RecordReferrals(
        referrals=[referral], can_refer=False
    )


def test_the_section_is_registered_without_people_importing_referrals(ngo_a, household, agreement):
    sections = household_page_sections(ngo_a, household)

    assert sections["referrals"].can_refer
    assert sections["referrals"].referrals == []


def test_the_section_is_none_for_a_reader_with_nothing_to_see_or_offer(ngo_b, household):
    assert household_referrals_section(ngo_b, household, "en") is None


def test_the_section_does_not_grow_its_queries_with_its_rows(
    ngo_a, household, partner, agreement: Agreement
):
    def add() -> None:
        referral_create(
            actor=ngo_a, household=household, recipient=partner, services=["legal_aid"],
            reason="Lawyer", urgency="low", field_groups=["identity"], consent=consent_given(),
        )  # fmt: skip

    add()
    with CaptureQueriesContext(connection) as one:
        household_referrals_section(ngo_a, household, "en")
    for _ in range(5):
        add()
    with CaptureQueriesContext(connection) as six:
        section = household_referrals_section(ngo_a, household, "en")

    assert section is not None
    assert len(section.referrals) == 6
    assert len(six) == len(one)
