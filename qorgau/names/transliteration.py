"""Cyrillic → Latin transliteration of personal names.

Names in the registry arrive in Kazakh Cyrillic, Russian Cyrillic, Ukrainian
and the Cyrillic alphabets of Uzbek, Tajik and Kyrgyz. Staff and the matching
code need one Latin spelling that is predictable, so we follow what the people
concerned carry in their passports:

* the nine Kazakh letters use the Kazakh passport table (``қ`` → ``k``, ...);
* Russian letters use ICAO Doc 9303, the machine-readable-passport standard,
  taken from the ``iuliia`` package so that we do not maintain a copy;
* Ukrainian ``ї``, ``є``, ``ґ`` and a few Uzbek/Tajik/Tatar letters get the
  plain values their national passports use, so that no Cyrillic letter that
  is common in the region survives into the "Latin" output.

Why iuliia is asked per letter instead of per text: ``iuliia.ICAO_DOC_9303``
has no context rules (no word-initial, previous-letter or ending mappings, as
the tests verify letter by letter), so its output is a pure letter table. Asking
it once per letter gives exactly its mapping, while letting us (a) put the
Kazakh letters in the same table, so iuliia never sees them (it passes them
through untouched: ``"Сейтқазиев"`` → ``"Seitқaziev"``), and (b) fix its
capitalisation of all-capitals words (it gives ``"ZhANAR"`` for ``"ЖАНАР"``;
passports and staff write ``"ZHANAR"``).
"""

import re
import unicodedata
from typing import Final

import iuliia

#: The 33 letters of the Russian alphabet, whose values come from iuliia.
RUSSIAN_LETTERS: Final = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"

#: Kazakh-specific letters, as transliterated in Kazakh passports.
KAZAKH_LETTERS: Final[dict[str, str]] = {
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
}

#: Ukrainian-specific letters (``і`` is shared with Kazakh).
UKRAINIAN_LETTERS: Final[dict[str, str]] = {
    "ї": "i",
    "є": "ie",
    "ґ": "g",
}

#: Other regional letters: Uzbek/Belarusian ``ў``, Tajik/Uzbek ``ҳ``, Tajik
#: ``ӣ``, ``ӯ``, ``ҷ`` and Tatar/Bashkir ``җ``. Values follow the Latin the
#: respective passports use; they matter mostly so that :func:`fold` does not
#: silently drop the letter.
OTHER_REGIONAL_LETTERS: Final[dict[str, str]] = {
    "ў": "u",
    "ҳ": "h",
    "ӣ": "i",
    "ӯ": "u",
    "ҷ": "j",
    "җ": "zh",
}


def _icao_letters() -> dict[str, str]:
    """Ask iuliia for the ICAO Doc 9303 value of every Russian letter."""
    schema = iuliia.ICAO_DOC_9303
    return {letter: str(schema.translate(letter)) for letter in RUSSIAN_LETTERS}


#: Lower-case Cyrillic letter → lower-case Latin, for every letter we know.
LETTERS: Final[dict[str, str]] = {
    **_icao_letters(),
    **KAZAKH_LETTERS,
    **UKRAINIAN_LETTERS,
    **OTHER_REGIONAL_LETTERS,
}


def _table(*, all_caps: bool) -> dict[int, str]:
    """Build a ``str.translate`` table for one of the two capitalisation styles.

    A capital letter with a multi-letter value is written ``Zh`` in a
    capitalised word (``Жанар`` → ``Zhanar``) but ``ZH`` in an all-capitals
    word (``ЖАНАР`` → ``ZHANAR``), as in passports.
    """
    table: dict[int, str] = {}
    for lower, latin in LETTERS.items():
        table[ord(lower)] = latin
        table[ord(lower.upper())] = latin.upper() if all_caps else latin.capitalize()
    return table


_MIXED_CASE_TABLE: Final = _table(all_caps=False)
_ALL_CAPS_TABLE: Final = _table(all_caps=True)

#: Any Cyrillic letter we transliterate; texts without one are returned as is.
_CYRILLIC: Final = re.compile("[" + "".join(chr(code) for code in _MIXED_CASE_TABLE) + "]")

#: A word: a run of letters (no digits, underscores or marks).
_WORD: Final = re.compile(r"[^\W\d_]+")


def _transliterate_word(match: re.Match[str]) -> str:
    """Transliterate one word, choosing the capitalisation style from the word.

    A word counts as all-capitals when it has at least two letters and no
    lower-case one; a lone capital (an initial such as ``Ж.``) is treated as a
    capitalised word and becomes ``Zh``.
    """
    word = match.group()
    if len(word) > 1 and word.isupper():
        return word.translate(_ALL_CAPS_TABLE)
    return word.translate(_MIXED_CASE_TABLE)


def transliterate(text: str) -> str:
    """Transliterate Cyrillic letters in ``text`` to Latin, keeping the rest.

    Non-Cyrillic characters (Latin letters, digits, punctuation, spaces) pass
    through unchanged, so mixed-script strings such as ``"Жанар Smith"`` work.
    Text that contains Cyrillic is first put in Unicode NFC form so that a
    decomposed ``й`` (``и`` + combining breve) or ``ё`` is recognised as one
    letter; NFC does not change the meaning of any other character.

    >>> transliterate("Сейтқазиев Жанар")
    'Seitkaziev Zhanar'
    >>> transliterate("ЩЕРБАКОВ")
    'SHCHERBAKOV'
    """
    if not _CYRILLIC.search(text):
        # NFC composes a Cyrillic letter only from a Cyrillic base letter, so
        # a text without one has nothing to transliterate.
        return text
    return _WORD.sub(_transliterate_word, unicodedata.normalize("NFC", text))
