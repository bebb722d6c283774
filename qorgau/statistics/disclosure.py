"""Disclosure control for aggregate tables that leave the system.

A table is a grid of entries (cells and the totals published beside them); each row and each
column that carries an equation ("these entries add up") is a line. Small counts
(0 < n < threshold) are suppressed first; then *complementary* suppression makes sure no
suppressed entry can be worked out from the published ones.

Why the graph: put one vertex per line that has an equation (plus one "ground" vertex for
lines without one) and one edge per suppressed entry, joining its row and its column. The
published entries fix each line's sum of suppressed entries; the suppressed values can then
change along any cycle of this graph (+d, -d, +d, … keeps every line's sum), and only along
cycles. So a suppressed entry is recoverable exactly when its edge is a *bridge* (on no
cycle). While some suppressed entry is a bridge, the cheapest path of further entries that
closes a cycle through it (fewest people hidden, zeros and totals last) is suppressed too.

This protects against exact recovery from the published totals (linear relations), which is
what row and column totals allow; it does not bound the interval an attacker can infer.
Rounding (optional) is applied to what is published, entry by entry, after suppression.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

SUPPRESSED = "*"
GROUND = ("ground",)

Key = tuple[str, str]
Published = int | str  # a count, or SUPPRESSED


@dataclass(frozen=True)
class Policy:
    """``threshold``: counts from 1 to threshold - 1 are suppressed (0 turns control off).
    ``rounding``: publish counts rounded to the nearest multiple of it (0 or 1: exact)."""

    threshold: int = 5
    rounding: int = 0

    def publish(self, value: int) -> int:
        if self.rounding <= 1:
            return value
        return round(value / self.rounding) * self.rounding


NO_CONTROL = Policy(threshold=0, rounding=0)


@dataclass
class Grid:
    """Entries by (row, column), and which rows and columns are lines that add up: in a line,
    the entries keyed ``total`` equal the sum of the others.

    A two-way table with its margins is a grid whose every row and column (including the
    total row and column) is a line; a one-way list with its total is one row that is a line,
    whose columns are not.
    """

    entries: dict[Key, int]
    line_rows: frozenset[str]
    line_columns: frozenset[str]
    shared: dict[Key, str] = field(default_factory=dict)
    """Entries that publish a quantity appearing in other grids too (a population's total),
    by a name: a quantity suppressed in one grid is suppressed in all."""

    def vertices(self, key: Key) -> tuple[Hashable, Hashable]:
        row, column = key
        return (
            ("row", row) if row in self.line_rows else GROUND,
            ("column", column) if column in self.line_columns else GROUND,
        )


def primary(grid: Grid, policy: Policy) -> set[Key]:
    """Entries too small to publish."""
    if policy.threshold <= 0:
        return set()
    return {key for key, value in grid.entries.items() if 0 < value < policy.threshold}


def _is_bridge(grid: Grid, suppressed: set[Key], key: Key) -> bool:
    start, end = grid.vertices(key)
    if start == end:
        return False  # a loop: on no line at all, so never recoverable
    adjacency: dict[Hashable, list[Hashable]] = {}
    for other in suppressed:
        if other == key:
            continue
        a, b = grid.vertices(other)
        adjacency.setdefault(a, []).append(b)
        adjacency.setdefault(b, []).append(a)
    seen, stack = {start}, [start]
    while stack:
        vertex = stack.pop()
        for neighbour in adjacency.get(vertex, ()):
            if neighbour == end:
                return False
            if neighbour not in seen:
                seen.add(neighbour)
                stack.append(neighbour)
    return True


def _cost(grid: Grid, key: Key) -> float:
    """Prefer hiding few people; hide zeros (which protect little) and totals last."""
    value = grid.entries[key]
    if "total" in key:
        return 1e12 + value
    return value if value > 0 else 1e9


def _closing_path(grid: Grid, suppressed: set[Key], key: Key) -> list[Key]:
    """The cheapest entries to suppress so that ``key`` lies on a cycle."""
    start, end = grid.vertices(key)
    edges: dict[Hashable, list[tuple[Hashable, Key]]] = {}
    for other in grid.entries:
        if other == key:
            continue
        a, b = grid.vertices(other)
        edges.setdefault(a, []).append((b, other))
        edges.setdefault(b, []).append((a, other))
    best: dict[Hashable, float] = {start: 0.0}
    previous: dict[Hashable, tuple[Hashable, Key]] = {}
    queue: list[tuple[float, int, Hashable]] = [(0.0, 0, start)]
    counter = 0
    while queue:
        cost, _, vertex = heapq.heappop(queue)
        if vertex == end:
            break
        if cost > best.get(vertex, float("inf")):
            continue
        for neighbour, other in edges.get(vertex, ()):
            step = 0.0 if other in suppressed else _cost(grid, other)
            if cost + step < best.get(neighbour, float("inf")):
                best[neighbour] = cost + step
                previous[neighbour] = (vertex, other)
                counter += 1
                heapq.heappush(queue, (cost + step, counter, neighbour))
    if end not in previous:
        raise ValueError(f"entry {key} cannot be protected in this table")
    path, vertex = [], end
    while vertex != start:
        vertex, other = previous[vertex]
        path.append(other)
    return [other for other in path if other not in suppressed]


def protect(grid: Grid, policy: Policy, forced: Iterable[Key] = ()) -> set[Key]:
    """The entries to suppress: the small ones, ``forced`` ones, and complements."""
    suppressed = primary(grid, policy) | set(forced)
    if not suppressed:
        return suppressed
    changed = True
    while changed:
        changed = False
        for key in sorted(suppressed, key=repr):
            if _is_bridge(grid, suppressed, key):
                suppressed.update(_closing_path(grid, suppressed, key))
                changed = True
                break
    return suppressed


def protect_all(grids: dict[str, Grid], policy: Policy) -> dict[str, set[Key]]:
    """Protect several grids of one release; a shared quantity suppressed in one grid is
    suppressed in every grid that publishes it, until nothing changes."""
    forced: dict[str, set[Key]] = {name: set() for name in grids}
    while True:
        result = {name: protect(grid, policy, forced[name]) for name, grid in grids.items()}
        hidden = {
            grid.shared[key]
            for name, grid in grids.items()
            for key in result[name]
            if key in grid.shared
        }
        grown = False
        for name, grid in grids.items():
            extra = {key for key, quantity in grid.shared.items() if quantity in hidden}
            if not extra <= result[name]:
                forced[name] |= extra
                grown = True
        if not grown:
            return result


def published(grid: Grid, suppressed: set[Key], policy: Policy) -> dict[Key, Published]:
    """What leaves the system: rounded counts, and ``*`` for the suppressed ones."""
    return {
        key: SUPPRESSED if key in suppressed else policy.publish(value)
        for key, value in grid.entries.items()
    }


def policy_from_settings() -> Policy:
    from django.conf import settings

    return Policy(threshold=settings.STATISTICS_THRESHOLD, rounding=settings.STATISTICS_ROUNDING)


# Reference dates (ADR 0036): figures for consecutive days can be differenced (a cell that
# grows by exactly one between two days names one person's registration), so anyone but the
# agency office's managers gets figures only as of these dates.


def is_reference_date(day: dt.date, months: int) -> bool:
    """The first day of every ``months``-th month counted from January: the stock at the end of
    the month before, as the fact sheet counts "as of 1 January"."""
    return day.day == 1 and (day.month - 1) % months == 0


def reference_date_on_or_before(day: dt.date, months: int) -> dt.date:
    """The last reference date on or before ``day``."""
    return dt.date(day.year, day.month - (day.month - 1) % months, 1)


def reference_date_after(day: dt.date, months: int) -> dt.date:
    """The first reference date after ``day``."""
    last = reference_date_on_or_before(day, months)
    month = last.month - 1 + months
    return dt.date(last.year + month // 12, month % 12 + 1, 1)


def reference_months_from_settings() -> int:
    from django.conf import settings

    months: int = settings.STATISTICS_REFERENCE_MONTHS
    return months
