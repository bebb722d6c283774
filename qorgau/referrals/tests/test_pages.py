"""The referrals' pages: refer from the person page, the outbox and the inbox with their
filters, one referral with its history and the next steps as buttons that post the version."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from qorgau.referrals import errors
from qorgau.referrals.machine import ReferralState
from qorgau.referrals.models import Referral
from qorgau.referrals.services import referral_send

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="/referrals/[0-9a-f-]{36}/"')


def _form(partner, **fields):
    values = {
        "recipient": str(partner.public_id),
        "services": ["legal_aid"],
        "reason": "Needs a lawyer for the asylum appeal.",
        "urgency": "high",
        "field_groups": ["identity", "legal_status"],
        "consent": "yes",
        "consent_by": "the person",
        "consent_method": "in_person",
        "consent_on": timezone.localdate().isoformat(),
    }
    return values | fields


def test_the_person_page_offers_to_refer(login, ngo_a, person, agreement):
    page = login(ngo_a).get(reverse("people:detail", args=[person.public_id]))

    assert reverse("referrals:refer", args=[person.public_id]) in page.content.decode()


def test_it_drafts_a_referral_from_the_form_and_sends_it(login, ngo_a, person, partner, agreement):
    client = login(ngo_a)
    url = reverse("referrals:refer", args=[person.public_id])
    assert client.get(url).status_code == 200

    answer = client.post(url, _form(partner))

    referral = Referral.objects.get()
    assert answer["Location"] == reverse("referrals:detail", args=[referral.public_id])
    page = client.get(answer["Location"]).content.decode()
    assert 'name="step" value="send"' in page
    sent = client.post(
        reverse("referrals:step", args=[referral.public_id]), {"step": "send", "version": 1}
    )
    assert sent.status_code == 302
    assert Referral.objects.get().state == ReferralState.SENT


def test_the_form_names_the_field_at_fault_and_stores_nothing(
    login, ngo_a, person, partner, agreement
):
    answer = login(ngo_a).post(
        reverse("referrals:refer", args=[person.public_id]),
        _form(partner, field_groups=["identity", "specific_needs"]),
    )

    assert answer.status_code == 400
    assert "The agreement does not allow sharing this" in answer.content.decode()
    assert not Referral.objects.exists()


def test_a_stale_step_is_refused_with_a_message(login, refer, ngo_a, ngo_b):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)

    answer = login(ngo_b).post(
        reverse("referrals:step", args=[referral.public_id]), {"step": "accept", "version": 1}
    )

    assert answer.status_code == 400
    assert escape(str(errors.STALE_REFERRAL)) in answer.content.decode()
    assert Referral.objects.get().state == ReferralState.SENT


def test_the_inbox_and_outbox_list_and_filter(login, refer, ngo_a, ngo_b):
    referral_send(actor=ngo_a, referral=refer(), version=1)
    refer(services=["medical"], urgency="low")

    outbox = login(ngo_a).get(reverse("referrals:outbox")).content.decode()
    inbox = login(ngo_b).get(reverse("referrals:inbox")).content.decode()
    drafts = login(ngo_a).get(reverse("referrals:outbox"), {"state": "draft"}).content.decode()
    overdue = login(ngo_b).get(reverse("referrals:inbox"), {"overdue": "on"}).content.decode()

    assert len(LINK.findall(outbox)) == 2
    assert len(LINK.findall(inbox)) == 1  # never the draft
    assert len(LINK.findall(drafts)) == 1
    assert "No referral matches these filters." in overdue


def test_the_receiver_sees_the_answer_buttons_only(login, refer, ngo_a, ngo_b):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)

    receiver = login(ngo_b).get(reverse("referrals:detail", args=[referral.public_id]))
    sender = login(ngo_a).get(reverse("referrals:detail", args=[referral.public_id]))

    assert 'value="accept"' in receiver.content.decode()
    assert 'value="withdraw"' not in receiver.content.decode()
    assert 'value="accept"' not in sender.content.decode()
    assert 'value="withdraw"' in sender.content.decode()


def test_the_box_lists_cost_the_same_queries_for_more_rows(login, refer, ngo_a, list_queries):
    client = login(ngo_a)
    refer()

    few, many = list_queries(
        client, reverse("referrals:outbox"), grow=lambda: [refer() for _ in range(5)]
    )

    assert few == many


def test_the_outbox_counts_every_referral_by_state_and_overdue(login, refer, ngo_a, ngo_b):
    late = referral_send(actor=ngo_a, referral=refer(), version=1)
    Referral.objects.filter(pk=late.pk).update(answer_due=timezone.now() - dt.timedelta(days=1))
    referral_send(actor=ngo_a, referral=refer(services=["medical"]), version=1)
    refer(urgency="low")

    # The counts cover the whole box, whatever the filter narrows the list to.
    outbox = login(ngo_a).get(reverse("referrals:outbox"), {"state": "draft"}).content.decode()
    inbox = login(ngo_b).get(reverse("referrals:inbox")).content.decode()

    assert 'href="?state=draft">Draft: <strong>1</strong>' in outbox
    assert 'href="?state=sent">Sent: <strong>2</strong>' in outbox
    assert 'href="?overdue=on">Answer overdue: <strong>1</strong>' in outbox
    assert 'href="?state=sent">Sent: <strong>2</strong>' in inbox
    assert "?state=draft" not in inbox  # the receiver never counts the sender's drafts


def test_the_outbox_counts_nothing_of_another_organisation(login, refer, ngo_a, ngo_b):
    referral_send(actor=ngo_a, referral=refer(), version=1)

    outbox = login(ngo_b).get(reverse("referrals:outbox")).content.decode()

    assert "Referrals by state" not in outbox
