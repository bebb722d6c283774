"""Nothing in Qorgau rewrites the audit trail: a user with rows in the logs cannot be deleted
(``PROTECT``), so no cascade ever reaches them (ADR 0034)."""

from __future__ import annotations

import uuid

import pytest
from django.db.models import ProtectedError

from qorgau.audit.models import AccessLog, SecurityEvent
from qorgau.audit.services import Reader, access_log_record, security_event_record
from qorgau.organisations.models import User

pytestmark = pytest.mark.django_db


def test_it_refuses_to_delete_a_user_the_logs_name(clerk: User) -> None:
    access_log_record(
        reader=Reader(user=clerk, channel="web"),
        action="view",
        object_type="person",
        object_ids=[uuid.uuid4()],
    )
    security_event_record(actor=clerk, event="denied", object_type="person")

    with pytest.raises(ProtectedError):
        clerk.delete()

    assert AccessLog.objects.filter(user=clerk).count() == 1
    assert SecurityEvent.objects.filter(user=clerk).count() == 1
