"""One key for the forms of one given name across languages.

``Александр``, ``Олександр`` and ``Oleksandr``, or ``Мухаммад``, ``Mohammad`` and
``Magomed``, fold to different keys (:func:`qorgau.names.fold` only undoes spelling,
not translation), yet they are one name that a person's documents in different
languages write differently. :func:`equivalent` maps the fold key of every form of
such a name to one canonical key: the key of the first form of its group.

The groups are data (``data/equivalents.json``), small and curated by hand; the file
says where they come from. Only forms of one name are grouped, never related names
(``Асан``/``Хасан`` stay apart, as :mod:`qorgau.names.folding` explains).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from qorgau.names.folding import fold


@cache
def equivalents_table() -> dict[str, str]:
    """Fold key of every listed spelling → the canonical key of its group."""
    data = json.loads(files("qorgau.names").joinpath("data/equivalents.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for group in data["groups"]:
        canonical = fold(group[0])
        for spelling in group:
            table.setdefault(fold(spelling), canonical)
    return table


def equivalent(key: str) -> str:
    """The canonical key of a fold key (the key itself when it is in no group).

    >>> equivalent(fold("Oleksandr")) == equivalent(fold("Александр"))
    True
    """
    return equivalents_table().get(key, key)
