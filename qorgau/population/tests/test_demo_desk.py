"""The demo's referrals and hotline tickets (``population/desk.py``): made once, through the
services, at the stages the seed names, visible to the sides they belong to, and no email."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from qorgau.hotline.models import State as TicketState
from qorgau.hotline.models import Ticket
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Role
from qorgau.population.desk import REFERRALS, TICKETS, hotline_demo_seed, referrals_demo_seed
from qorgau.population.organisations import demo_username, demo_users_seed, organisations_seed
from qorgau.population.partners import partner_agreements_seed, partner_profiles_seed
from qorgau.referrals.access import visible_referrals
from qorgau.referrals.machine import ReferralState as State
from qorgau.referrals.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_person: Any) -> dict[str, Any]:
    organisations = organisations_seed()
    demo_users_seed(organisations)
    partner_profiles_seed(organisations)
    partner_agreements_seed(organisations, timezone.localdate())
    agency = organisations["unhcr-kaz"]
    clerk = User.objects.get(username=demo_username(agency, Role.REGISTRATION_CLERK))
    for n in range(len(REFERRALS)):
        make_person(clerk, agency, given_name=f"Демо{'а' * n}", date_of_birth="1980-05-01")
    return organisations


@pytest.mark.django_db(transaction=True)
def test_it_makes_the_referrals_once_at_their_stages_without_email(world):
    # A real commit, after which the steps' emails would be sent.
    made = referrals_demo_seed(world)

    assert made == len(REFERRALS) == Referral.objects.count()
    assert referrals_demo_seed(world) == 0
    assert Referral.objects.count() == made
    states = set(Referral.objects.values_list("state", flat=True))
    assert {State.DRAFT, State.SENT, State.DECLINED, State.COMPLETED} <= states
    assert mail.outbox == []


def test_a_partner_sees_the_referrals_sent_to_it_and_no_other(world):
    referrals_demo_seed(world)

    caseworker = User.objects.get(username=demo_username(world["kibhr"], Role.PARTNER_CASEWORKER))
    seen = visible_referrals(caseworker)
    assert seen.exists()
    assert set(seen.values_list("recipient__code", flat=True)) == {"kibhr"}
    # A draft is the sender's own until it is sent.
    assert not seen.filter(state=State.DRAFT).exists()


def test_it_fills_the_hotline_desk_once_in_the_help_sites_languages(world):
    made = hotline_demo_seed(world)

    assert made == len(TICKETS) == Ticket.objects.count()
    assert hotline_demo_seed(world) == 0
    assert set(Ticket.objects.values_list("language", flat=True)) == {"kk", "ru", "en", "fa", "uk"}
    assert {TicketState.NEW, TicketState.ANSWERED, TicketState.CLOSED} <= set(
        Ticket.objects.values_list("state", flat=True)
    )
