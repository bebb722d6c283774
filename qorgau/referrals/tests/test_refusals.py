"""Every refusal of a new referral names its field, is written to the security log, and stores
nothing: no consent, a service the partner does not offer, no agreement in force, a field
group the agreement does not allow, the authorities of the country fled, a sender without
change rights."""

import pytest
from django.core.exceptions import ValidationError

from qorgau.audit.models import SecurityEvent
from qorgau.errors import NotAllowed
from qorgau.organisations.models import OrganisationType
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import organisation_make, user_make
from qorgau.partners.services import agreement_record
from qorgau.partners.tests.factories import profile_make
from qorgau.people import errors as people_errors
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.reference.models import Country
from qorgau.referrals import errors
from qorgau.referrals.models import Referral

from .conftest import days

pytestmark = pytest.mark.django_db


def _refusal(exc):
    return {name: [e.code for e in found] for name, found in exc.value.error_dict.items()}


def _messages(exc, field):
    return [e.message for e in exc.value.error_dict[field]]


def test_it_refuses_a_referral_without_a_consent_record(refer):
    with pytest.raises(ValidationError) as refused:
        refer(consent=None)

    assert _refusal(refused) == {"consent": ["no_consent"]}
    assert _messages(refused, "consent") == [errors.NO_CONSENT]
    assert not Referral.objects.exists()
    [event] = SecurityEvent.objects.filter(event="referral_refused")
    assert event.detail == {"reasons": ["consent:no_consent"]}


def test_it_refuses_a_service_the_partner_does_not_offer(refer):
    with pytest.raises(ValidationError) as refused:
        refer(services=["legal_aid", "shelter"])

    assert _refusal(refused) == {"services": ["service_not_offered"]}
    assert not Referral.objects.exists()


def test_it_refuses_a_partner_without_an_agreement_in_force(refer, ngo_a_admin, ngo_a_org):
    other = organisation_make("ngo-d", OrganisationType.NGO, country="KAZ")
    profile_make(user_make("ngo-d-admin", other, Role.ADMINISTRATOR), other)

    with pytest.raises(ValidationError) as refused:
        refer(recipient=other)

    assert _refusal(refused)["agreement"] == ["no_agreement"]
    assert not Referral.objects.exists()


def test_it_refuses_an_expired_agreement(refer, agreement):
    agreement.expires_on = days(-1)
    agreement.starts_on = days(-30)
    agreement.save()

    with pytest.raises(ValidationError) as refused:
        refer(agreement=agreement)

    assert "no_agreement" in _refusal(refused)["agreement"]


def test_it_refuses_a_field_group_the_agreement_does_not_allow(refer):
    with pytest.raises(ValidationError) as refused:
        refer(field_groups=["identity", "specific_needs"])

    assert _refusal(refused) == {"field_groups": ["group_outside_agreement"]}
    assert not Referral.objects.exists()


def test_it_refuses_the_authorities_of_the_country_fled(
    ngo_a, ngo_a_admin, ngo_a_org, make_person, refer
):
    person = make_person(ngo_a, ngo_a_org, origin_country=Country.objects.get(iso3="UZB"))
    ministry = organisation_make("uzb-mia", OrganisationType.GOVERNMENT, country="UZB")
    profile_make(user_make("uzb-admin", ministry, Role.ADMINISTRATOR), ministry, regions=[])
    agreement_record(
        actor=ngo_a_admin, provider=ngo_a_org, recipient=ministry, reference="DSA-UZB",
        purpose="Documents", field_groups=["identity"], starts_on=days(-1), expires_on=days(30),
    )  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        refer(person=person, recipient=ministry, field_groups=["identity"])

    assert _refusal(refused) == {"recipient": ["country_of_origin"]}
    message = refused.value.error_dict["recipient"][0].message
    assert message == people_errors.SHARE_COUNTRY_OF_ORIGIN
    assert not Referral.objects.exists()


@pytest.mark.parametrize("persona", ["liaison", "ngo_b", "stats"])
def test_it_refuses_a_sender_without_change_rights(request, refer, persona, person, officer_kaz):
    # ngo_b holds a view-only share of the person: it never refers them.
    share_grant_agreed(
        actor=officer_kaz, recipient=request.getfixturevalue("ngo_b_org"), agreement="DTA-1",
        purpose="Legal aid", expires_on=days(10), person=person,
    )  # fmt: skip

    with pytest.raises(NotAllowed) as refused:
        refer(actor=request.getfixturevalue(persona))

    assert refused.value.message == errors.NOT_SENDER
    assert not Referral.objects.exists()
    assert SecurityEvent.objects.filter(event="referral_refused").count() == 1


def test_it_names_every_field_at_fault_at_once(refer):
    with pytest.raises(ValidationError) as refused:
        refer(services=[], field_groups=[], reason="", consent=None)

    assert set(_refusal(refused)) == {"services", "field_groups", "reason", "consent"}
