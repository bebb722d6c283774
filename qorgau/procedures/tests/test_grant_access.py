"""The doors to a case access grant: ``access_case_grant`` and
``access_case_grant_for_change``.

NGO A opened a case on its own person and gave the Migration Service access to follow it;
NGO A's administrator also shares the person with NGO B (view-only, which opens no case).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from qorgau.audit.services import Reader
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.procedures.access import access_case_grant, access_case_grant_for_change
from qorgau.procedures.models import CaseAccess
from qorgau.procedures.services import case_access_grant, case_open
from qorgau.procedures.tests.factories import START

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b_org: Organisation,
    government: Organisation,
    make_person: Any,
) -> CaseAccess:
    person = make_person(ngo_a, ngo_a_org)
    case = case_open(
        actor=ngo_a, organisation=ngo_a_org, procedure="asylum", person=person, opened_on=START
    )
    share_grant_agreed(
        actor=user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR),
        recipient=ngo_b_org,
        person=person,
        agreement="DTA 2024/07",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )
    return case_access_grant(
        actor=ngo_a, case=case, organisation=government, can_act=False, purpose="Follow"
    )


def _reader(user: Any) -> Reader:
    return Reader(user=user, channel="web")


def test_it_opens_the_grant_to_the_responsible_organisation_and_the_agency_office(
    grant: CaseAccess, ngo_a: User, clerk: User
) -> None:
    for user in (ngo_a, clerk):
        assert access_case_grant(reader=_reader(user), public_id=grant.public_id) == grant
        assert access_case_grant_for_change(user=user, public_id=str(grant.public_id)) == grant


def test_the_organisation_given_access_reads_its_grant_but_never_revokes_it(
    grant: CaseAccess, liaison: User
) -> None:
    assert access_case_grant(reader=_reader(liaison), public_id=grant.public_id) == grant
    with pytest.raises(Http404):
        access_case_grant_for_change(user=liaison, public_id=grant.public_id)


@pytest.mark.parametrize("who", ["ngo_b", "stats", "anonymous"])
def test_it_refuses_another_organisation_a_view_only_share_and_anonymous_as_not_found(
    grant: CaseAccess, who: str, request: pytest.FixtureRequest
) -> None:
    """NGO B holds a view-only share of the case's person; the statistics viewer sees no one."""
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(Http404):
        access_case_grant(reader=_reader(user), public_id=grant.public_id)
    with pytest.raises(Http404):
        access_case_grant_for_change(user=user, public_id=grant.public_id)


@pytest.mark.parametrize(
    "public_id", ["not-a-uuid", "", "1", "7c0d4e2a-3b1f-4a9e-8d6c-5f2e1a0b9c8d"]
)
def test_it_answers_a_malformed_or_unknown_id_as_not_found(
    grant: CaseAccess, ngo_a: User, public_id: str
) -> None:
    with pytest.raises(Http404):
        access_case_grant(reader=_reader(ngo_a), public_id=public_id)
    with pytest.raises(Http404):
        access_case_grant_for_change(user=ngo_a, public_id=public_id)


def test_the_revoke_page_takes_the_grant_by_its_opaque_id(
    grant: CaseAccess, ngo_a: User, login: Any
) -> None:
    """The grant's integer key is no longer a URL: the page answers 404 for it."""
    url = reverse(
        "procedures:access-revoke",
        kwargs={"public_id": grant.case.public_id, "grant_id": grant.pk},
    )
    assert login(ngo_a).post(url).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None
    url = reverse(
        "procedures:access-revoke",
        kwargs={"public_id": grant.case.public_id, "grant_id": grant.public_id},
    )
    assert login(ngo_a).post(url).status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None
