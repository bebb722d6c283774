"""The one figures function behind the JSON, the exports, the API, the dashboard, the public
page and the fact sheet: raw counts from the selectors, as of one date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from qorgau.statistics import selectors

SINCE = dt.date(2014, 1, 1)
"""Acquisitions of citizenship are counted from the launch of the #IBelong campaign."""


@dataclass(frozen=True)
class Figures:
    """Counts of one country office as of one date. ``by_origin``: (status, origin) → stock;
    ``acquired``: (year, NAT/NCF) → flow from ``since`` to ``as_of``; ``people``: (status,
    sex, age band, region, organisation type) → stock, when breakdowns were asked for."""

    country: str
    as_of: dt.date
    since: dt.date
    by_origin: dict[tuple[str, str], int]
    acquired: dict[tuple[int, str], int]
    people: dict[tuple[str, str, str, str, str], int] | None = None

    def status_total(self, *statuses: str) -> int:
        return sum(n for (status, _), n in self.by_origin.items() if status in statuses)

    @property
    def refugees_and_asylum_seekers(self) -> int:
        return self.status_total(*selectors.REFUGEE_STATUSES)

    @property
    def stateless(self) -> int:
        return self.status_total(*selectors.STATELESS_STATUSES)

    @property
    def acquired_total(self) -> int:
        return sum(self.acquired.values())


def figures(
    *, country: str, as_of: dt.date, since: dt.date = SINCE, breakdowns: bool = True
) -> Figures:
    """Key figures (two queries) and, with ``breakdowns``, every breakdown (one more)."""
    return Figures(
        country=country,
        as_of=as_of,
        since=since,
        by_origin=selectors.stocks_by_origin(country=country, on=as_of),
        acquired=selectors.acquisitions(country=country, since=since, until=as_of),
        people=selectors.stocks_by_person(country=country, on=as_of) if breakdowns else None,
    )
