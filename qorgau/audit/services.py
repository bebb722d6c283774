"""Writes of the audit trail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.http import HttpRequest

from qorgau.audit.models import AccessLog, Channel
from qorgau.organisations.models import User


@dataclass(frozen=True)
class Reader:
    """Who is reading, and from where: what every access-log row records."""

    user: User
    channel: str
    path: str = ""
    address: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest, channel: str = Channel.WEB) -> Reader:
        if not isinstance(request.user, User):
            raise TypeError("readers are authenticated users")
        return cls(
            user=request.user,
            channel=channel,
            path=request.get_full_path()[:300],
            address=request.META.get("REMOTE_ADDR") or None,
        )


def access_log_record(
    *, reader: Reader, action: str, object_type: str, object_ids: Iterable[UUID]
) -> None:
    """Log one read per object. Called by the access gates and by list and export code."""
    AccessLog.objects.bulk_create(
        AccessLog(
            user=reader.user,
            channel=reader.channel,
            action=action,
            object_type=object_type,
            object_id=object_id,
            path=reader.path,
            address=reader.address,
        )
        for object_id in object_ids
    )
