"""A reset by an administrator of the user's organisation (or a superuser): every device goes,
the user enrols again at the next sign-in; refused to anyone else; always recorded."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.audit.models import SecurityEvent
from qorgau.errors import NotAllowed
from qorgau.organisations.models import Membership, User
from qorgau.organisations.permissions import Role
from qorgau.twofactor.services import RESET, RESET_REFUSED, two_factor_reset
from qorgau.twofactor.tests.helpers import code_now, enrolled

pytestmark = pytest.mark.django_db


def _reset_url(user: User) -> str:
    return reverse("twofactor:reset", kwargs={"public_id": user.public_id})


def test_an_administrator_of_the_users_organisation_resets_it(ngo_a_admin, ngo_a):
    enrolled(ngo_a)

    removed = two_factor_reset(actor=ngo_a_admin, user=ngo_a)

    assert removed == 2
    assert not TOTPDevice.objects.filter(user=ngo_a).exists()
    assert not StaticDevice.objects.filter(user=ngo_a).exists()
    event = SecurityEvent.objects.get(event=RESET)
    assert (event.user, event.object_id, event.detail) == (
        ngo_a_admin,
        ngo_a.public_id,
        {"devices": 2},
    )


def test_an_administrator_of_another_organisation_is_refused(ngo_b_admin, ngo_a):
    enrolled(ngo_a)

    with pytest.raises(NotAllowed):
        two_factor_reset(actor=ngo_b_admin, user=ngo_a)

    assert TOTPDevice.objects.filter(user=ngo_a).exists()
    event = SecurityEvent.objects.get(event=RESET_REFUSED)
    assert (event.user, event.object_id) == (ngo_b_admin, ngo_a.public_id)


@pytest.mark.parametrize("actor", ["clerk", "officer", "liaison", "ngo_b"])
def test_a_user_without_organisation_manage_is_refused(request, actor, ngo_a):
    enrolled(ngo_a)

    with pytest.raises(NotAllowed):
        two_factor_reset(actor=request.getfixturevalue(actor), user=ngo_a)

    assert TOTPDevice.objects.filter(user=ngo_a).exists()


@pytest.fixture
def officer(agency):
    from qorgau.organisations.tests.personas import persona_user

    return persona_user("officer", agency)


def test_a_superuser_may_reset_anyone(ngo_a):
    enrolled(ngo_a)
    root = User.objects.create(username="root", is_superuser=True, is_staff=True)

    assert two_factor_reset(actor=root, user=ngo_a) == 2


def test_a_reset_session_is_verified_no_more(login, ngo_a_admin, clerk, agency):
    Membership.objects.create(user=ngo_a_admin, organisation=agency, role=Role.ADMINISTRATOR)
    client = login(clerk)
    assert client.get("/people/").status_code == 200

    two_factor_reset(actor=ngo_a_admin, user=clerk)

    assert client.get("/people/")["Location"].startswith(reverse("twofactor:enrol"))


def test_the_page_lists_the_managed_members_and_resets_one(login, ngo_a_admin, ngo_a, ngo_b):
    enrolled(ngo_a)
    enrolled(ngo_b)
    client = login(ngo_a_admin)

    page = client.get(reverse("twofactor:members")).content.decode()
    response = client.post(_reset_url(ngo_a))

    assert "ngo-a-caseworker" in page
    assert "ngo-b-caseworker" not in page
    assert response["Location"] == reverse("twofactor:members")
    assert not TOTPDevice.objects.filter(user=ngo_a).exists()


def test_the_page_gives_404_for_a_member_of_another_organisation(login, ngo_a_admin, ngo_b):
    enrolled(ngo_b)
    client = login(ngo_a_admin)

    assert client.post(_reset_url(ngo_b)).status_code == 404
    assert client.post("/account/two-factor/members/not-a-uuid/reset/").status_code == 404
    assert TOTPDevice.objects.filter(user=ngo_b).exists()


@pytest.mark.parametrize("persona", ["clerk", "liaison", "ngo_a"])
def test_the_page_is_refused_to_users_who_manage_no_organisation(request, login, persona, ngo_a):
    enrolled(ngo_a)
    client = login(request.getfixturevalue(persona))

    assert client.get(reverse("twofactor:members")).status_code == 403
    assert client.post(_reset_url(ngo_a)).status_code == 403
    assert TOTPDevice.objects.filter(user=ngo_a).exists()


def test_the_reset_needs_a_post(login, ngo_a_admin, ngo_a):
    enrolled(ngo_a)

    assert login(ngo_a_admin).get(_reset_url(ngo_a)).status_code == 405
    assert TOTPDevice.objects.filter(user=ngo_a).exists()


def test_an_anonymous_reset_is_sent_to_log_in(client, ngo_a):
    enrolled(ngo_a)

    response = client.post(_reset_url(ngo_a))

    assert response["Location"].startswith(reverse("login"))
    assert TOTPDevice.objects.filter(user=ngo_a).exists()


def test_the_user_enrols_again_after_a_reset(password_login, ngo_a_admin, ngo_a):
    device, _ = enrolled(ngo_a)
    two_factor_reset(actor=ngo_a_admin, user=ngo_a)
    client = password_login(ngo_a)

    assert client.get("/people/").status_code == 200  # optional for a caseworker: no device
    assert code_now(device)  # the old key is gone with its device
