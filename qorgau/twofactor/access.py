"""The only door to a user that a two-factor URL names: by opaque id, among the members the
actor manages; the same 404 for missing, not theirs and malformed."""

from __future__ import annotations

from uuid import UUID

from qorgau.organisations.models import User
from qorgau.people.access import record_or_404
from qorgau.twofactor.selectors import members_for_reset


def access_member_for_reset(*, user: User, public_id: UUID | str) -> User:
    return record_or_404(members_for_reset(user), public_id)
