"""The funded share kept between requests, as the statistics figures are (ADR 0015): a copy is
stored in the figures cache under the operation, year and date, and the *generation* of the
funding records' history (contributions, exchange rates, requirements, donors). Every write
through the services adds a history row, so a change makes a new key and the next request
computes afresh; nothing has to clear the cache. A figure that stops on a missing rate is not
kept: it raises every time, naming the contribution."""

from __future__ import annotations

import datetime as dt

from django.core.cache import caches

from qorgau.audit.history import history_generation
from qorgau.funding.models import Contribution, Donor, ExchangeRate, Operation, Requirement
from qorgau.funding.selectors import FundedShare, funded_share

CACHE = "statistics"
VERSION = 1
"""Raise when ``FundedShare`` changes shape, so that old copies are not read."""


def funding_generation() -> str:
    return history_generation(Contribution, ExchangeRate, Requirement, Donor)


def funded_share_cached(*, operation: Operation, year: int, as_of: dt.date) -> FundedShare:
    """``selectors.funded_share``, computed once per state of the funding records. The
    generation is read before computing: a change made meanwhile gives a newer key."""
    key = f"funding:v{VERSION}:share:{operation.code}:{year}:{as_of}:{funding_generation()}"
    found: FundedShare | None = caches[CACHE].get(key)
    if found is None:
        found = funded_share(operation=operation, year=year, as_of=as_of)
        caches[CACHE].set(key, found)
    return found
