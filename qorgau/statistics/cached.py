"""Figures kept between requests (ADR 0015).

A copy is stored in the ``statistics`` cache under the country, the dates, whether it has the
breakdowns, and the *generation* of the status history: a fingerprint of the newest rows of the
history of status periods and of people (every change to either writes a history row, by form,
API, import, merge or generator). A change therefore makes a new key, and the next request
computes afresh; nothing has to remember to clear the cache.

Staff pages compute a missing copy in the request. The public page never recomputes one for a
visitor: when the history has changed it serves the last copy and queues a refresh for the
worker (once per generation); only a copy that was never computed is computed in the request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache

from qorgau.audit.history import history_generation as generation_of
from qorgau.people.models import LegalStatusPeriod, Person
from qorgau.statistics import selectors
from qorgau.statistics.figures import SINCE, Figures, figures

CACHE = "statistics"
VERSION = 1
"""Raise when ``Figures`` changes shape, so that old copies are not read."""


def _cache() -> BaseCache:
    return caches[CACHE]


def history_generation() -> str:
    """The state of the status and person history (``audit.history.history_generation``)."""
    return generation_of(LegalStatusPeriod, Person)


def _key(kind: str, country: str, as_of: dt.date, since: dt.date, breakdowns: bool) -> str:
    return f"statistics:v{VERSION}:{kind}:{country}:{as_of}:{since}:{int(breakdowns)}"


def figures_cached(
    *, country: str, as_of: dt.date, since: dt.date = SINCE, breakdowns: bool = True
) -> Figures:
    """The figures of ``figures()``, computed once per state of the history. The generation is
    read before computing: a change made meanwhile gives a newer key, never a stale copy."""
    generation = history_generation()
    key = f"{_key('figures', country, as_of, since, breakdowns)}:{generation}"
    found: Figures | None = _cache().get(key)
    if found is None:
        found = figures(country=country, as_of=as_of, since=since, breakdowns=breakdowns)
        _cache().set(key, found)
    return found


def first_record_date_cached(*, country: str) -> dt.date | None:
    """``selectors.first_record_date`` (checked by every request for figures), kept as the
    figures are: at a million people it reads every status period (0.2 s on PostgreSQL)."""
    key = f"statistics:v{VERSION}:first:{country}:{history_generation()}"
    found: tuple[dt.date | None] | None = _cache().get(key)
    if found is None:
        found = (selectors.first_record_date(country=country),)
        _cache().set(key, found)
    return found[0]


def stocks_on_dates_cached(
    *, country: str, dates: Sequence[dt.date], statuses: tuple[str, ...]
) -> dict[tuple[dt.date, str], int]:
    """``selectors.stocks_on_dates`` (the trend of the charts), kept as the figures are."""
    generation = history_generation()
    days = ",".join(day.isoformat() for day in dates)
    key = f"statistics:v{VERSION}:trend:{country}:{','.join(statuses)}:{days}:{generation}"
    key = f"statistics:v{VERSION}:trend:{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    found: dict[tuple[dt.date, str], int] | None = _cache().get(key)
    if found is None:
        found = selectors.stocks_on_dates(country=country, dates=dates, statuses=statuses)
        _cache().set(key, found)
    return found


def _published(country: str, as_of: dt.date) -> Figures | None:
    """The public figures of a country as of a date; None before its history begins."""
    first = selectors.first_record_date(country=country)
    if first is None or first > as_of:
        return None
    return figures(country=country, as_of=as_of, breakdowns=False)


def published_refresh(*, country: str, as_of: dt.date) -> Figures | None:
    """Compute the public figures and store them as the current and the last copy (the worker's
    job, and the first request's when there is no copy at all)."""
    generation = history_generation()
    published = _published(country, as_of)
    base = _key("public", country, as_of, SINCE, False)
    _cache().set_many({f"{base}:{generation}": (published,), f"{base}:last": (published,)})
    return published


def published_figures(*, country: str, as_of: dt.date) -> Figures | None:
    """The public figures, never recomputed for a visitor: the current copy; else the last one,
    with a refresh queued for the worker; else (never computed) computed now."""
    from qorgau.statistics.tasks import published_refresh_task  # tasks import this module

    generation = history_generation()
    base = _key("public", country, as_of, SINCE, False)
    found = _cache().get_many([f"{base}:{generation}", f"{base}:last"])
    if (current := found.get(f"{base}:{generation}")) is not None:
        return current[0]
    if (last := found.get(f"{base}:last")) is not None:
        if _cache().add(f"{base}:{generation}:queued", True, timeout=3600):
            published_refresh_task.enqueue(country=country, as_of=as_of.isoformat())
        return last[0]
    return published_refresh(country=country, as_of=as_of)


def published_current(*, country: str, as_of: dt.date) -> None:
    """The public copy of the current generation, computed unless it is there already (the
    warm-up's, ``warm.figures_warm``)."""
    base = _key("public", country, as_of, SINCE, False)
    if _cache().get(f"{base}:{history_generation()}") is None:
        published_refresh(country=country, as_of=as_of)
