"""``/api/v1/referrals/``: list (both boxes or one, filtered), read with the history, create
a draft, take a step; the same gates and refusals as the pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from qorgau.referrals.machine import ReferralState
from qorgau.referrals.models import Referral
from qorgau.referrals.services import referral_send

pytestmark = pytest.mark.django_db


def _body(person, **fields):
    values = {
        "person": str(person.public_id),
        "recipient": "ngo-b",
        "services": ["legal_aid"],
        "reason": "Needs a lawyer.",
        "urgency": "medium",
        "field_groups": ["identity"],
        "consent": {
            "given": True,
            "given_by": "the person",
            "method": "phone",
            "given_on": timezone.localdate().isoformat(),
        },
    }
    return values | fields


def test_it_creates_sends_and_accepts_through_the_api(login, ngo_a, ngo_b, person, agreement):
    sender = login(ngo_a)
    created = sender.post(reverse("referral-list"), _body(person), content_type="application/json")
    assert created.status_code == 201, created.content
    referral = created.json()
    url = reverse("referral-transition", args=[referral["id"]])

    sent = sender.post(url, {"step": "send", "version": 1}, content_type="application/json")
    accepted = login(ngo_b).post(
        url, {"step": "accept", "version": 2}, content_type="application/json"
    )

    assert sent.status_code == 200, sent.content
    assert accepted.status_code == 200, accepted.content
    detail = login(ngo_b).get(reverse("referral-detail", args=[referral["id"]])).json()
    assert detail["state"] == ReferralState.ACCEPTED
    assert [e["step"] for e in detail["events"]] == ["create", "send", "accept"]


def test_it_answers_each_refusal_with_the_field(login, ngo_a, person, agreement):
    answer = login(ngo_a).post(
        reverse("referral-list"), _body(person, consent=None), content_type="application/json"
    )

    assert answer.status_code == 400
    assert "consent" in answer.content.decode()
    assert not Referral.objects.exists()


def test_it_refuses_a_stale_version_with_409(login, refer, ngo_a, ngo_b):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)

    answer = login(ngo_b).post(
        reverse("referral-transition", args=[referral.public_id]),
        {"step": "accept", "version": 1},
        content_type="application/json",
    )

    assert answer.status_code == 409
    assert answer.json()["current_version"] == 2


def test_it_lists_the_inbox_without_drafts(login, refer, ngo_a, ngo_b):
    referral_send(actor=ngo_a, referral=refer(), version=1)
    refer()

    inbox = login(ngo_b).get(reverse("referral-list"), {"box": "inbox"}).json()
    outbox = login(ngo_a).get(reverse("referral-list")).json()

    assert inbox["count"] == 1
    assert outbox["count"] == 2


def test_the_schema_has_the_referrals(login, ngo_a):
    schema = login(ngo_a).get(reverse("schema")).content.decode()

    assert "/api/v1/referrals/{id}/transition/" in schema
