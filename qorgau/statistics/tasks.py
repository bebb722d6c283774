"""Background jobs of statistics, run by ``qorgau db_worker``."""

from __future__ import annotations

import datetime as dt

from django.tasks import task

from qorgau.statistics.cached import published_refresh


@task()
def published_refresh_task(country: str, as_of: str) -> bool:
    """Recompute a country's public figures after the status history changed (ADR 0015).
    ``as_of`` is an ISO date (task arguments are JSON). True when there are figures."""
    return published_refresh(country=country, as_of=dt.date.fromisoformat(as_of)) is not None
