"""Consent: a refusal blocks the referral unless an overriding reason is recorded and a
protection officer approves it (a security event); a child's consent names a guardian."""

import pytest
from django.core.exceptions import ValidationError

from qorgau.audit.models import SecurityEvent
from qorgau.errors import NotAllowed
from qorgau.referrals import errors
from qorgau.referrals.machine import ReferralState
from qorgau.referrals.models import Referral
from qorgau.referrals.services import referral_consent_override_approve, referral_send

from .conftest import consent_given

pytestmark = pytest.mark.django_db

REFUSED = {"given": False, "given_by": "the person", "method": "phone"}


def test_it_refuses_a_refused_consent_without_an_overriding_reason(refer):
    with pytest.raises(ValidationError) as refused:
        refer(consent=consent_given(**REFUSED))

    assert [e.code for e in refused.value.error_dict["consent"]] == ["consent_refused"]
    assert not Referral.objects.exists()


def test_it_sends_a_refused_consent_only_after_the_officers_approval(refer, ngo_a, ngo_a_officer):
    referral = refer(consent=consent_given(**REFUSED, override_reason="Life at risk"))

    with pytest.raises(ValidationError) as refused:
        referral_send(actor=ngo_a, referral=referral, version=1)
    assert [e.message for e in refused.value.error_dict["consent"]] == [errors.CONSENT_REFUSED]

    referral = referral_consent_override_approve(actor=ngo_a_officer, referral=referral, version=1)
    referral = referral_send(actor=ngo_a, referral=referral, version=2)

    assert referral.state == ReferralState.SENT
    [event] = SecurityEvent.objects.filter(event="referral_override_approved")
    assert (event.user, event.object_id) == (ngo_a_officer, referral.public_id)
    assert referral.consent.override_approved_by == ngo_a_officer


@pytest.mark.parametrize("persona", ["ngo_a", "ngo_b_admin", "officer_kgz"])
def test_it_lets_only_a_protection_officer_of_the_sender_approve(request, refer, persona):
    referral = refer(consent=consent_given(**REFUSED, override_reason="Life at risk"))
    if persona == "officer_kgz":
        from qorgau.organisations.permissions import Role
        from qorgau.organisations.tests.factories import user_make
        from qorgau.organisations.tests.personas import persona_organisation

        actor = user_make(
            "kgz-officer", persona_organisation("agency_kgz"), Role.PROTECTION_OFFICER
        )
    else:
        actor = request.getfixturevalue(persona)

    with pytest.raises(NotAllowed):
        referral_consent_override_approve(actor=actor, referral=referral, version=1)

    assert Referral.objects.get(pk=referral.pk).consent.override_approved_at is None
    assert SecurityEvent.objects.filter(event="referral_override_refused").count() == 1


def test_it_asks_a_childs_guardian(refer, ngo_a, ngo_a_org, make_person):
    child = make_person(ngo_a, ngo_a_org, date_of_birth="2019-05-01", given_name="Айгүл")

    with pytest.raises(ValidationError) as refused:
        refer(person=child)
    assert [e.code for e in refused.value.error_dict["guardian"]] == ["guardian_needed"]

    referral = refer(person=child, consent=consent_given(guardian="Mother, Гүлнар С."))
    assert referral.consent.guardian == "Mother, Гүлнар С."
