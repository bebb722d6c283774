"""Shared by the matching benchmarks: scores of found pairs against true pairs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

type PairKey = tuple[str, str]


def unordered(pairs: Iterable[tuple[str, str]]) -> set[PairKey]:
    """Pairs with the smaller id first, so that (a, b) and (b, a) count once."""
    return {(a, b) if a <= b else (b, a) for a, b in pairs}


@dataclass(frozen=True)
class Scores:
    found: int
    true: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.true if self.true else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        return (
            f"F1 {self.f1:.4f}  precision {self.precision:.4f}  recall {self.recall:.4f}  "
            f"({self.correct:,} of {self.found:,} found pairs true; {self.true:,} true pairs)"
        )


def scores(found: Iterable[tuple[str, str]], true: set[PairKey]) -> Scores:
    found_set = unordered(found)
    return Scores(len(found_set), len(true), len(found_set & true))
