"""Repair of Latin/Cyrillic look-alike letters inside one name token.

Registry data is typed on keyboards that switch between layouts, and pasted
from documents produced the same way, so a Cyrillic surname often carries a
Latin ``a``, ``c``, ``e``, ``o``, ``p`` or ``x`` (and the reverse). The glyphs
look identical to staff, but they transliterate differently: Cyrillic ``р`` is
``r`` while Latin ``p`` is ``p``; Cyrillic ``с`` is ``s`` while Latin ``c``
folds to ``ts``. Without a repair, ``"Сейтказиeв"`` with a Latin ``e`` would
still fold correctly only by luck, and ``"Cапаров"`` with a Latin ``C`` would
not fold to the same key as ``"Сапаров"``.

The repair only touches a token that mixes the two scripts, and decides which
script was meant by counting the *telling* letters: those that have no
look-alike in the other script (``ж``, ``и``, lower-case ``т`` on the Cyrillic
side; ``q``, ``s``, ``z`` on the Latin side). The look-alikes are then moved to
the winning script. A tie (including a token made only of look-alikes) goes to
Cyrillic, the registry's main script.
"""

import re
from typing import Final

#: Latin letter → the Cyrillic letter drawn the same in common fonts.
LATIN_TO_CYRILLIC: Final[dict[str, str]] = {
    "a": "а",
    "c": "с",
    "e": "е",
    "i": "і",
    "k": "к",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
    "A": "А",
    "B": "В",
    "C": "С",
    "E": "Е",
    "H": "Н",
    "I": "І",
    "K": "К",
    "M": "М",
    "O": "О",
    "P": "Р",
    "T": "Т",
    "X": "Х",
    "Y": "У",
}

#: The reverse direction of :data:`LATIN_TO_CYRILLIC`.
CYRILLIC_TO_LATIN: Final[dict[str, str]] = {
    cyrillic: latin for latin, cyrillic in LATIN_TO_CYRILLIC.items()
}

_TO_CYRILLIC: Final = str.maketrans(LATIN_TO_CYRILLIC)
_TO_LATIN: Final = str.maketrans(CYRILLIC_TO_LATIN)

#: Cyrillic letters (the Cyrillic and Cyrillic Supplement blocks).
_CYRILLIC: Final = re.compile("[\u0400-\u052f]")
#: Latin letters: ASCII, Latin-1 letters (not × or ÷), Extended-A/B and
#: Extended Additional, which cover Kazakh 2021, Turkish and Uzbek Latin.
_LATIN: Final = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")


def _telling_letters(letters: list[str], lookalikes: dict[str, str]) -> int:
    """Count the letters that have no look-alike in the other script."""
    return sum(1 for letter in letters if letter not in lookalikes)


def repair_homoglyphs(token: str) -> str:
    """Move look-alike letters of a mixed-script token to its intended script.

    Tokens in one script (the vast majority) are returned unchanged.

    >>> repair_homoglyphs("Cапаров")  # Latin C
    'Сапаров'
    >>> repair_homoglyphs("Sеitkaziev")  # Cyrillic е
    'Seitkaziev'
    """
    cyrillic = _CYRILLIC.findall(token)
    if not cyrillic:
        return token
    latin = _LATIN.findall(token)
    if not latin:
        return token
    cyrillic_telling = _telling_letters(cyrillic, CYRILLIC_TO_LATIN)
    latin_telling = _telling_letters(latin, LATIN_TO_CYRILLIC)
    if latin_telling > cyrillic_telling:
        return token.translate(_TO_LATIN)
    return token.translate(_TO_CYRILLIC)
