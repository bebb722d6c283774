"""A referral's whole life between two organisations: each step one service, audited with its
actor and organisation, versioned, emailed to the other side after commit (a link only)."""

import pytest
from django.core import mail
from django.utils import timezone

from qorgau.audit.models import SecurityEvent
from qorgau.errors import Invalid, NotAllowed, StaleVersion
from qorgau.people.models import Share
from qorgau.referrals import errors
from qorgau.referrals.machine import ReferralState
from qorgau.referrals.models import Referral
from qorgau.referrals.services import (
    referral_accept,
    referral_acknowledge,
    referral_close,
    referral_complete,
    referral_decline,
    referral_rerefer,
    referral_send,
    referral_start,
    referral_withdraw,
)

from .conftest import consent_given

pytestmark = pytest.mark.django_db


def test_it_takes_a_referral_from_draft_to_closed(
    refer, ngo_a, ngo_b, ngo_a_org, partner, django_capture_on_commit_callbacks
):
    referral = refer()
    assert referral.state == ReferralState.DRAFT
    assert referral.version == 1

    with django_capture_on_commit_callbacks(execute=True):
        referral = referral_send(actor=ngo_a, referral=referral, version=1)
    assert referral.answer_due is not None
    assert referral.share is not None
    referral = referral_acknowledge(actor=ngo_b, referral=referral, version=2)
    referral = referral_accept(actor=ngo_b, referral=referral, version=3)
    referral = referral_start(actor=ngo_b, referral=referral, version=4)
    referral = referral_complete(
        actor=ngo_b, referral=referral, version=5, outcome="Appeal lodged",
        outcome_on=timezone.localdate(),
    )  # fmt: skip
    referral = referral_close(actor=ngo_a, referral=referral, version=6)

    stored = Referral.objects.get(pk=referral.pk)
    assert (stored.state, stored.version) == (ReferralState.CLOSED, 7)
    steps = [(e.step, e.organisation, e.actor) for e in stored.events.all()]
    assert steps == [
        ("create", ngo_a_org, ngo_a), ("send", ngo_a_org, ngo_a),
        ("acknowledge", partner, ngo_b), ("accept", partner, ngo_b),
        ("start_service", partner, ngo_b), ("complete", partner, ngo_b),
        ("close", ngo_a_org, ngo_a),
    ]  # fmt: skip
    assert stored.history.latest().history_user == ngo_a
    audited = SecurityEvent.objects.filter(event="referral_step", object_id=stored.public_id)
    assert [e.detail["organisation"] for e in audited.order_by("id")] == [
        "ngo-a", "ngo-b", "ngo-b", "ngo-b", "ngo-b", "ngo-a",
    ]  # fmt: skip
    assert Share.objects.get(pk=stored.share_id).revoked_at is not None


def test_it_emails_the_other_side_a_link_only(
    refer, ngo_a, ngo_b, django_capture_on_commit_callbacks
):
    ngo_a.email = "caseworker@ngo-a.example.org"
    ngo_a.save()
    referral = refer(reason="Сейтқазиев needs a lawyer")
    with django_capture_on_commit_callbacks(execute=True):
        referral = referral_send(actor=ngo_a, referral=referral, version=1)
    with django_capture_on_commit_callbacks(execute=True):
        referral_accept(actor=ngo_b, referral=referral, version=2)

    assert [m.to for m in mail.outbox] == [["desk@ngo.example.org"], [ngo_a.email]]
    for message in mail.outbox:
        assert f"/referrals/{referral.public_id}/" in message.body
        assert "Сейтқазиев" not in message.body + message.subject
        assert "lawyer" not in message.body


def test_it_sends_no_email_when_the_step_is_refused(refer, ngo_a, ngo_b):
    referral = refer()
    with pytest.raises(Invalid):
        referral_accept(actor=ngo_b, referral=referral, version=1)
    assert mail.outbox == []


def test_it_refuses_a_step_out_of_order(refer, ngo_a, ngo_b):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)

    with pytest.raises(Invalid) as refused:
        referral_start(actor=ngo_b, referral=referral, version=2)

    assert refused.value.field == "step"
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.SENT


def test_it_refuses_a_stale_version(refer, ngo_a, ngo_b):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)

    with pytest.raises(StaleVersion) as refused:
        referral_accept(actor=ngo_b, referral=referral, version=1)

    assert refused.value.current_version == 2
    assert refused.value.message == errors.STALE_REFERRAL
    assert Referral.objects.get(pk=referral.pk).state == ReferralState.SENT


def test_it_lets_only_the_receiver_answer(refer, ngo_a):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)

    with pytest.raises(NotAllowed) as refused:
        referral_accept(actor=ngo_a, referral=referral, version=2)

    assert refused.value.message == errors.RECEIVER_ONLY


@pytest.mark.parametrize("persona", ["liaison", "clerk_kgz", "anonymous_org"])
def test_it_refuses_a_step_by_anyone_not_a_party(request, refer, ngo_a, persona, liaison):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)
    if persona == "clerk_kgz":
        from qorgau.organisations.tests.personas import persona_organisation, persona_user

        actor = persona_user("kgz", persona_organisation("agency_kgz"))
    elif persona == "anonymous_org":
        actor = request.getfixturevalue("ngo_a_admin")
        actor.memberships.all().delete()
        actor.__dict__.pop("_qorgau_memberships", None)
    else:
        actor = liaison

    with pytest.raises(NotAllowed):
        referral_accept(actor=actor, referral=referral, version=2)

    assert Referral.objects.get(pk=referral.pk).version == 2


def test_it_stops_the_receivers_reads_when_withdrawn_or_declined(refer, ngo_a, ngo_b):
    first = referral_send(actor=ngo_a, referral=refer(), version=1)
    second = referral_send(actor=ngo_a, referral=refer(services=["medical"]), version=1)

    referral_withdraw(actor=ngo_a, referral=first, version=2, reason="Served elsewhere")
    referral_decline(actor=ngo_b, referral=second, version=2, reason="No lawyer free")

    assert not Share.objects.filter(revoked_at__isnull=True).exists()


def test_it_needs_a_reason_to_decline(refer, ngo_a, ngo_b):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)

    with pytest.raises(Invalid) as refused:
        referral_decline(actor=ngo_b, referral=referral, version=2, reason=" ")

    assert refused.value.field == "reason"


def test_it_rerefers_keeping_the_history(
    refer, ngo_a, ngo_b, ngo_a_admin, ngo_a_org, ngo_c_partner
):
    declined = referral_decline(
        actor=ngo_b, referral=referral_send(actor=ngo_a, referral=refer(), version=1),
        version=2, reason="No lawyer free",
    )  # fmt: skip

    new = referral_rerefer(
        actor=ngo_a, referral=declined, version=3, recipient=ngo_c_partner,
        services=["legal_aid"], consent=consent_given(),
    )  # fmt: skip

    assert new.previous == declined
    assert new.state == ReferralState.DRAFT
    assert Referral.objects.get(pk=declined.pk).state == ReferralState.CLOSED
    assert new.reason == declined.reason


def test_it_leaves_the_old_referral_as_it_was_when_the_new_one_is_refused(
    refer, ngo_a, ngo_b, ngo_c_partner
):
    declined = referral_decline(
        actor=ngo_b, referral=referral_send(actor=ngo_a, referral=refer(), version=1),
        version=2, reason="No lawyer free",
    )  # fmt: skip

    with pytest.raises(Exception, match="consent"):
        referral_rerefer(
            actor=ngo_a, referral=declined, version=3, recipient=ngo_c_partner,
            services=["legal_aid"], consent=None,
        )  # fmt: skip

    assert Referral.objects.get(pk=declined.pk).state == ReferralState.DECLINED
    assert Referral.objects.count() == 1
