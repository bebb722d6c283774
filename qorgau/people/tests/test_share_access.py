"""The doors to a share: ``access_share`` and ``access_share_for_change``.

NGO A's administrator shares NGO A's person with NGO B (view-only). A share is reached only by
who may share its record; everyone else (another organisation, the share's own recipient,
anonymous, a malformed or unknown id) gets the same 404 as for a missing share.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from qorgau.audit.services import Reader
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.access import access_share, access_share_for_change
from qorgau.people.models import Share
from qorgau.people.tests.factories import share_grant_agreed

pytestmark = pytest.mark.django_db


@pytest.fixture
def ngo_a_admin(ngo_a_org: Organisation) -> User:
    return user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)


@pytest.fixture
def share(ngo_a: User, ngo_a_org: Organisation, ngo_b_org: Organisation, ngo_a_admin: User,
          make_person: Any) -> Share:  # fmt: skip
    person = make_person(ngo_a, ngo_a_org)
    return share_grant_agreed(
        actor=ngo_a_admin,
        recipient=ngo_b_org,
        person=person,
        agreement="DTA 2024/07",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )


def _reader(user: Any) -> Reader:
    return Reader(user=user, channel="web")


def test_it_opens_the_share_to_who_may_share_its_record(share: Share, ngo_a_admin: User) -> None:
    assert access_share(reader=_reader(ngo_a_admin), public_id=share.public_id) == share
    assert access_share_for_change(user=ngo_a_admin, public_id=str(share.public_id)) == share


@pytest.mark.parametrize("who", ["ngo_b", "liaison", "ngo_a", "anonymous"])
def test_it_refuses_everyone_else_as_if_the_share_did_not_exist(
    share: Share, who: str, request: pytest.FixtureRequest
) -> None:
    """NGO B is the share's own recipient (view-only); the liaison is another organisation;
    NGO A's caseworker may change the record but not share it."""
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(Http404):
        access_share(reader=_reader(user), public_id=share.public_id)
    with pytest.raises(Http404):
        access_share_for_change(user=user, public_id=share.public_id)


@pytest.mark.parametrize(
    "public_id", ["not-a-uuid", "", "1", "7c0d4e2a-3b1f-4a9e-8d6c-5f2e1a0b9c8d"]
)
def test_it_answers_a_malformed_or_unknown_id_as_not_found(
    share: Share, ngo_a_admin: User, public_id: str
) -> None:
    with pytest.raises(Http404):
        access_share(reader=_reader(ngo_a_admin), public_id=public_id)
    with pytest.raises(Http404):
        access_share_for_change(user=ngo_a_admin, public_id=public_id)
