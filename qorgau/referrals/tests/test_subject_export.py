"""The data-subject export's "referrals" section (qorgau/rights): each referral of the person
with its services, consent and steps, in JSON and in the PDF's sections."""

import pytest

from qorgau.referrals.services import referral_accept, referral_send
from qorgau.rights.export import SECTIONS, person_record

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_persons_referrals(refer, ngo_a, ngo_b, person):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)
    referral_accept(actor=ngo_b, referral=referral, version=2)

    [exported] = person_record(person, user=ngo_a)["referrals"]

    assert "referrals" in SECTIONS
    assert exported["public_id"] == str(referral.public_id)
    assert exported["services"] == ["legal_aid"]
    assert exported["state"] == "accepted"
    assert exported["consent"]["given"] is True
    assert [s["step"] for s in exported["steps"]] == ["create", "send", "accept"]
