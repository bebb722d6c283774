"""Shares: another organisation may view one record until the expiry date, never change it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from qorgau.errors import NotAllowed
from qorgau.organisations.models import Membership, User
from qorgau.organisations.permissions import Perm, Role
from qorgau.people import errors
from qorgau.people.access import visible_households, visible_persons
from qorgau.people.models import Relationship, Share
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.shares import share_revoke
from qorgau.people.tests.factories import person_input, share_grant_agreed

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(agency):
    """A protection officer of the agency office: may share the office's records."""
    user = User.objects.create(username="officer")
    Membership.objects.create(user=user, organisation=agency, role=Role.PROTECTION_OFFICER)
    return user


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(clerk, agency)


def _in(days):
    return timezone.localdate() + dt.timedelta(days=days)


def _grant(actor, recipient, expires_on, **record):
    return share_grant_agreed(
        actor=actor,
        recipient=recipient,
        agreement="DTA 2025/07 with NGO A",
        purpose="Legal counselling",
        expires_on=expires_on,
        **record,
    )


def _sees(user, person, perm=Perm.PERSON_VIEW):
    fresh = User.objects.get(pk=user.pk)  # the permission scope is cached on the user object
    return visible_persons(fresh, perm).filter(pk=person.pk).exists()


def _noon_local(day):
    return dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))


def test_it_requires_the_share_permission_on_the_record(clerk, ngo_a, ngo_a_org, person):
    with pytest.raises(PermissionDenied):
        _grant(clerk, ngo_a_org, _in(30), person=person)

    assert not Share.objects.exists()
    assert not _sees(ngo_a, person)


def test_it_refuses_an_expiry_in_the_past(officer, ngo_a_org, person):
    with pytest.raises(ValidationError) as caught:
        _grant(officer, ngo_a_org, _in(-1), person=person)

    assert caught.value.message_dict["expires_on"] == [str(errors.SHARE_EXPIRY_PAST)]
    assert not Share.objects.exists()


def test_it_grants_a_share_for_today_only(officer, ngo_a, ngo_a_org, person):
    _grant(officer, ngo_a_org, _in(0), person=person)

    assert _sees(ngo_a, person)


def test_it_shows_the_person_to_the_recipient_until_the_expiry(officer, ngo_a, ngo_a_org, person):
    assert not _sees(ngo_a, person)
    share = _grant(officer, ngo_a_org, _in(10), person=person)

    assert _sees(ngo_a, person)
    with time_machine.travel(_noon_local(share.expires_on), tick=False):
        assert _sees(ngo_a, person)
    with time_machine.travel(_noon_local(share.expires_on + dt.timedelta(days=1)), tick=False):
        assert not _sees(ngo_a, person)


def test_it_hides_the_person_again_after_a_revocation(officer, ngo_a, ngo_a_org, person):
    share = _grant(officer, ngo_a_org, _in(10), person=person)

    share_revoke(actor=officer, share=share)

    assert not _sees(ngo_a, person)


@pytest.mark.parametrize("revoker", ["ngo_a", "ngo_b"])
def test_it_refuses_a_revocation_by_the_recipient_or_another_organisation(
    request, officer, ngo_a_org, person, revoker
):
    share = _grant(officer, ngo_a_org, _in(10), person=person)

    with pytest.raises(NotAllowed):
        share_revoke(actor=request.getfixturevalue(revoker), share=share)

    assert Share.objects.get(pk=share.pk).revoked_at is None


def test_it_never_lets_the_recipient_change_the_person(officer, ngo_a, ngo_a_org, person):
    _grant(officer, ngo_a_org, _in(10), person=person)

    assert _sees(ngo_a, person, Perm.PERSON_VIEW)
    assert not _sees(ngo_a, person, Perm.PERSON_CHANGE)


def test_it_shares_a_whole_household_for_viewing_only(clerk, officer, agency, ngo_b, ngo_b_org):
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(person_input(), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Айгүл", sex="female"), Relationship.WIFE),
        ],
    )

    _grant(officer, ngo_b_org, _in(10), household=household)

    recipient = User.objects.get(pk=ngo_b.pk)
    assert set(visible_persons(recipient)) == set(household.members.all())
    assert visible_households(recipient).filter(pk=household.pk).exists()
    assert not visible_persons(recipient, Perm.PERSON_CHANGE).exists()


def test_it_does_not_let_a_recipient_share_further(officer, ngo_a, ngo_a_org, ngo_b_org, person):
    Membership.objects.create(user=ngo_a, organisation=ngo_a_org, role=Role.PROTECTION_OFFICER)
    _grant(officer, ngo_a_org, _in(10), person=person)

    with pytest.raises(PermissionDenied):
        _grant(User.objects.get(pk=ngo_a.pk), ngo_b_org, _in(10), person=person)


@pytest.mark.parametrize("shared", ["person", "household"])
def test_the_api_names_the_household_only_to_who_may_see_it(
    clerk, officer, agency, ngo_b, ngo_b_org, login, shared
):
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(person_input(), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Айгүл", sex="female"), Relationship.WIFE),
        ],
    )
    principal = household.members.get(relationship=Relationship.PRINCIPAL)
    record = {"household": household} if shared == "household" else {"person": principal}
    _grant(officer, ngo_b_org, _in(10), **record)
    url = reverse("person-detail", kwargs={"id": principal.public_id})
    expected = str(household.public_id) if shared == "household" else None

    assert login(ngo_b).get(url).json()["household"] == expected
    listed = login(ngo_b).get(reverse("person-list")).json()["results"]
    assert {row["household"] for row in listed} == {expected}
    assert login(clerk).get(url).json()["household"] == str(household.public_id)
