"""Figures as the tables a release publishes, with disclosure control applied.

Every table is a ``disclosure.Grid``. Tables of one population share its total (and each
status its own total), so a total suppressed in one is suppressed in all; otherwise the
tables are different partitions of the same people and cannot be combined to isolate a cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qorgau.people.models import LegalStatus
from qorgau.statistics import disclosure
from qorgau.statistics.ages import AGE_BANDS
from qorgau.statistics.disclosure import Grid, Policy, Published
from qorgau.statistics.figures import Figures
from qorgau.statistics.selectors import (
    ACQUISITION_STATUSES,
    OTHER_SEX,
    REFUGEE_STATUSES,
    STATELESS_STATUSES,
)

TOTAL = "total"
ALL = "all"
SEXES = ("female", "male", OTHER_SEX)
REFUGEES = "refugees_and_asylum_seekers"
STATELESS = "stateless"
GROUPS: dict[str, tuple[str, ...]] = {REFUGEES: REFUGEE_STATUSES, STATELESS: STATELESS_STATUSES}


def one_way(counts: dict[str, int], total_of: str, parts: dict[str, str] | None = None) -> Grid:
    """A list with its total: one line whose entries add up to ``total``."""
    entries = {(ALL, key): n for key, n in counts.items()}
    entries[(ALL, TOTAL)] = sum(counts.values())
    shared: dict[tuple[str, str], str] = {(ALL, TOTAL): total_of}
    shared.update({(ALL, key): quantity for key, quantity in (parts or {}).items()})
    return Grid(entries, frozenset({ALL}), frozenset(), shared)


def two_way(
    counts: dict[tuple[str, str], int], rows: Iterable[str], columns: Iterable[str],
    total_of: str | None = None,
) -> Grid:  # fmt: skip
    """A cross-table with its row, column and grand totals; every row and column adds up."""
    rows, columns = list(rows), list(columns)
    entries: dict[tuple[str, str], int] = {}
    for row in rows:
        for column in columns:
            entries[(row, column)] = counts.get((row, column), 0)
        entries[(row, TOTAL)] = sum(entries[(row, c)] for c in columns)
    for column in [*columns, TOTAL]:
        entries[(TOTAL, column)] = sum(entries[(row, column)] for row in rows)
    shared = {(TOTAL, TOTAL): total_of} if total_of is not None else {}
    return Grid(entries, frozenset([*rows, TOTAL]), frozenset([*columns, TOTAL]), shared)


def _sum_by(
    counts: Iterable[tuple[Sequence[str], int]], keep: Iterable[int]
) -> Counter[tuple[str, ...]]:
    indices = tuple(keep)
    summed: Counter[tuple[str, ...]] = Counter()
    for key, n in counts:
        summed[tuple(key[i] for i in indices)] += n
    return summed


def grids(figures: Figures) -> dict[str, Grid]:
    """Every table of the release."""
    status_counts = _sum_by(figures.by_origin.items(), [0])
    result = {
        REFUGEES: one_way(
            {s: status_counts[(s,)] for s in REFUGEE_STATUSES}, REFUGEES,
            {s: s for s in REFUGEE_STATUSES},
        ),
        "refugees_by_origin": one_way(
            {
                origin: n
                for (origin,), n in _sum_by(
                    ((k, v) for k, v in figures.by_origin.items() if k[0] in REFUGEE_STATUSES),
                    [1],
                ).items()
            },
            REFUGEES,
        ),
        STATELESS: one_way(
            {s: status_counts[(s,)] for s in STATELESS_STATUSES}, STATELESS,
            {s: s for s in STATELESS_STATUSES},
        ),
        "citizenship_acquired": two_way(
            {(str(year), status): n for (year, status), n in figures.acquired.items()},
            [str(y) for y in range(figures.since.year, figures.as_of.year + 1)],
            ACQUISITION_STATUSES,
        ),
    }  # fmt: skip
    if figures.people is None:
        return result
    for status in (*REFUGEE_STATUSES, *STATELESS_STATUSES):
        mine = {k: v for k, v in figures.people.items() if k[0] == status}
        sex_age = {(sex, band): n for (sex, band), n in _sum_by(mine.items(), [1, 2]).items()}
        result[f"sex_and_age:{status}"] = two_way(sex_age, SEXES, AGE_BANDS, total_of=status)
    for group, statuses in GROUPS.items():
        mine = {k: v for k, v in figures.people.items() if k[0] in statuses}
        for name, index in (("region", 3), ("registering_organisation_type", 4)):
            counts = {key: n for (key,), n in _sum_by(mine.items(), [index]).items()}
            result[f"{name}:{group}"] = one_way(counts, group)
    return result


@dataclass(frozen=True)
class Release:
    """The published values of every table, and the policy that produced them."""

    figures: Figures
    policy: Policy
    tables: dict[str, dict[tuple[str, str], Published]]

    def table(self, name: str) -> dict[tuple[str, str], Published]:
        return self.tables[name]

    def line(self, name: str, row: str = ALL) -> dict[str, Published]:
        """One row of a table, by column."""
        return {str(c): v for (r, c), v in self.tables[name].items() if r == row}

    def value(self, name: str, column: str = TOTAL, row: str = ALL) -> Published:
        return self.tables[name].get((row, column), 0)


def release(figures: Figures, policy: Policy) -> Release:
    """Apply disclosure control to every table of the figures."""
    all_grids = grids(figures)
    suppressed = disclosure.protect_all(all_grids, policy)
    return Release(
        figures=figures,
        policy=policy,
        tables={
            name: disclosure.published(grid, suppressed[name], policy)
            for name, grid in all_grids.items()
        },
    )


STATUS_KEYS = {
    LegalStatus.REFUGEE: "refugees",
    LegalStatus.REFUGEE_LIKE: "refugee_like",
    LegalStatus.ASYLUM_SEEKER: "asylum_seekers",
    LegalStatus.STATELESS: "registered_by_government",
    LegalStatus.UNDETERMINED: "undetermined_nationality",
    LegalStatus.NATURALISED: "naturalised",
    LegalStatus.NATIONALITY_CONFIRMED: "nationality_confirmed",
}
