"""Typos: the one-letter errors of people copying or hearing names."""

import random
from typing import Final

from qorgau.population.naming.forms import KAZAKH_TO_RUSSIAN


def _keyboard_neighbours(rows: tuple[str, ...]) -> dict[str, set[str]]:
    """Left and right neighbours of every key on a keyboard of ``rows``."""
    neighbours: dict[str, set[str]] = {}
    for row in rows:
        for index, key in enumerate(row):
            near = neighbours.setdefault(key, set())
            if index > 0:
                near.add(row[index - 1])
            if index < len(row) - 1:
                near.add(row[index + 1])
    return neighbours


#: Sound-alike confusions of people copying or hearing names (both directions).
_PHONETIC_PAIRS: Final = (
    "еэ", "иы", "шщ", "ао", "еи", "зс", "бп", "дт", "вф", "гк", "жш", "ёе", "йи", "ьъ",
    "iy", "ei", "ou", "ae", "kq", "sz", "vw", "jy",
)  # fmt: skip
#: A national letter typed as its Russian look-alike (a Russian keyboard has none of them).
_LOOK_ALIKE_SLIPS: Final = KAZAKH_TO_RUSSIAN | {"ў": "у", "ҳ": "х", "ӣ": "и", "ӯ": "у", "ҷ": "ж"}


def _typo_neighbours() -> dict[str, tuple[str, ...]]:
    """Lower-case letter → the letters it is mistyped or misheard as (sorted, deterministic)."""
    neighbours = _keyboard_neighbours(
        ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю", "qwertyuiop", "asdfghjkl", "zxcvbnm")
    )
    for first, second in _PHONETIC_PAIRS:
        neighbours.setdefault(first, set()).add(second)
        neighbours.setdefault(second, set()).add(first)
    for national, russian in _LOOK_ALIKE_SLIPS.items():
        neighbours.setdefault(national, set()).add(russian)
    return {letter: tuple(sorted(near)) for letter, near in neighbours.items()}


_TYPO_NEIGHBOURS: Final = _typo_neighbours()


def _with_case(letter: str, model: str) -> str:
    return letter.upper() if model.isupper() else letter


def typo(rng: random.Random, text: str) -> str:
    """One realistic error in ``text``: a letter dropped, doubled, swapped or replaced.

    Replacements are keyboard neighbours (ЙЦУКЕН and QWERTY) or sound-alikes (``е/э``,
    ``и/ы``, ``ш/щ``, ``а/о``, ``i/y``, Kazakh letter / Russian look-alike...). Only letters
    are touched. The result always differs from ``text`` and is never empty; a text without
    letters raises :class:`ValueError`. Typos are meant *not* to keep the ``fold`` key.
    """
    positions = [index for index, char in enumerate(text) if char.isalpha()]
    if not positions:
        raise ValueError(f"no letter to misspell in {text!r}")
    for _ in range(8):
        kind = rng.random()
        index = positions[int(rng.random() * len(positions))]
        char = text[index]
        if kind < 0.25:  # drop
            if len(positions) < 2:
                continue
            rest = text[index + 1 :]
            if char.isupper() and rest[:1].islower():
                rest = rest[0].upper() + rest[1:]
            return text[:index] + rest
        if kind < 0.45:  # double
            return text[: index + 1] + char.lower() + text[index + 1 :]
        if kind < 0.70:  # swap with the next letter, keeping the case pattern
            following = index + 1
            if following >= len(text) or not text[following].isalpha():
                continue
            first, second = char.lower(), text[following].lower()
            if first == second:
                continue
            swapped = _with_case(second, char) + _with_case(first, text[following])
            return text[:index] + swapped + text[following + 1 :]
        near = _TYPO_NEIGHBOURS.get(char.lower())  # replace
        if not near:
            continue
        replacement = near[int(rng.random() * len(near))]
        return text[:index] + _with_case(replacement, char) + text[index + 1 :]
    index = positions[int(rng.random() * len(positions))]
    return text[: index + 1] + text[index].lower() + text[index + 1 :]
