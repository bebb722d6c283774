"""Background jobs of reminders, run by ``qorgau db_worker``."""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.utils import timezone

from qorgau.reminders.services import reminders_refresh


@task()
def reminders_refresh_task(today: str | None = None) -> dict[str, int]:
    """The daily refresh. ``today`` is an ISO date (task arguments are JSON); by default the
    worker's date in Qorgau's time zone when it runs."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    result = reminders_refresh(today=day)
    return {"created": result.created, "closed": result.closed, "reopened": result.reopened}
