"""Latin spellings of Cyrillic names, as the habits of documents and lists write them."""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import iuliia

from qorgau.names import transliterate
from qorgau.names.transliteration import KAZAKH_LETTERS, OTHER_REGIONAL_LETTERS, RUSSIAN_LETTERS
from qorgau.population.naming.pools import Background


class LatinHabit(StrEnum):
    """A way of writing a Cyrillic name in Latin letters, as met in real documents and lists.

    ``fold`` (:func:`qorgau.names.fold`) gives every spelling of the first four habits the key
    of the Cyrillic original. The last two do not, on purpose: they are real habits that
    record linkage must tolerate by fuzzy comparison, not by the fold key.
    """

    #: ICAO Doc 9303 (machine-readable passports), via :func:`qorgau.names.transliterate`.
    ICAO = "icao"
    #: BGN/PCGN (iuliia's ``BGN_PCGN``) as typed on a plain keyboard: ``й`` y, ``ю`` yu, ``я``
    #: ya, ``х`` kh, ``ж`` zh, ``ы`` y, ``е`` → ``ye`` at the start of a word and after a vowel;
    #: ``ё`` yo, ``ъ ь`` dropped.
    BGN = "bgn"
    #: Mixed habits of Central Asian documents and lists: Zh/J, Kh/H, Yu/Iu/Ju, Ya/Ia,
    #: -iy/-y/-ii/-i endings, Ye/E, q for қ... drawn independently for each spelling.
    REGIONAL = "regional"
    #: The Kazakh Latin alphabet of 2021 (ä ğ q ñ ö ū ü ı ş ç), for Kazakh names.
    KAZAKH_2021 = "kazakh_2021"
    #: German/Polish-style glides: ``Natalja``, ``Jurij``, ``Sergej`` (not fold-equal: ``fold``
    #: reads ``j`` as ``ж``).
    GERMAN = "german"
    #: Ukrainian national transliteration of 2010 (Ukrainian passports): ``г`` → ``h``,
    #: ``и`` → ``y`` (``Hryhorii``; not fold-equal: ``fold`` reads ``h`` as ``х``).
    UKRAINIAN_2010 = "ukrainian_2010"


#: The BGN/PCGN system, as iuliia ships it (Russian letters only: iuliia has no Kazakh scheme).
_BGN_PCGN: Final = iuliia.BGN_PCGN

#: What lists typed on a plain keyboard write where BGN/PCGN has a mark or a context rule:
#: ``е`` is ``e`` inside a word (its ``ye`` at the start and after a vowel is the rule of
#: :func:`_romanize_word`, BGN/PCGN's own); ``ё`` is ``yo``, not ``ë`` (iuliia 0.13 even leaves
#: a Cyrillic ``ё`` in its value); the signs ``ъ ь`` (``”`` and ``’``) are dropped.
_PLAIN_KEYBOARD: Final[dict[str, str]] = {"е": "e", "ё": "yo", "ъ": "", "ь": ""}

#: Ukrainian letters in BGN/PCGN's Ukrainian system (``Євген`` → ``Yevhen``).
_UKRAINIAN_BGN: Final[dict[str, str]] = {"ї": "yi", "є": "ye", "ґ": "g"}


def _bgn_letters() -> dict[str, str]:
    """BGN/PCGN's value of every Russian letter, asked of iuliia one letter at a time (as
    :mod:`qorgau.names.transliteration` does for ICAO), with the plain-keyboard forms, and the
    Kazakh and other regional letters iuliia passes through untouched given their passport
    values (:data:`qorgau.names.transliteration.KAZAKH_LETTERS`)."""
    russian = {letter: str(_BGN_PCGN.translate(letter)) for letter in RUSSIAN_LETTERS}
    return russian | _PLAIN_KEYBOARD | KAZAKH_LETTERS | _UKRAINIAN_BGN | OTHER_REGIONAL_LETTERS


#: Cyrillic vowels (and signs) after which ``е`` is iotated: the Russian ones from iuliia's
#: BGN/PCGN rule, with the Kazakh and Ukrainian vowels.
_IOTATING: Final = frozenset(
    {letter for letter in RUSSIAN_LETTERS if _BGN_PCGN.translate(letter + "е").endswith("ye")}
    | set("әөұүіїє")
)

_BGN_LETTERS: Final[dict[str, str]] = _bgn_letters()

_KAZAKH_2021_LETTERS: Final[dict[str, str]] = _BGN_LETTERS | {
    "ё": "e", "ж": "j", "и": "i", "й": "i", "х": "h", "ч": "ç", "ш": "ş", "щ": "ş", "ы": "y",
    "ю": "iu", "я": "ia", "ә": "ä", "ғ": "ğ", "қ": "q", "ң": "ñ", "ө": "ö", "ұ": "ū", "ү": "ü",
    "і": "ı",
}  # fmt: skip

_GERMAN_LETTERS: Final[dict[str, str]] = _BGN_LETTERS | {
    "ё": "jo", "й": "j", "ю": "ju", "я": "ja", "є": "je", "ї": "ji",
}  # fmt: skip

_UKRAINIAN_2010_LETTERS: Final[dict[str, str]] = _BGN_LETTERS | {
    "г": "h", "и": "y", "й": "i", "ї": "i", "є": "ie", "ю": "iu", "я": "ia",
}  # fmt: skip
_UKRAINIAN_2010_INITIAL: Final[dict[str, str]] = {
    "є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Scheme:
    """A letter table plus the few context rules real romanisations have."""

    letters: Mapping[str, str]
    #: Values at the start of a word.
    initial: Mapping[str, str]
    #: Value of ``е`` at the start of a word and after a vowel (``Yerlan``, ``Sergeyev``).
    iotated_e: str
    #: Word-final ``ий``/``ый`` (``Yuriy``, ``Yury``, ``Yurii``).
    endings: Mapping[str, str]


_BGN: Final = _Scheme(_BGN_LETTERS, {}, "ye", {"ий": "iy", "ый": "yy"})
_KAZAKH_2021: Final = _Scheme(_KAZAKH_2021_LETTERS, {}, "e", {})
_GERMAN: Final = _Scheme(_GERMAN_LETTERS, {}, "je", {"ий": "ij", "ый": "yj"})
_UKRAINIAN_2010: Final = _Scheme(_UKRAINIAN_2010_LETTERS, _UKRAINIAN_2010_INITIAL, "e", {})

#: Letters after which ``й`` written ``y`` would make ``ye``/``yo``, which read as ``е``/``ё``.
_YE_YO: Final = frozenset("еэоё")

#: Last Latin letters after which ``h`` for ``х`` would merge into another sound (``с`` + ``х``
#: as ``sh`` would read ``ш``): there every habit writes ``kh``.
_H_GUARD: Final = frozenset("szgcşçh")


def _romanize_word(word: str, scheme: _Scheme) -> str:
    """Romanise one word of Cyrillic letters with ``scheme``, keeping its capitalisation."""
    lower = word.lower()
    all_caps = len(word) > 1 and word.isupper()
    letters, initial, endings = scheme.letters, scheme.initial, scheme.endings
    pieces: list[str] = []
    last_out = ""
    previous = ""
    index, length = 0, len(lower)
    while index < length:
        letter = lower[index]
        step = 1
        if index == length - 2 and endings and lower[index:] in endings:
            latin, step = endings[lower[index:]], 2
        elif letter == "е" and (index == 0 or previous in _IOTATING):
            latin = scheme.iotated_e
        elif index == 0 and letter in initial:
            latin = initial[letter]
        else:
            latin = letters.get(letter, letter)
            if latin == "y" and letter == "й" and lower[index + 1 : index + 2] in _YE_YO:
                # "Bayel", "Sergiyovych" would read as ye/yo (е/ё): "Baiel" keeps the fold key.
                latin = "i"
        if latin == "h" and letter in "хһҳ" and last_out in _H_GUARD:
            latin = "kh"
        if latin:
            if all_caps:
                latin = latin.upper()
            elif word[index].isupper():
                latin = latin.capitalize()
            pieces.append(latin)
            last_out = latin[-1].lower()
        previous = lower[index + step - 1]
        index += step
    return "".join(pieces)


def _romanize(text: str, scheme: _Scheme) -> str:
    """Romanise every word (run of letters) of ``text``; other characters pass through."""
    out: list[str] = []
    word_start = -1
    for position, char in enumerate(text):
        if char.isalpha():
            if word_start < 0:
                word_start = position
        else:
            if word_start >= 0:
                out.append(_romanize_word(text[word_start:position], scheme))
                word_start = -1
            out.append(char)
    if word_start >= 0:
        out.append(_romanize_word(text[word_start:], scheme))
    return "".join(out)


def _pick[T](rng: random.Random, options: tuple[tuple[T, float], ...]) -> T:
    """Draw one of ``(value, probability)`` pairs (probabilities summing to 1)."""
    point = rng.random()
    for value, probability in options:
        point -= probability
        if point < 0:
            return value
    return options[-1][0]


def _regional_scheme(rng: random.Random) -> _Scheme:
    """Draw one writer's set of habits; every choice keeps the ``fold`` key."""
    letters = dict(_BGN_LETTERS)
    letters["ж"] = _pick(rng, (("zh", 0.55), ("j", 0.45)))
    letters["х"] = _pick(rng, (("kh", 0.6), ("h", 0.4)))
    letters["ю"] = _pick(rng, (("yu", 0.55), ("iu", 0.3), ("ju", 0.15)))
    letters["я"] = _pick(rng, (("ya", 0.65), ("ia", 0.35)))
    letters["й"] = _pick(rng, (("y", 0.6), ("i", 0.4)))
    letters["ы"] = _pick(rng, (("y", 0.8), ("i", 0.2)))
    letters["щ"] = _pick(rng, (("shch", 0.5), ("sch", 0.3), ("sh", 0.2)))
    letters["ё"] = _pick(rng, (("yo", 0.6), ("e", 0.4)))
    letters["ь"] = _pick(rng, (("", 0.85), ("'", 0.15)))
    letters["қ"] = _pick(rng, (("k", 0.8), ("q", 0.2)))
    letters["ғ"] = _pick(rng, (("g", 0.85), ("gh", 0.15)))
    endings = {
        "ий": _pick(rng, (("iy", 0.35), ("y", 0.3), ("ii", 0.2), ("i", 0.15))),
        "ый": _pick(rng, (("yy", 0.4), ("iy", 0.3), ("y", 0.3))),
    }
    iotated_e = _pick(rng, (("ye", 0.5), ("e", 0.5)))
    return _Scheme(letters, {}, iotated_e, endings)


_KAZAKH_ONLY: Final = frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ")
_UKRAINIAN_ONLY: Final = frozenset("їєґЇЄҐ")

#: Habit weights: (habit, probability) for plain, Kazakh and Ukrainian text.
type _Weighted = tuple[tuple[LatinHabit, float], ...]
_HABITS_PLAIN: Final[_Weighted] = (
    (LatinHabit.ICAO, 0.40),
    (LatinHabit.BGN, 0.20),
    (LatinHabit.REGIONAL, 0.35),
    (LatinHabit.GERMAN, 0.05),
)
_HABITS_KAZAKH: Final[_Weighted] = (
    (LatinHabit.ICAO, 0.35),
    (LatinHabit.BGN, 0.15),
    (LatinHabit.REGIONAL, 0.35),
    (LatinHabit.KAZAKH_2021, 0.12),
    (LatinHabit.GERMAN, 0.03),
)
_HABITS_UKRAINIAN: Final[_Weighted] = (
    (LatinHabit.UKRAINIAN_2010, 0.40),
    (LatinHabit.ICAO, 0.25),
    (LatinHabit.BGN, 0.10),
    (LatinHabit.REGIONAL, 0.20),
    (LatinHabit.GERMAN, 0.05),
)

#: Common Latin spelling variants of Afghan names (passports, UN and NGO lists).
_AFGHAN_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "Mohammad": ("Muhammad", "Mohammed", "Mohamad", "Muhammed", "Mohd"),
    "Ahmad": ("Ahmed",),
    "Mahmood": ("Mahmud", "Mahmoud"),
    "Yousuf": ("Yusuf", "Yousef", "Yosuf"),
    "Hussain": ("Husain", "Hussein", "Hosain"),
    "Hassan": ("Hasan",),
    "Hamid": ("Hameed",),
    "Rahim": ("Raheem",),
    "Karim": ("Kareem",),
    "Wahid": ("Waheed",),
    "Farid": ("Fareed",),
    "Najib": ("Najeeb",),
    "Habib": ("Habeeb",),
    "Nasir": ("Naseer", "Nassir"),
    "Bashir": ("Basheer",),
    "Nazir": ("Nazeer",),
    "Shafiq": ("Shafeeq", "Shafik"),
    "Rafiq": ("Rafeeq", "Rafik"),
    "Javed": ("Jawed", "Javid"),
    "Jawad": ("Javad",),
    "Masoud": ("Masood", "Masud"),
    "Sayed": ("Said", "Syed", "Sayyed"),
    "Noor": ("Nur", "Nour"),
    "Omar": ("Umar",),
    "Qadir": ("Qader", "Kadir"),
    "Fatima": ("Fatema", "Fatimah"),
    "Khadija": ("Khadijah", "Khadeja"),
    "Aisha": ("Ayesha", "Aysha"),
    "Zainab": ("Zaynab",),
    "Laila": ("Leila", "Layla"),
    "Soraya": ("Suraya", "Suraiya"),
    "Ahmadi": ("Ahmady",),
    "Mohammadi": ("Muhammadi", "Mohammady"),
    "Hashimi": ("Hashemi",),
    "Hussaini": ("Husaini", "Hosseini"),
    "Yousufzai": ("Yousafzai", "Yusufzai"),
    "Noori": ("Nouri", "Nuri"),
    "Haidari": ("Heidari", "Haydari"),
    "Sultani": ("Soltani",),
    "Rasuli": ("Rasooli", "Rasouli"),
}
_ULLAH_VARIANTS: Final = ("ulla", "ollah", "ullah")


def _afghan_variant(rng: random.Random, text: str) -> str:
    """Respell the Latin words of an Afghan name: ``Mohammad`` → ``Muhammad``, ``-ullah`` →
    ``-ulla``. Unknown words are kept, so the text may come back unchanged."""
    words = text.split(" ")
    for index, word in enumerate(words):
        variants = _AFGHAN_VARIANTS.get(word)
        if variants is not None and rng.random() < 0.6:
            words[index] = variants[int(rng.random() * len(variants))]
        elif word.endswith("ullah") and rng.random() < 0.5:
            words[index] = word[:-5] + _ULLAH_VARIANTS[int(rng.random() * 3)]
    return " ".join(words)


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def spell_latin(rng: random.Random, text: str, habit: LatinHabit) -> str:
    """Write the Cyrillic ``text`` in Latin letters following ``habit``.

    ``rng`` is used by :attr:`LatinHabit.REGIONAL` only, which draws its choices.
    """
    if habit == LatinHabit.ICAO:
        return transliterate(text)
    if habit == LatinHabit.BGN:
        return _romanize(text, _BGN)
    if habit == LatinHabit.REGIONAL:
        return _romanize(text, _regional_scheme(rng))
    if habit == LatinHabit.KAZAKH_2021:
        return _romanize(text, _KAZAKH_2021)
    if habit == LatinHabit.GERMAN:
        return _romanize(text, _GERMAN)
    return _romanize(text, _UKRAINIAN_2010)


def latin_spelling(rng: random.Random, text: str, *, background: Background | None = None) -> str:
    """One Latin spelling of a name, following a habit drawn at random.

    Cyrillic text: ICAO, BGN/PCGN-like, regional (Zh/J, Kh/H, Yu/Iu/Ju, -iy/-y/-ii), rarely
    German-style; Kazakh names (Kazakh letters, or ``background=KAZAKH``) also the 2021 Kazakh
    Latin alphabet; Ukrainian names (``ї є ґ``, or ``background=UKRAINIAN``) mostly the
    Ukrainian passport system. See :class:`LatinHabit` for which habits keep the ``fold`` key.
    Latin text (Afghan names) gets the common English spelling variants (``Muhammad``,
    ``Ahmed``, ``-ulla``), which ``fold`` does *not* always equate, or comes back unchanged.
    """
    if not _has_cyrillic(text):
        return _afghan_variant(rng, text)
    if background == Background.UKRAINIAN or any(char in _UKRAINIAN_ONLY for char in text):
        habits = _HABITS_UKRAINIAN
    elif background == Background.KAZAKH or any(char in _KAZAKH_ONLY for char in text):
        habits = _HABITS_KAZAKH
    else:
        habits = _HABITS_PLAIN
    return spell_latin(rng, text, _pick(rng, habits))
