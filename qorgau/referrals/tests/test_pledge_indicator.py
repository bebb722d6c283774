"""The access-to-services pledge's indicator (pledges/indicators.py) counts referrals by service
and by where each stood on the date, from the referrals' own history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from qorgau.pledges.indicators import service_referrals
from qorgau.referrals.models import ReferralEvent
from qorgau.referrals.services import (
    referral_accept,
    referral_acknowledge,
    referral_decline,
    referral_send,
)

pytestmark = pytest.mark.django_db


def test_it_counts_referrals_by_service_and_their_state_on_the_date(refer, ngo_a, ngo_b):
    today = timezone.localdate()
    accepted = referral_send(actor=ngo_a, referral=refer(), version=1)
    accepted = referral_acknowledge(actor=ngo_b, referral=accepted, version=2)
    accepted = referral_accept(actor=ngo_b, referral=accepted, version=3)
    declined = referral_send(
        actor=ngo_a, referral=refer(services=["legal_aid", "medical"]), version=1
    )
    referral_decline(actor=ngo_b, referral=declined, version=2, reason="No lawyer free.")
    refer()  # a draft, never sent: not counted
    since = today - dt.timedelta(days=30)

    assert service_referrals(country="KAZ", since=since, as_of=today) == {
        "legal_aid/accepted": 1,
        "legal_aid/declined": 1,
        "medical/declined": 1,
    }
    assert service_referrals(country="KGZ", since=since, as_of=today) == {}
    assert service_referrals(country="KAZ", since=since, as_of=today - dt.timedelta(days=1)) == {}

    # The acceptance moved to tomorrow: today the referral still stood acknowledged.
    tomorrow = timezone.now() + dt.timedelta(days=1)
    ReferralEvent.objects.filter(referral=accepted, step="accept").update(at=tomorrow)
    assert service_referrals(country="KAZ", since=since, as_of=today)["legal_aid/acknowledged"] == 1
