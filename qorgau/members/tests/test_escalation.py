"""Attempts to gain more than one holds: refused, translated, logged, nothing changed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from qorgau.audit.models import SecurityEvent
from qorgau.errors import NotAllowed
from qorgau.members import errors, services
from qorgau.organisations.models import Membership
from qorgau.organisations.permissions import ROLE_PERMISSIONS, Perm, Role
from qorgau.organisations.tests.factories import user_make

pytestmark = pytest.mark.django_db


def _refusal() -> SecurityEvent:
    return SecurityEvent.objects.get(event=services.MEMBERSHIP_REFUSED)


@pytest.fixture
def officer_manager(monkeypatch, ngo_a_org):
    """A registration clerk given the right to manage the organisation's people, but not every
    right an administrator holds (no sharing, no statistics)."""
    monkeypatch.setitem(
        ROLE_PERMISSIONS,
        Role.REGISTRATION_CLERK,
        ROLE_PERMISSIONS[Role.REGISTRATION_CLERK] | {Perm.ORGANISATION_MANAGE},
    )
    return user_make("ngo-a-manager", ngo_a_org, Role.REGISTRATION_CLERK)


def test_it_refuses_to_grant_administrator_as_a_manager_who_is_not_one(
    officer_manager, ngo_a, ngo_a_org
) -> None:
    membership = ngo_a.memberships.get()

    with pytest.raises(NotAllowed) as refused:
        services.membership_role_change(
            actor=officer_manager, membership=membership, role=Role.ADMINISTRATOR
        )

    assert refused.value.message == errors.ROLE_ABOVE_YOURS
    assert Membership.objects.get(pk=membership.pk).role == Role.PARTNER_CASEWORKER
    assert _refusal().detail == {
        "action": "change", "reason": "role_above_yours", "user": str(ngo_a.public_id),
        "role": Role.ADMINISTRATOR,
    }  # fmt: skip


def test_it_lets_such_a_manager_grant_a_role_within_their_own(
    officer_manager, ngo_a, ngo_a_org
) -> None:
    services.membership_role_change(
        actor=officer_manager, membership=ngo_a.memberships.get(), role=Role.REGISTRATION_CLERK
    )

    assert ngo_a.memberships.get().role == Role.REGISTRATION_CLERK


def test_it_refuses_a_new_user_with_a_role_above_the_managers(officer_manager, ngo_a_org) -> None:
    with pytest.raises(NotAllowed):
        services.organisation_user_create(
            actor=officer_manager, organisation=ngo_a_org, username="promoted",
            password="Kokpar-Meadow-7319", role=Role.ADMINISTRATOR,
        )  # fmt: skip

    assert not Membership.objects.filter(user__username="promoted").exists()


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.PARTNER_CASEWORKER])
def test_it_refuses_a_change_of_ones_own_role(ngo_admin, second_admin, ngo_a_org, role):
    grant = services.membership_grant
    with pytest.raises(NotAllowed) as refused:
        grant(actor=ngo_admin, organisation=ngo_a_org, user=ngo_admin, role=role)

    assert refused.value.code == "own_membership"
    assert ngo_admin.memberships.count() == 1
    assert _refusal().detail["reason"] == "own_membership"


def test_it_refuses_a_caseworker_who_tries_to_promote_themself(ngo_a, ngo_a_org) -> None:
    with pytest.raises(NotAllowed) as refused:
        services.membership_role_change(
            actor=ngo_a, membership=ngo_a.memberships.get(), role=Role.ADMINISTRATOR
        )

    assert refused.value.code == "not_manager"
    assert ngo_a.memberships.get().role == Role.PARTNER_CASEWORKER
    assert _refusal().user == ngo_a


def test_it_refuses_to_remove_the_last_administrator(ngo_admin) -> None:
    membership = ngo_admin.memberships.get()

    with pytest.raises(NotAllowed) as refused:
        services.membership_revoke(actor=ngo_admin, membership=membership)

    assert refused.value.code == "last_administrator"
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert _refusal().detail["reason"] == "last_administrator"


def test_it_refuses_to_demote_the_last_active_administrator(
    ngo_admin, second_admin, ngo_a_org
) -> None:
    services.user_deactivate(actor=second_admin, user=ngo_admin)

    with pytest.raises(NotAllowed) as refused:
        services.membership_revoke(actor=second_admin, membership=second_admin.memberships.get())

    assert refused.value.code == "last_administrator"
    assert second_admin.memberships.get().role == Role.ADMINISTRATOR


def test_it_lets_an_administrator_leave_when_another_remains(ngo_admin, second_admin) -> None:
    services.membership_revoke(actor=ngo_admin, membership=ngo_admin.memberships.get())

    assert not ngo_admin.memberships.exists()


def test_it_refuses_to_deactivate_oneself(ngo_admin, second_admin) -> None:
    with pytest.raises(NotAllowed) as own:
        services.user_deactivate(actor=ngo_admin, user=ngo_admin)

    assert own.value.code == "own_membership"
    ngo_admin.refresh_from_db()
    assert ngo_admin.is_active


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "last active administrator"), ("ru", "администратор"), ("kk", "әкімші")],
)
def test_it_explains_the_refusal_in_the_users_language(ngo_admin, login, language, words) -> None:
    membership = ngo_admin.memberships.get()
    url = reverse(
        "members:revoke",
        kwargs={
            "public_id": membership.organisation.public_id,
            "membership_id": membership.public_id,
        },
    )

    response = login(ngo_admin).post(url, headers={"accept-language": language})

    assert response.status_code == 403
    with translation.override(language):
        assert str(errors.LAST_ADMINISTRATOR) in response.content.decode()
    assert words in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


# --- the same attempts through the pages (a forged post: the form offers no such role) -------


def _post(login, actor, name: str, role: str, **ids: str):
    url = reverse(
        f"members:{name}",
        kwargs={"public_id": actor.memberships.get().organisation.public_id, **ids},
    )
    return login(actor).post(url, {"role": role}, headers={"accept-language": "ru"})


def test_the_page_refuses_a_manager_who_raises_another_above_themself(
    officer_manager, ngo_a, login
) -> None:
    membership = ngo_a.memberships.get()

    response = _post(
        login,
        officer_manager,
        "change",
        Role.ADMINISTRATOR,
        membership_id=str(membership.public_id),
    )

    assert response.status_code == 403
    with translation.override("ru"):
        assert str(errors.ROLE_ABOVE_YOURS) in response.content.decode()
    assert ngo_a.memberships.get().role == Role.PARTNER_CASEWORKER
    assert _refusal().user == officer_manager


@pytest.mark.parametrize("name", ["change", "grant"])
def test_the_page_refuses_a_manager_who_gives_themself_more(officer_manager, login, name) -> None:
    own = officer_manager.memberships.get()
    ids = (
        {"membership_id": str(own.public_id)}
        if name == "change"
        else {"user_id": str(officer_manager.public_id)}
    )

    response = _post(login, officer_manager, name, Role.ADMINISTRATOR, **ids)

    assert response.status_code == 403
    assert [m.role for m in officer_manager.memberships.all()] == [Role.REGISTRATION_CLERK]
    assert _refusal().detail["reason"] in {"own_membership", "role_above_yours"}
