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
import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files
from typing import Final

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


#: ``Abd al-`` written ``Abdel``, ``Abdal``, ``Abdol`` (Persian) → ``Abdul``.
_ABD_AL: Final = re.compile(r"^abd[aeo]l")
#: ``Abdul`` before a "sun letter" (r, s, sh, t, d, z, n), where Arabic assimilates the
#: ``l``: ``Abdul Rahman`` is also written ``Abdurrahman`` and ``Abdur Rahman``, ``Abdul
#: Salam`` ``Abdussalam``. Both are read as ``abdu`` + the letter (doubles collapse).
_ABDUL_SUN: Final = re.compile(r"^abdul(?=[rsztdn])")
_DOUBLES: Final = re.compile(r"(.)\1+")
#: Short prefix words of Arabic and Persian compound names that are also written joined
#: to the next word (``Abdul Karim`` = ``Abdulkarim``, ``Mir Wais`` = ``Mirwais``).
_JOINED_PREFIXES: Final = frozenset({"abdul", "abdu", "abdur", "abdus", "abdel", "abdol", "mir"})


def _compound(key: str) -> str:
    """One fold key of an Arabic compound, with ``Abd al-`` spelt one way."""
    return _DOUBLES.sub(r"\1", _ABDUL_SUN.sub("abdu", _ABD_AL.sub("abdul", key)))


def mohammad_key() -> str:
    """The canonical key of ``Мухаммад``/``Mohammad``/``Magomed``."""
    return equivalent(fold("Мухаммад"))


def name_words(keys: Sequence[str]) -> list[str]:
    """The canonical words of one name field given as fold keys (one per word).

    Each word is replaced by the key of its group (:func:`equivalent`), a prefix word
    written apart is joined to the next word (``Abdul Rahman`` = ``Abdurrahman``), and a
    leading ``Mohammad`` is left out when other words follow: Afghan and Central Asian
    documents write ``Mohammad Habib`` where another list has ``Habib``.

    >>> name_words(["mokhamed", "khabib"]) == name_words(["khabib"])
    True
    >>> name_words(["abdul", "rakhman"]) == name_words(["abdurakhman"])
    True
    """
    words: list[str] = []
    pending = ""
    for key in keys:
        if not key:
            continue
        if key in _JOINED_PREFIXES:
            pending += key
            continue
        words.append(equivalent(_compound(pending + key)))
        pending = ""
    if pending:
        words.append(equivalent(_compound(pending)))
    mohammad = mohammad_key()
    if len(words) > 1 and words[0] == mohammad:
        words = [word for word in words if word != mohammad] or words[:1]
    return words


#: Persian and Arabic vowels as English spellings write them: ``o``/``u`` (``Mohammad``,
#: ``Muhammad``), ``e``/``i`` (``Hossein``, ``Husain``), ``a``/``e`` (``Fereshta``,
#: ``Farishta``), so ``a e i`` are one vowel and ``o u`` another.
_PERSIAN_VOWELS: Final = str.maketrans({"e": "a", "i": "a", "o": "u"})


def persian_vowels(key: str) -> str:
    """A fold key with its vowels reduced to the two that English spellings of Persian and
    Arabic names keep apart (``a e i`` and ``o u``), doubles collapsed: a comparison-time
    equivalence (ADR 0045), never a stored key, since it also joins names that are not one
    (Kazakh ``Асан``/``Есен``).

    >>> persian_vowels(fold("Fereshta")) == persian_vowels(fold("Фаришта"))
    True
    >>> persian_vowels(fold("Hossein")) == persian_vowels(fold("Husain"))
    True
    """
    return _DOUBLES.sub(r"\1", key.translate(_PERSIAN_VOWELS))
