"""The only door to an export: its requester's, by opaque id; anyone else (another user of the
same organisation included) gets the same 404 as for a missing one, and so does everyone once
it has expired."""

from __future__ import annotations

from uuid import UUID

from django.utils import timezone

from qorgau.exports.models import Export
from qorgau.organisations.models import User
from qorgau.people.access import record_or_404


def access_export(*, user: User, public_id: UUID | str) -> Export:
    mine = Export.objects.filter(requested_by=user, expires_at__gt=timezone.now())
    return record_or_404(mine, public_id, "export")
