"""Who must sign in with a second factor (issue 14, ASVS V6): the agency office's staff, the
staff of government bodies, and every administrator (the administrator role in any
organisation, Django staff and superusers). Everyone else may choose it on their account page;
a user who has a device is always asked for its code, required or not."""

from __future__ import annotations

from django.conf import settings

from qorgau.organisations.models import OrganisationType, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.selectors import user_memberships


def password_alone_suffices(user: User) -> bool:
    """Whether ``user`` may sign in with a password alone where no code can be asked (an API
    token by HTTP Basic): not when a second factor is required of them or they set one up."""
    from qorgau.twofactor.selectors import two_factor_enrolled

    return not two_factor_required(user) and not two_factor_enrolled(user)


def two_factor_required(user: User) -> bool:
    """Whether ``user`` may reach nothing before a second factor (``QORGAU_TWO_FACTOR_REQUIRED``
    turns the requirement off, never the code step of a user who set it up)."""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return any(
        m.role == Role.ADMINISTRATOR
        or m.organisation.is_operating_agency
        or m.organisation.type == OrganisationType.GOVERNMENT
        for m in user_memberships(user)
    )
