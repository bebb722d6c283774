"""Reads of reminders. Every function starts from the access gate."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.organisations.models import User
from qorgau.reminders.access import visible_reminders
from qorgau.reminders.models import OPEN, Reminder


def reminders_for(user: User | AnonymousUser) -> QuerySet[Reminder]:
    """The open reminders the user may see, the most overdue first."""
    return (
        visible_reminders(user)
        .filter(OPEN)
        .select_related(
            "organisation", "person", "document", "case", "case__country", "case__household"
        )
        .order_by("due_on", "id")
    )
