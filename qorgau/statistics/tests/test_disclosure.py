"""Disclosure control: small counts hidden, never recoverable from the totals beside them."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qorgau.statistics.disclosure import SUPPRESSED, Policy, protect, protect_all, published
from qorgau.statistics.tables import TOTAL, one_way, two_way

POLICY = Policy(threshold=5)


def _recoverable(grid, suppressed) -> set:
    """Brute force: a suppressed entry is recoverable when every line through it has no
    other unknown, repeatedly (solving line by line), or by linear algebra over the lines."""
    import fractions

    unknowns = sorted(suppressed, key=repr)
    index = {key: i for i, key in enumerate(unknowns)}
    equations = []
    lines = [("row", r) for r in grid.line_rows] + [("column", c) for c in grid.line_columns]
    for kind, line in lines:
        members = [k for k in grid.entries if (k[0] if kind == "row" else k[1]) == line]
        if not any(k in index for k in members):
            continue
        sign = {k: (-1 if TOTAL in (k[1] if kind == "row" else k[0],) else 1) for k in members}
        row = [fractions.Fraction(0)] * len(unknowns)
        for k in members:
            if k in index:
                row[index[k]] += sign[k]
        equations.append(row)
    # Reduce; an unknown is determined iff its unit vector lies in the row space.
    rank_rows = _echelon(equations, len(unknowns))
    determined = set()
    for key, i in index.items():
        unit = [fractions.Fraction(int(j == i)) for j in range(len(unknowns))]
        if len(_echelon([*rank_rows, unit], len(unknowns))) == len(rank_rows):
            determined.add(key)
    return determined


def _echelon(rows, width):
    rows = [list(r) for r in rows]
    result, column = [], 0
    for column in range(width):
        pivot = next((r for r in rows if r[column] != 0), None)
        if pivot is None:
            continue
        rows.remove(pivot)
        pivot = [x / pivot[column] for x in pivot]
        rows = [[a - r[column] * b for a, b in zip(r, pivot, strict=True)] for r in rows]
        result.append(pivot)
    return result


def test_it_suppresses_small_counts_with_a_star_never_a_zero():
    grid = one_way({"AFG": 391, "UKR": 275, "IRN": 3, "SYR": 40}, "RAS")
    values = published(grid, protect(grid, POLICY), POLICY)

    assert values[("all", "IRN")] == SUPPRESSED
    assert values[("all", "total")] == 709


def test_a_single_small_cell_gets_a_complement_so_the_total_does_not_reveal_it():
    grid = one_way({"AFG": 391, "UKR": 275, "IRN": 3, "SYR": 40}, "RAS")
    suppressed = protect(grid, POLICY)

    # The smallest other count is hidden too: 709 - 391 - 275 no longer gives IRN.
    assert suppressed == {("all", "IRN"), ("all", "SYR")}
    assert _recoverable(grid, suppressed) == set()


def test_it_leaves_zeros_and_large_counts_alone():
    grid = one_way({"AFG": 391, "UKR": 0}, "RAS")

    assert protect(grid, POLICY) == set()


def test_a_list_with_one_small_count_hides_its_total():
    grid = one_way({"IRN": 3}, "RAS")

    assert protect(grid, POLICY) == {("all", "IRN"), ("all", "total")}


def test_two_way_tables_get_complements_in_rows_and_columns():
    counts = {("female", "0-4"): 2, ("female", "5-11"): 30, ("male", "0-4"): 25,
              ("male", "5-11"): 31, ("female", "18-59"): 50, ("male", "18-59"): 60}  # fmt: skip
    grid = two_way(counts, ["female", "male"], ["0-4", "5-11", "18-59"])
    suppressed = protect(grid, POLICY)

    assert ("female", "0-4") in suppressed
    assert len(suppressed) >= 4  # a rectangle at least
    assert _recoverable(grid, suppressed) == set()


def test_a_total_suppressed_in_one_table_is_suppressed_in_every_table_sharing_it():
    statuses = one_way({"REF": 2, "ASY": 1}, "RAS")
    origins = one_way({"AFG": 3}, "RAS")
    result = protect_all({"statuses": statuses, "origins": origins}, POLICY)

    assert ("all", "total") in result["statuses"]
    assert ("all", "total") in result["origins"]


def test_rounding_rounds_what_is_published():
    grid = one_way({"AFG": 391, "UKR": 276}, "RAS")
    policy = Policy(threshold=5, rounding=5)

    assert published(grid, protect(grid, policy), policy) == {
        ("all", "AFG"): 390, ("all", "UKR"): 275, ("all", "total"): 665,
    }  # fmt: skip


def test_threshold_zero_turns_suppression_off():
    grid = one_way({"IRN": 1, "AFG": 9}, "RAS")

    assert protect(grid, Policy(threshold=0)) == set()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=4),
             min_size=2, max_size=4).filter(lambda rows: len({len(r) for r in rows}) == 1)
)  # fmt: skip
def test_no_suppressed_entry_of_a_cross_table_can_be_recovered(rows):
    counts = {
        (f"r{i}", f"c{j}"): value for i, row in enumerate(rows) for j, value in enumerate(row)
    }
    grid = two_way(counts, [f"r{i}" for i in range(len(rows))],
                   [f"c{j}" for j in range(len(rows[0]))])  # fmt: skip
    suppressed = protect(grid, POLICY)

    small = {k for k, v in grid.entries.items() if 0 < v < 5}
    assert small <= suppressed
    assert _recoverable(grid, suppressed) == set()


@pytest.mark.parametrize("values", list(itertools.product([0, 1, 7], repeat=3)))
def test_no_suppressed_entry_of_a_list_can_be_recovered(values):
    grid = one_way({f"c{i}": v for i, v in enumerate(values)}, "X")
    suppressed = protect(grid, POLICY)

    assert _recoverable(grid, suppressed) == set()
