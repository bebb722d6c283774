"""Background jobs of rights, run by ``qorgau db_worker``."""

from __future__ import annotations

import datetime as dt

from django.tasks import task
from django.utils import timezone

from qorgau.rights.services.retention import retention_run


@task()
def retention_task(today: str | None = None) -> dict[str, int]:
    """The retention run (daily or weekly). ``today`` is an ISO date (task arguments are
    JSON); by default the worker's date in Qorgau's time zone when it runs."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    outcomes = retention_run(today=day)
    return {
        "persons": sum(len(o.persons) for o in outcomes),
        "cases": sum(len(o.cases) for o in outcomes),
        "held": sum(len(o.held) for o in outcomes),
    }
