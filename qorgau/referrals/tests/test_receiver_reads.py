"""What the receiving partner reads of the person (issue 17): nothing while the referral is a
draft; once sent, exactly the referral's field groups, through the one scope path of
``people/access.py`` and ``people/fields.py`` (the share the referral makes); nothing again
once it is withdrawn, declined or closed. Pages and API alike."""

import pytest
from django.urls import reverse

from qorgau.organisations.permissions import Perm
from qorgau.organisations.tests.personas import persona_organisation, persona_user
from qorgau.people.access import visible_persons
from qorgau.people.fields import FieldGroup, field_policy
from qorgau.referrals.services import (
    referral_accept,
    referral_close,
    referral_decline,
    referral_send,
    referral_withdraw,
)

pytestmark = pytest.mark.django_db

PHONE = "+77012345678"


@pytest.fixture
def person(ngo_a, ngo_a_org, make_person):
    return make_person(ngo_a, ngo_a_org, phones=[PHONE], address="Abay avenue 10, flat 3")


def test_a_draft_grants_the_receiver_nothing(refer, ngo_b, person):
    refer()

    assert not visible_persons(ngo_b).filter(pk=person.pk).exists()


def test_a_sent_referral_shows_the_receiver_exactly_its_field_groups(refer, ngo_a, ngo_b, person):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)
    assert visible_persons(ngo_b).filter(pk=person.pk).exists()
    assert field_policy(ngo_b, person).read == {FieldGroup.IDENTITY, FieldGroup.LEGAL_STATUS}

    referral_accept(actor=ngo_b, referral=referral, version=2)

    # Accepted: still no more than the referral named (and the agreement allows).
    assert field_policy(ngo_b, person).read == {FieldGroup.IDENTITY, FieldGroup.LEGAL_STATUS}


def test_the_receiver_never_gets_to_change_the_person(refer, ngo_a, ngo_b, person):
    referral_send(actor=ngo_a, referral=refer(), version=1)

    assert not visible_persons(ngo_b, Perm.PERSON_CHANGE).filter(pk=person.pk).exists()


def test_the_page_and_the_api_show_the_receiver_only_the_shared_fields(
    refer, ngo_a, ngo_b, person, login
):
    referral_send(actor=ngo_a, referral=refer(), version=1)
    client = login(ngo_b)

    page = client.get(reverse("people:detail", args=[person.public_id])).content.decode()
    body = client.get(reverse("person-detail", args=[person.public_id])).json()

    assert person.given_name in page
    assert PHONE not in page
    assert "Abay avenue" not in page
    assert body["given_name"] == person.given_name
    assert "phones" not in body
    assert "address" not in body


@pytest.mark.parametrize("end", ["withdraw", "decline", "close"])
def test_an_ended_referral_stops_granting_reads(refer, ngo_a, ngo_b, person, login, end):
    referral = referral_send(actor=ngo_a, referral=refer(), version=1)
    if end == "withdraw":
        referral_withdraw(actor=ngo_a, referral=referral, version=2, reason="Served elsewhere")
    else:
        referral = referral_decline(actor=ngo_b, referral=referral, version=2, reason="Full")
        if end == "close":
            referral_close(actor=ngo_a, referral=referral, version=3)

    assert not visible_persons(ngo_b).filter(pk=person.pk).exists()
    client = login(ngo_b)
    assert client.get(reverse("people:detail", args=[person.public_id])).status_code == 404
    assert client.get(reverse("person-detail", args=[person.public_id])).status_code == 404


def test_a_referral_to_another_partner_grants_this_one_nothing(refer, ngo_a, person, login):
    referral_send(actor=ngo_a, referral=refer(), version=1)
    outsider = persona_user("kgz", persona_organisation("agency_kgz"))

    assert not visible_persons(outsider).filter(pk=person.pk).exists()
