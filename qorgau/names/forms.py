"""Name forms that differ by sex or by naming tradition, reduced to one stem.

Works on fold keys (:func:`qorgau.names.fold`), so that one rule covers every script
and transliteration: ``Сергеевна``, ``Sergeevna`` and ``Sergeyevna`` all fold to
``sergevna`` before the ending is removed.

Patronymics
===========

A patronymic names the father. The region writes it in several traditions, and the
same person's documents often disagree: a Kazakh man may be ``Серікович`` on an old
Soviet passport and ``Серікұлы`` on a new identity card, an Uzbek woman
``Бахтиёровна`` or ``Баҳтиёр қизи``. :func:`patronymic_stem` reduces all of them to
the father's name stem (``serik``, ``bakhtier``):

* Russian and Ukrainian endings: ``-ович``/``-евич``/``-овна``/``-евна``, ``-ич``/
  ``-ична`` (``Ильич``), Ukrainian ``-івна``;
* Kazakh ``-ұлы``/``-қызы`` (written joined: ``Серікұлы``), Latin ``-uly``/``-kyzy``;
* Uzbek ``ўғли``/``қизи`` (``угли``/``кизи``), Kyrgyz ``уулу``/``кызы``, Azerbaijani
  ``оглы``/``гызы``, written as separate words: those words are dropped.

The stem is not the father's given name itself (``Сергей`` → ``sergei`` but
``Сергеевич`` → ``serg``): compare stems with stems.

Family names
============

Russian-style family names change with sex (``Иванов``/``Иванова``, ``Ковальский``/
``Ковальская``/Ukrainian ``Ковальська``), and Kazakh family names formed from an
ancestor's name take ``-ұлы`` for a son and ``-қызы`` for a daughter.
:func:`family_stem` gives the masculine (or bare) form, so that a brother and a sister,
and a woman written once with and once without the feminine ending, agree on the
family name; sex is compared separately.
"""

from __future__ import annotations

from typing import Final

#: Whole words that only mark a patronymic ("son of", "daughter of"), as fold keys:
#: Uzbek ўғли/угли/ugli and қизи/кизи/qizi, Kyrgyz уулу/кызы, Kazakh ұлы/қызы written
#: apart, Azerbaijani оглы/гызы.
PATRONYMIC_WORDS: Final = frozenset(
    {"ugli", "ogli", "ugi", "uli", "ulu", "kizi", "kisi", "gizi"},
)

#: Patronymic endings as they fold, longest first (``-евич`` folds to ``evich``, ``-ұлы``
#: to ``uli``, ``-қызы`` to ``kizi``).
PATRONYMIC_ENDINGS: Final = (
    "ovichna",
    "evichna",
    "inichna",
    "ovich",
    "evich",
    "ivich",
    "ovna",
    "evna",
    "ivna",
    "ichna",
    "ich",
    "ugli",
    "ogli",
    "kizi",
    "gizi",
    "uli",
    "ulu",
)

#: Feminine family name endings as they fold → the masculine ending (``-ова`` →
#: ``-ов``; ``-ская``/``-ська`` → ``-ский``, which folds to ``ski``; ``-қызы`` →
#: ``-ұлы``).
FAMILY_ENDINGS: Final = (
    ("skaia", "ski"),
    ("ska", "ski"),
    ("ova", "ov"),
    ("eva", "ev"),
    ("ina", "in"),
    ("kizi", "uli"),
    ("uli", "uli"),
)


#: A stem shorter than this is not a name: the ending is kept instead.
MIN_STEM: Final = 2


def _strip(key: str, ending: str) -> str | None:
    if key.endswith(ending) and len(key) - len(ending) >= MIN_STEM:
        return key[: -len(ending)]
    return None


def patronymic_stem(keys: list[str]) -> str:
    """The father's name stem of a patronymic given as fold keys (one per word).

    >>> patronymic_stem(["serikuli"]), patronymic_stem(["serikizi"])
    ('seri', 'seri')
    >>> patronymic_stem(["khasan", "kizi"]), patronymic_stem(["khasanovna"])
    ('khasan', 'khasan')
    """
    words = [key for key in keys if key not in PATRONYMIC_WORDS]
    if not words:
        return ""
    stem = "".join(words)
    for ending in PATRONYMIC_ENDINGS:
        stripped = _strip(stem, ending)
        if stripped is not None:
            return _without_k(stripped)
    return _without_k(stem)


def _without_k(stem: str) -> str:
    """``stem`` without a final ``k``, if enough is left.

    After a stem ending in ``k`` (``Серік``), folding collapses it with the ``k`` of
    ``-қызы`` (``Серікқызы`` → ``serikizi``), so stems are compared without that letter
    whatever the form (``Серікович`` → ``seri`` too)."""
    return stem[:-1] if stem.endswith("k") and len(stem) > MIN_STEM else stem


def family_stem(key: str) -> str:
    """The masculine form of one family name fold key.

    >>> family_stem("ivanova"), family_stem("kovalskaia"), family_stem("bolatkizi")
    ('ivanov', 'kovalski', 'bolatuli')
    """
    for feminine, masculine in FAMILY_ENDINGS:
        stripped = _strip(key, feminine)
        if stripped is not None:
            if masculine == "uli":
                stripped = _without_k(stripped)
            return stripped + masculine
    return key


def swapped_family_stem(key: str) -> str:
    """:func:`family_stem` for a word that may be a family name written in the given-name
    field (``Balnur | Beisenova``), where ``-ина`` is left alone: it ends too many given
    names (``Амина``, ``Марина``) whose masculine form is another person's name.

    >>> swapped_family_stem("beisenova"), swapped_family_stem("amina")
    ('beisenov', 'amina')
    """
    return key if key.endswith("ina") else family_stem(key)
