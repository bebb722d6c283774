"""Granting, changing and revoking roles, and creating users, through the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from qorgau.audit.models import SecurityEvent
from qorgau.errors import NotAllowed
from qorgau.members import services
from qorgau.members.tests.conftest import STRONG
from qorgau.organisations.models import Membership, User
from qorgau.organisations.permissions import Role

pytestmark = pytest.mark.django_db


def _events(event: str) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(event=event))


def test_it_creates_a_user_with_a_role_and_logs_both(ngo_admin, ngo_a_org) -> None:
    user = services.organisation_user_create(
        actor=ngo_admin, organisation=ngo_a_org, username="new-worker", password=STRONG,
        role=Role.PARTNER_CASEWORKER, first_name="Test", last_name="Worker",
    )  # fmt: skip

    assert user.check_password(STRONG)
    assert list(user.memberships.values_list("organisation", "role")) == [
        (ngo_a_org.pk, Role.PARTNER_CASEWORKER)
    ]
    created, granted = _events(services.USER_CREATED), _events(services.MEMBERSHIP_GRANTED)
    assert created[0].user == ngo_admin
    assert created[0].object_id == ngo_a_org.public_id
    assert granted[0].detail["user"] == str(user.public_id)
    # Codes and ids only: no name, no password.
    assert "Worker" not in str(created[0].detail) + str(granted[0].detail)
    assert STRONG not in str(created[0].detail) + str(granted[0].detail)


@pytest.mark.parametrize(
    ("username", "password", "field"),
    [
        ("new-worker", "qwertyuiop", "password"),
        ("new-worker", "new-worker1", "password"),
        ("bad name!", STRONG, "username"),
        ("NGO-A-CASEWORKER", STRONG, "username"),
    ],
)
def test_it_refuses_a_weak_password_or_a_bad_user_name_and_stores_nothing(
    ngo_admin, ngo_a_org, ngo_a, username, password, field
) -> None:
    users = User.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.organisation_user_create(
            actor=ngo_admin, organisation=ngo_a_org, username=username, password=password,
            role=Role.PARTNER_CASEWORKER,
        )  # fmt: skip

    assert field in refused.value.error_dict
    assert User.objects.count() == users
    (event,) = _events(services.MEMBERSHIP_REFUSED)
    assert event.detail["action"] == "create"
    assert password not in str(event.detail)


def test_it_changes_a_role_and_keeps_the_history(ngo_admin, ngo_a, ngo_a_org) -> None:
    membership = ngo_a.memberships.get()

    services.membership_role_change(
        actor=ngo_admin, membership=membership, role=Role.REGISTRATION_CLERK
    )

    membership.refresh_from_db()
    assert membership.role == Role.REGISTRATION_CLERK
    newest = membership.history.latest("history_date")
    assert newest.history_user == ngo_admin
    assert newest.history_change_reason == "role changed"
    assert newest.role == Role.REGISTRATION_CLERK
    (event,) = _events(services.MEMBERSHIP_CHANGED)
    assert event.detail == {
        "user": str(ngo_a.public_id),
        "role": Role.REGISTRATION_CLERK,
        "from": Role.PARTNER_CASEWORKER,
    }


def test_it_grants_another_role_to_a_member(ngo_admin, ngo_a, ngo_a_org) -> None:
    membership = services.membership_grant(
        actor=ngo_admin, organisation=ngo_a_org, user=ngo_a, role=Role.GOVERNMENT_LIAISON
    )

    assert ngo_a.memberships.count() == 2
    assert membership.history.get().history_user == ngo_admin


def test_it_refuses_a_role_the_user_already_holds(ngo_admin, ngo_a, ngo_a_org) -> None:
    with pytest.raises(ValidationError):
        services.membership_grant(
            actor=ngo_admin, organisation=ngo_a_org, user=ngo_a, role=Role.PARTNER_CASEWORKER
        )

    assert ngo_a.memberships.count() == 1


def test_it_revokes_a_role_and_keeps_the_history(ngo_admin, ngo_a) -> None:
    membership = ngo_a.memberships.get()

    services.membership_revoke(actor=ngo_admin, membership=membership)

    assert not Membership.objects.filter(pk=membership.pk).exists()
    deleted = Membership.history.filter(id=membership.pk).latest("history_date")
    assert deleted.history_type == "-"
    assert deleted.history_user == ngo_admin
    assert deleted.history_change_reason == "membership revoked"
    assert len(_events(services.MEMBERSHIP_REVOKED)) == 1


def test_it_refuses_to_take_over_another_organisations_user(ngo_admin, ngo_a_org, ngo_b):
    with pytest.raises(NotAllowed):
        services.membership_grant(
            actor=ngo_admin, organisation=ngo_a_org, user=ngo_b, role=Role.PARTNER_CASEWORKER
        )

    assert ngo_b.memberships.count() == 1
    assert _events(services.MEMBERSHIP_REFUSED)[0].detail["reason"] == "other_organisation"


def test_it_deactivates_a_member(ngo_admin, ngo_a) -> None:
    services.user_deactivate(actor=ngo_admin, user=ngo_a)

    ngo_a.refresh_from_db()
    assert not ngo_a.is_active
    (event,) = _events(services.USER_DEACTIVATED)
    assert event.object_id == ngo_a.public_id


def test_it_refuses_to_deactivate_a_user_of_an_organisation_the_actor_does_not_manage(
    ngo_admin, ngo_a, ngo_b_org
) -> None:
    Membership.objects.create(user=ngo_a, organisation=ngo_b_org, role=Role.PARTNER_CASEWORKER)

    with pytest.raises(NotAllowed):
        services.user_deactivate(actor=ngo_admin, user=ngo_a)

    ngo_a.refresh_from_db()
    assert ngo_a.is_active
    assert _events(services.MEMBERSHIP_REFUSED)[0].detail["reason"] == "other_organisation"


def test_it_grants_a_role_to_a_member_who_also_belongs_elsewhere(
    ngo_admin, ngo_a, ngo_a_org, ngo_b_org
) -> None:
    Membership.objects.create(user=ngo_a, organisation=ngo_b_org, role=Role.PARTNER_CASEWORKER)

    services.membership_grant(
        actor=ngo_admin, organisation=ngo_a_org, user=ngo_a, role=Role.GOVERNMENT_LIAISON
    )

    assert ngo_a.memberships.filter(organisation=ngo_a_org).count() == 2
