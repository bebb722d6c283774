"""Script-independent comparison keys for personal names.

Staff must find ``Сейтқазиев`` when typing ``Seitkaziev`` and back, and record
linkage compares names that were written by different people, in different
scripts, under different transliteration systems (ICAO passports, BGN/PCGN and
"English" spellings, Kazakh 2021 Latin, Uzbek Latin, German and French habits).
:func:`fold` maps one name token to a key made of the letters ``a``-``z`` such
that the spellings of one name agree and different names stay apart.

How a key is made
=================

1. Look-alike letters of a mixed-script token are repaired
   (:mod:`qorgau.names.homoglyphs`), then Cyrillic is transliterated
   (:func:`~qorgau.names.transliteration.transliterate`).
2. Letters whose diacritic carries a *sound* are spelled out before diacritics
   are stripped: ``ş š ș`` → ``sh``, ``ç č`` → ``ch``, ``ž`` → ``zh``, ``ŝ`` (ISO 9
   ``щ``) → ``sh``. Letters with no decomposition are mapped: dotless ``ı`` →
   ``i``, ``ə`` → ``a``, ``ł`` → ``l``, ``ø`` → ``o``, ``đ ð`` → ``d``.
   Then NFKD, and every character outside ``a``-``z`` is dropped (marks,
   apostrophes, hyphens, digits), so ``Äliia``, ``Ğalym``, ``Natal'ya`` and
   ``O'tkir`` lose their marks, not their letters.
3. The rewrite rules of :data:`RULES` run in order; the whole sequence is
   repeated until nothing changes. The key is that normal form, which makes
   :func:`fold` idempotent by construction even where one rule's output feeds
   another (``s`` + ``tch`` gives ``sch``, which is then read as ``щ``).

The canonical spelling of a sound is the one the rules never rewrite:
``sh`` (ш, щ), ``ch`` (ч), ``j`` (ж, дж), ``kh`` (х, һ, ҳ), ``ts`` (ц),
``ju`` (ю), ``i`` (и, й, ы, і), ``e`` (е, ё, э). Keys therefore stay readable
(``Щербаков`` → ``sherbakov``, ``Хадижа`` → ``khadija``).

Trade-offs, decided on purpose
==============================

* ``щ`` = ``ш``: ``Sherbakov`` is at least as common as ``Shcherbakov``.
  ``сч`` (``sch``) is pronounced ``щ`` and folds the same way.
* ``ж`` = ``дж`` = ``j``: Kazakh ``Жұмабеков`` is Russian ``Джумабеков``, and
  English-style ``Janar``/``Jumabekov`` are the most common Latin forms. The
  price: German-style glide ``j`` (``Natalja``, ``Jakob``) is read as ``ж``.
* ``ю`` = ``жу``: forced by the required pairs ``Jusupov`` = ``Юсупов`` and
  ``Jumabekov`` = ``Жумабеков``, since both start with ``ju``. It also matches
  real Kazakh forms (``Жүсіп`` = ``Юсуп``, ``Жұлдыз`` = ``Юлдуз``). ``я`` is
  *not* merged with ``жа``: ``Ян`` and ``Жан`` are different names.
* ``х`` is always ``kh`` and is never dropped, so ``Асан`` ≠ ``Хасан`` (they
  are cognates but different registered names, and the Latin ``h`` is the
  only trace of the ``х``), and ``Исхаков`` (``iskhakov``) ≠ ``Ишаков``
  (``ishakov``); a bare Latin ``h`` is ``х`` (``Hasanov`` = ``Хасанов``).
* ``ы`` = ``и`` = ``й`` = ``і``, via ``y`` → ``i``: ``Galym``/``Galim`` are both
  common for ``Ғалым``, and the ``-iy``/``-yy``/``-ii``/``-y`` endings
  (``Dmitriy``, ``Dmitry``, ``Dmitrii``) collapse to one ``i``.
* Iotated vowels: ``ye`` and ``yo`` → ``e`` (``Yerlan`` = ``Ерлан``,
  ``Sergeyev`` = ``Сергеев``, ``Artyom`` = ``Артём``, since ICAO writes ``ё``
  as ``e``), and a word-initial ``ie`` → ``e`` (Ukrainian ``Є``). A *medial*
  ``ie`` is kept: it is ``и`` + ``е`` in ``Seitkaziev``, so ``Vasiliev`` does
  not match ``Васильев`` (``vasilev``); ``Vasilyev`` does.
  ``ia``/``ya``/``iya``/``iia`` all become ``ia`` through ``y`` → ``i`` and the
  double-letter collapse (``Aliya`` = ``Aliia`` = ``Alia`` = ``Алия``).
* ``ts`` = ``tz`` = ``c`` = ``ц`` (``Coi`` = ``Цой``), which also folds a
  Cyrillic ``тс`` into ``ц`` (it is pronounced so). A Latin ``c`` before
  ``k``, ``l``, ``r`` or ``t`` is ``k`` (``Victor`` = ``Виктор``, ``Nick``,
  ``Clara``): English spellings, where ``ц`` almost never stands; before other
  consonants it stays ``ц`` (Slavic ``Cvetkov``). ``ch`` is always ``ч``.
* ``т`` before ``ж`` or ``ш`` stays ``t`` + ``j``/``sh`` (``Ахметжан`` = ``Akhmetzhan`` =
  ``Ahmetjan`` → ``akhmetjan``, ``Ахметшин`` → ``akhmetshin``): ``tzh`` and ``tsh`` are read
  before ``tz``/``ts`` (``ц``), which would leave a bare ``h`` to be read as ``х``. A German
  ``tsch`` is still ``ч``.
* ``x`` is ``kh`` at the start of a word and before a consonant (Uzbek
  ``Xurshida``, ``Baxtiyor``) and ``ks`` elsewhere (``Maxim``, ``Alexei``).
* ``q`` → ``k`` (Kazakh and Uzbek Latin ``қ``), ``w`` → ``v`` (English spellings
  of Afghan names: ``Wahid``), ``gh`` → ``g`` (``Ghulam``).
* ``oo`` and ``ou`` → ``u`` (English and French spellings: ``Noor``,
  ``Mahmood``, ``Yousuf``, ``Oumarov``). The price: Kyrgyz long ``оо``
  (``Сооронбай``) folds to ``u``, consistently on both sides, but no longer
  matches a Russified spelling with a single ``о``.
* A final ``-ullah`` loses its ``h`` (``Abdullah`` = ``Абдулла``,
  ``Habibullah`` = ``Хабибулла``): Russian writes the Arabic name ending
  without ``х``. Other final ``h`` stay ``kh`` (``Farukh``, ``Shakh``).
* Doubled letters collapse (``Assel`` = ``Асель``, ``Muhammad`` =
  ``Muhamad``), so ``Алла`` = ``Ала``; transliterations double and undouble
  consonants too freely for the distinction to be worth keeping.
* Endings are *not* folded: ``Иванов``/``Иванова`` and ``Сапар``/``Сапаров``
  stay distinct; feminine/masculine matching is a separate concern.
"""

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Final

from qorgau.names.homoglyphs import repair_homoglyphs
from qorgau.names.transliteration import transliterate

#: Letters whose diacritic is a sound, or that NFKD does not decompose.
#: Applied to case-folded text, before NFKD.
_SPECIAL_LETTERS: Final = str.maketrans(
    {
        "ş": "sh",
        "ș": "sh",
        "š": "sh",
        "ŝ": "sh",
        "ç": "ch",
        "č": "ch",
        "ž": "zh",
        "ı": "i",
        "ə": "a",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
    }
)

_NOT_A_TO_Z: Final = re.compile("[^a-z]+")

#: Consonant spellings, longest first so that ``shch`` wins over ``sh`` and
#: ``dzh`` over ``zh``. Identity entries (``sh``, ``ch``, ``kh``, ``ts``) keep
#: their ``h``/``s`` from being read as a bare letter.
_CONSONANTS: Final[dict[str, str]] = {
    "tsch": "ch",
    "shch": "sh",
    "sch": "sh",
    "shh": "sh",
    "tch": "ch",
    # "т" before "ж" or "ш" (Ахметжан, Ахметшин): the "h" belongs to "zh"/"sh", so "tz"/"ts"
    # must not take the "z"/"s" and leave a bare "h" to be read as "х".
    "tzh": "tj",
    "tsh": "tsh",
    "dzh": "j",
    "dj": "j",
    "zh": "j",
    "sh": "sh",
    "ch": "ch",
    "kh": "kh",
    "gh": "g",
    "ts": "ts",
    "tz": "ts",
    "c": "ts",
    "h": "kh",
    "q": "k",
    "w": "v",
    "x": "ks",
}
_CONSONANT_PATTERN: Final = re.compile(
    "|".join(sorted(_CONSONANTS, key=len, reverse=True)),
)


def _spell_consonant(match: re.Match[str]) -> str:
    """Return the canonical spelling of one matched consonant unit."""
    return _CONSONANTS[match.group()]


#: One rewrite rule: a compiled pattern and its replacement.
type Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]

#: The rewrite rules, in the order they run. Each is explained in the module
#: docstring; the order matters where noted.
RULES: Final[tuple[Rule, ...]] = (
    # Before "h" becomes "kh": the Arabic -ullah ending is -улла in Russian.
    (re.compile(r"ul+ah$"), "ula"),
    # Before "yo" → "e", so that "you" is read as "yu".
    (re.compile(r"o[ou]"), "u"),
    (re.compile(r"y[eo]|^ie"), "e"),
    # Letters whose value depends on their neighbours; what is left of them
    # is spelled by the consonant table ("x" → "ks", "c" → "ts").
    (re.compile(r"^x|x(?=[^aeiouy])"), "kh"),
    (re.compile(r"c(?=[klrt])"), "k"),
    (_CONSONANT_PATTERN, _spell_consonant),
    (re.compile("y"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
    # After the collapse, so that "iiu" (ICAO "ию") is read as "iu".
    (re.compile("iu"), "ju"),
)

#: A safety bound on the fixed-point iteration. After the first pass no bare
#: "c", "h", "q", "w", "x" or "y" is left, so every later pass only shortens
#: the key or turns "iu" into "ju" / "tz" into "ts": it must terminate. Real
#: names settle in two passes; an exhaustive check of all strings of up to
#: five letters over "aeiouyjhkstcdzgwxqb" needed at most five.
_MAX_PASSES: Final = 10


def _latin_letters(token: str) -> str:
    """Transliterate ``token`` and reduce it to lower-case ``a``-``z``."""
    text = transliterate(repair_homoglyphs(token))
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).casefold().translate(_SPECIAL_LETTERS)
        text = unicodedata.normalize("NFKD", text)
    return _NOT_A_TO_Z.sub("", text.lower())


def _rewrite(letters: str) -> str:
    """Apply every rule of :data:`RULES` once, in order."""
    for pattern, replacement in RULES:
        letters = pattern.sub(replacement, letters)
    return letters


def _normal_form(letters: str) -> str:
    """Rewrite ``letters`` until no rule changes them."""
    for _ in range(_MAX_PASSES):
        rewritten = _rewrite(letters)
        if rewritten == letters:
            break
        letters = rewritten
    return letters


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Return the script-independent comparison key of one name token.

    The key contains only the letters ``a``-``z`` and may be empty (for
    ``"-"`` or ``"123"``). ``fold(fold(x)) == fold(x)`` for every ``x``.
    Results are cached: names repeat heavily across records.

    >>> fold("Сейтқазиев") == fold("Seytkaziyev") == fold("Seıtqazıev")
    True
    >>> fold("Щербаков")
    'sherbakov'
    """
    return _normal_form(_latin_letters(text))


#: Separators between name tokens: white space, commas, and the hyphen with
#: its Unicode relatives (hyphen, non-breaking hyphen, dashes, minus sign).
_TOKEN_SEPARATORS: Final = re.compile(r"[\s,\-\u2010-\u2015\u2212]+")


def name_tokens(text: str) -> list[str]:
    """Split a name field into tokens on white space, hyphens and commas.

    >>> name_tokens("Сейтқазиев-Ким, Жанар  Болатқызы")
    ['Сейтқазиев', 'Ким', 'Жанар', 'Болатқызы']
    """
    return [token for token in _TOKEN_SEPARATORS.split(text) if token]


def fold_tokens(text: str) -> list[str]:
    """Fold every token of a name field, dropping tokens that fold to nothing.

    >>> fold_tokens("SEITKAZIEV Zhanar, 1990")
    ['seitkaziev', 'janar']
    """
    return [key for key in map(fold, name_tokens(text)) if key]
