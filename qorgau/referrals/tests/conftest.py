"""The referral tests' world: a caseworker of NGO A refers a person NGO A registered to NGO B,
which offers legal aid and medical care, under an agreement in force that allows identity,
legal status and contact."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.partners.models import Agreement
from qorgau.partners.services import agreement_record
from qorgau.partners.tests.factories import profile_make
from qorgau.people.models import Person
from qorgau.referrals.checks import ConsentInput
from qorgau.referrals.models import Referral
from qorgau.referrals.services import referral_create


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def consent_given(**fields: Any) -> ConsentInput:
    values: dict[str, Any] = {
        "given": True,
        "given_by": "the person",
        "method": "in_person",
        "given_on": timezone.localdate(),
    }
    return ConsentInput(**(values | fields))


@pytest.fixture
def ngo_a_admin(ngo_a_org: Organisation) -> User:
    return user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)


@pytest.fixture
def ngo_a_officer(ngo_a_org: Organisation) -> User:
    return user_make("ngo-a-officer", ngo_a_org, Role.PROTECTION_OFFICER)


@pytest.fixture
def ngo_b_admin(ngo_b_org: Organisation) -> User:
    return user_make("ngo-b-admin", ngo_b_org, Role.ADMINISTRATOR)


@pytest.fixture
def partner(ngo_b_org: Organisation, ngo_b_admin: User) -> Organisation:
    profile_make(ngo_b_admin, ngo_b_org, services=["legal_aid", "medical"])
    return ngo_b_org


@pytest.fixture
def agreement(ngo_a_admin: User, ngo_a_org: Organisation, partner: Organisation) -> Agreement:
    return agreement_record(
        actor=ngo_a_admin,
        provider=ngo_a_org,
        recipient=partner,
        reference="DSA-A-B-01",
        purpose="Referrals for legal aid",
        field_groups=["identity", "legal_status", "contact"],
        starts_on=days(-10),
        expires_on=days(200),
    )


@pytest.fixture
def person(ngo_a: User, ngo_a_org: Organisation, make_person: Any) -> Person:
    return make_person(ngo_a, ngo_a_org)


@pytest.fixture
def refer(ngo_a: User, person: Person, partner: Organisation, agreement: Agreement) -> Any:
    """Draft a referral of ``person`` by NGO A's caseworker to NGO B (fields overridable)."""

    def make(**fields: Any) -> Referral:
        values: dict[str, Any] = {
            "actor": ngo_a,
            "person": person,
            "recipient": partner,
            "services": ["legal_aid"],
            "reason": "Needs a lawyer for the asylum appeal.",
            "urgency": "medium",
            "field_groups": ["identity", "legal_status"],
            "consent": consent_given(),
        }
        return referral_create(**(values | fields))

    return make


@pytest.fixture
def ngo_c_partner(ngo_a_admin: User, ngo_a_org: Organisation) -> Organisation:
    """A third partner offering legal aid, with an agreement from NGO A."""
    from qorgau.organisations.tests.personas import persona_organisation

    ngo_c = persona_organisation("ngo_c")
    admin = user_make("ngo-c-admin", ngo_c, Role.ADMINISTRATOR)
    profile_make(admin, ngo_c, services=["legal_aid"])
    agreement_record(
        actor=ngo_a_admin, provider=ngo_a_org, recipient=ngo_c, reference="DSA-A-C-01",
        purpose="Referrals for legal aid", field_groups=["identity", "legal_status"],
        starts_on=days(-1), expires_on=days(90),
    )  # fmt: skip
    return ngo_c


@pytest.fixture
def officer_kaz(agency: Organisation) -> User:
    """The agency office's protection officer (shares and approves overrides there)."""
    return user_make("officer", agency, Role.PROTECTION_OFFICER)
