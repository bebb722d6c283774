"""Builders of organisations and users for tests."""

from __future__ import annotations

from qorgau.organisations.models import Membership, Organisation, User
from qorgau.reference.models import Country


def organisation_make(
    code: str, type_: str, country: str = "KAZ", agency: bool = False
) -> Organisation:
    return Organisation.objects.create(
        code=code,
        name=code.upper(),
        type=type_,
        country=Country.objects.get(iso3=country),
        is_operating_agency=agency,
    )


def user_make(username: str, organisation: Organisation, role: str) -> User:
    user = User.objects.create(username=username)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def password_give(user: User, password: str) -> User:
    """``user`` with ``password`` stored (which, as any new password, ends their sessions)."""
    user.set_password(password)
    user.save()
    return user
