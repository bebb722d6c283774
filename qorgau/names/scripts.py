"""Names whose words mix Latin and Cyrillic letters (issue 14).

A word such as ``"Alexеy"`` (its ``е`` Cyrillic) looks right to every reader but is another
string: searches and duplicate checks miss it, and it can pass for someone else's name. Each
word that mixes the two scripts is given the script its *telling* letters show (those with no
look-alike in the other script; a tie, look-alikes only, goes to Cyrillic, the registry's main
script, as in :mod:`qorgau.names.homoglyphs`). A letter of the other script that has a
look-alike in the word's script is replaced by it, and the replacement reported so that the
user can check it; a letter that has none (the Latin ``m`` of ``"Айгерim"``) cannot be repaired
and the word is refused, naming that letter.

The look-alikes are the reviewed table of :mod:`qorgau.names.homoglyphs` (the one search
folding uses), and, only from Cyrillic into a Latin word, a few Cyrillic letters of other
languages drawn like Latin ones (from Unicode's confusables data, ``confusables.txt``): a
Latin letter in a Cyrillic word is only ever replaced by a Kazakh or Russian letter.

The text is first brought to Unicode's composed form (NFC), which changes no character's
meaning (canonical equivalence): ``"и"`` + combining breve becomes ``"й"``. Compatibility
forms (NFKC: ligatures, full-width letters) are not folded, as that would change the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from qorgau.names.homoglyphs import CYRILLIC_TO_LATIN, LATIN_TO_CYRILLIC

#: Cyrillic letters of other languages drawn like Latin letters (confusables.txt), moved to
#: Latin in a Latin word. Not the reverse: a Cyrillic word gets only Kazakh or Russian letters.
CYRILLIC_TO_LATIN_EXTRA: Final[dict[str, str]] = {
    "һ": "h",
    "Һ": "H",
    "ј": "j",
    "Ј": "J",
    "ѕ": "s",
    "Ѕ": "S",
    "ԁ": "d",
    "ԛ": "q",
    "Ԛ": "Q",
    "ԝ": "w",
    "Ԝ": "W",
    "ӏ": "l",
    "Ӏ": "I",
}

_TO_LATIN: Final[dict[str, str]] = {**CYRILLIC_TO_LATIN, **CYRILLIC_TO_LATIN_EXTRA}
_CYRILLIC: Final = re.compile("[\u0400-\u052f]")
_LATIN: Final = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
# A word: letters and the marks on them; anything else (space, hyphen, apostrophe) separates.
_WORD: Final = re.compile(r"(?:[^\W\d_][\u0300-\u036f]*)+")


@dataclass(frozen=True)
class LetterReplaced:
    """A look-alike letter moved to its word's script."""

    word: str  # the word as typed
    character: str
    replacement: str


@dataclass(frozen=True)
class ScriptCheck:
    text: str  # NFC, look-alikes moved to their word's script
    replaced: tuple[LetterReplaced, ...] = ()
    refused_word: str = ""  # the first word that could not be repaired, as typed
    refused_character: str = ""  # its first letter with no look-alike


def is_latin(character: str) -> bool:
    return bool(_LATIN.match(character))


def _check_word(word: str) -> tuple[str, list[LetterReplaced], str]:
    """The word in one script, the letters replaced, and a letter that cannot be ("")."""
    cyrillic = _CYRILLIC.findall(word)
    latin = _LATIN.findall(word)
    if not cyrillic or not latin:
        return word, [], ""
    cyrillic_telling = sum(1 for c in cyrillic if c not in _TO_LATIN)
    latin_telling = sum(1 for c in latin if c not in LATIN_TO_CYRILLIC)
    to_latin = latin_telling > cyrillic_telling
    strangers = cyrillic if to_latin else latin
    table: dict[str, str] = _TO_LATIN if to_latin else LATIN_TO_CYRILLIC
    for character in strangers:
        if character not in table:
            return word, [], character
    replaced = [LetterReplaced(word, c, table[c]) for c in dict.fromkeys(strangers)]
    return "".join(table.get(c, c) for c in word), replaced, ""


def name_script_check(text: str) -> ScriptCheck:
    """Check and repair every word of a name (see the module's documentation).

    >>> name_script_check("Alexеy").text  # Cyrillic е
    'Alexey'
    >>> name_script_check("Айгерim").refused_character
    'm'
    """
    text = unicodedata.normalize("NFC", text)
    replaced: list[LetterReplaced] = []
    parts: list[str] = []
    end = 0
    for match in _WORD.finditer(text):
        word, found, refused = _check_word(match.group())
        if refused:
            return ScriptCheck(text, refused_word=match.group(), refused_character=refused)
        parts += [text[end : match.start()], word]
        replaced += found
        end = match.end()
    parts.append(text[end:])
    return ScriptCheck("".join(parts), tuple(replaced))
