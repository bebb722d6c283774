"""From a record as written to the columns the model compares.

Every name part becomes a *key* (the fold key of :func:`qorgau.names.fold`, so one for
all scripts and transliterations; family names in their masculine form, patronymics
reduced to the father's name stem) and a list of *alternatives* (the keys of the other
readings of the spelling and of the other language forms of the name, see
:mod:`qorgau.names.readings` and :mod:`qorgau.names.equivalents`), plus a short
consonant *skeleton* used only to find candidate pairs. A ``full_name`` is split when
the parts are not given; the order of its words does not matter, since the model also
compares a family name with the other record's given name.

Dates keep their precision: ``dob`` (``yyyy-mm-dd``) only when known to the day,
``dob_year`` always, and ``dob_days`` (a day number) for "one day apart". ``doc_check`` is
``doc_key`` under another name, read only by the date rule's level (ADR 0030): Splink does not
estimate a comparison on the pairs of an EM rule that blocks on one of its columns, and the
dates' ``m`` is to be learnt on the pairs of the document-number rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, product
from operator import itemgetter
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from qorgau.matching.dates import birth_date_or_none
from qorgau.names import fold, name_tokens
from qorgau.names.equivalents import equivalent, name_words, persian_vowels
from qorgau.names.forms import (
    PATRONYMIC_ENDINGS,
    PATRONYMIC_WORDS,
    family_stem,
    patronymic_stem,
    swapped_family_stem,
)
from qorgau.names.homoglyphs import CYRILLIC_TO_LATIN
from qorgau.names.readings import kazakh_latin_2017, readings

#: How an extra column (one the engine does not know, e.g. an address) is compared.
type ExtraKind = Literal["code", "text"]

#: The normalised columns, in the order of the frame :func:`normalise` returns.
NAME_PARTS: Final = ("family", "given", "patronymic")
COLUMNS: Final = (
    "unique_id",
    *(f"{part}_{suffix}" for part in NAME_PARTS for suffix in ("key", "alts", "skel")),
    "names_key",
    "names_skel",
    "given_canon",
    "given_vowels",
    "family_vowels",
    "family_canon",
    "family_given",
    "family_head",
    "family_tail",
    "given_head",
    "given_tail",
    "sex",
    "dob",
    "dob_year",
    "dob_days",
    "place_key",
    "nationality",
    "doc_key",
    "doc_check",
)

_SEXES: Final = {
    "m": "M",
    "male": "M",
    "м": "M",
    "муж": "M",
    "мужской": "M",
    "ер": "M",
    "f": "F",
    "female": "F",
    "ж": "F",
    "жен": "F",
    "женский": "F",
    "әйел": "F",
}
#: Fields read as names (the 2017 Kazakh Latin ``s'``/``c'`` are spelt out first).
_NAME_FIELDS: Final = frozenset({"family_name", "given_name", "patronymic", "full_name"})
_EE: Final = re.compile("ee", re.IGNORECASE)
_NOT_ALNUM: Final = re.compile(r"[^0-9A-Z]+")
_DOCUMENT_LETTERS: Final = str.maketrans(CYRILLIC_TO_LATIN | {"№": "N"})
_SKELETON_DROP: Final = re.compile("[aeiouj]")


def skeleton(key: str) -> str:
    """A coarse consonant key for blocking: the first letter and the next consonants.

    ``kh``/``h``/``g`` and ``j``/``i`` are one sound here, so ``Hryhorii`` and ``Григорій``,
    ``Sergej`` and ``Сергей`` share a skeleton though their fold keys differ.

    >>> skeleton("khrikhori") == skeleton("grigori"), skeleton("sergej") == skeleton("sergei")
    (True, True)
    """
    if not key:
        return ""
    key = key.replace("kh", "g")  # after folding, "h" is left only in kh, sh and ch
    rest = re.sub(r"(.)\1+", r"\1", _SKELETON_DROP.sub("", key[1:]))
    return (key[0] + rest)[:5]


def split_full_name(text: str) -> tuple[str, str, str]:
    """``(family, given, patronymic)`` of a full name written in one field.

    The first word is taken as the family name and the rest as given names (the order of
    the region's documents); a patronymic is a last word with a patronymic ending when
    there are three words or more, or a word with its marker (``Баҳтиёр ўғли``). Another
    order is tolerated by the model, which compares swapped family and given names.

    >>> split_full_name("Сейтқазиев Жанар Болатқызы")
    ('Сейтқазиев', 'Жанар', 'Болатқызы')
    >>> split_full_name("Karimov Aziz Bakhtiyor ugli")
    ('Karimov', 'Aziz', 'Bakhtiyor ugli')
    """
    words = name_tokens(text)
    patronymic: list[str] = []
    keys = [fold(word) for word in words]
    if len(words) >= 3 and keys[-1] in PATRONYMIC_WORDS:
        patronymic = words[-2:]
        words = words[:-2]
    elif len(words) >= 3 and keys[-1].endswith(PATRONYMIC_ENDINGS):
        patronymic = words[-1:]
        words = words[:-1]
    family = words[0] if words else ""
    return family, " ".join(words[1:]), " ".join(patronymic)


def _word_keys(text: str) -> list[str]:
    return [key for key in map(fold, name_tokens(text)) if key]


def _name_columns(
    text: str, reduce: Callable[[str], str], *, per_word: bool = True
) -> tuple[str | None, list[str], str | None]:
    """``(key, alternatives, skeleton)`` of a family or given name.

    The alternatives are the readings of the whole name: of every combination of its
    words' readings, and their canonical words (:func:`name_words`). With ``per_word``
    (family names: ``Петрова-Сидорова`` is also ``Петрова``) each word's readings are
    alternatives too; a given name of several words is not one of its words (``Mohammad
    Habib`` is not ``Mohammad Bashir``, ``Abdul Karim`` is not ``Abdul Rahman``), but a
    patronymic written in its field is left out (``Aigerim Erlanovna``)."""
    words = [word for word in name_tokens(text) if fold(word) not in PATRONYMIC_WORDS]
    words = [word for word in words if fold(word)]
    keys = [reduce(fold(word)) for word in words]
    if not keys:
        return None, [], None
    key = "".join(keys)
    alts = {key, equivalent(key), "".join(name_words(keys))}
    options = [sorted({reduce(reading) for reading in readings(word)}) for word in words]
    for combination in islice(product(*options), MAX_COMBINATIONS):
        joined = "".join(combination)
        alts |= {joined, equivalent(joined), "".join(name_words(list(combination)))}
    if per_word:
        for word in words:
            alts |= {reduce(reading) for reading in readings(word)}
            alts |= {equivalent(reduce(reading)) for reading in readings(word)}
    elif len(keys) > 1:
        named = [key for key in keys if not key.endswith(PATRONYMIC_ENDINGS)]
        if named and len(named) < len(keys):
            alts |= {"".join(named), "".join(name_words(named))}
    alts.discard("")
    return key, sorted(alts), skeleton(key)


#: Combinations of the readings of a name's words taken as its alternatives, at most.
MAX_COMBINATIONS: Final = 64


def _patronymic_columns(text: str) -> tuple[str | None, list[str], str | None]:
    key = patronymic_stem(_word_keys(text))
    if not key:
        return None, [], None
    alts = {key, equivalent(key)}
    for word in name_tokens(text):
        for reading in readings(word):
            stem = patronymic_stem([reading])
            alts |= {stem, equivalent(stem)}
    alts.discard("")
    return key, sorted(alts), skeleton(key)


def _given_reduce(key: str) -> str:
    return key


def _family_columns(text: str) -> tuple[str | None, list[str], str | None]:
    return _name_columns(text, family_stem)


def _given_columns(text: str) -> tuple[str | None, list[str], str | None]:
    return _name_columns(text, _given_reduce, per_word=False)


def field_words(text: str) -> frozenset[str]:
    """The canonical words of one name field (:func:`qorgau.names.equivalents.name_words`),
    family names in their masculine form (:func:`~qorgau.names.forms.swapped_family_stem`,
    in either field, so that a family name written as the given name reads the same)."""
    keys = [swapped_family_stem(key) for key in _word_keys(text) if key not in PATRONYMIC_WORDS]
    return frozenset(name_words(keys))


@lru_cache(maxsize=1 << 16)
def _skeleton(word: str) -> str:
    return skeleton(word)


def names_key_of(*fields: frozenset[str]) -> tuple[str | None, str | None]:
    """``(names_key, names_skel)`` of the :func:`field_words` of a record's name fields."""
    words = sorted(frozenset().union(*fields))
    skeletons = sorted({_skeleton(word) for word in words})
    return " ".join(words) or None, " ".join(skeletons) or None


def names_key(family: str, given: str) -> tuple[str | None, str | None]:
    """``(names_key, names_skel)``: the canonical words of the family and given names in
    neither order nor field, sorted, as one key, and their skeletons as another (for
    typos and other readings). ``Aigerim | Bekova`` and ``Бекова | Айгерим``, ``Mykola``
    and ``Николай``, ``Abdurrahman`` and ``Абдул Рахман`` have one key.

    >>> names_key("Бекова", "Айгерим") == names_key("Aigerim", "Bekova")
    True
    """
    return names_key_of(field_words(family), field_words(given))


def given_canon(given: str) -> str | None:
    """The given name as its canonical words, joined (``Mohammad Jawad`` = ``Джавад``,
    ``Abdurrahman`` = ``Абдул Рахман``), for pairing records on the given name alone. A
    Latin ``ee`` is read as ``и`` (``Basheer`` = ``Башир``: English spellings of Afghan
    names; in a given name it is hardly ever Russian ``ее``, as in family names)."""
    words = [_EE.sub("i", word) if word.isascii() else word for word in name_tokens(given)]
    keys = [key for key in map(fold, words) if key and key not in PATRONYMIC_WORDS]
    return "".join(name_words(keys)) or None


def vowels_of(canon: object) -> str | None:
    """The given name's canonical words with Persian vowels reduced
    (:func:`~qorgau.names.equivalents.persian_vowels`), compared as "another vowel" and
    blocked on (``Fereshta`` = ``Фаришта``, ``Omid`` = ``Umed``); ``None`` for none."""
    return persian_vowels(canon) or None if isinstance(canon, str) else None


#: Letters of a name's key kept by :func:`key_ends`.
KEY_END: Final = 3


def key_ends(key: object) -> tuple[str | None, str | None]:
    """The first and the last :data:`KEY_END` letters of a name's key (``None`` for no key):
    blocking keys that survive one typo, which changes the head or the tail of a name of six
    letters or more, never both (``Gulalai``/``Gulalci``: ``gul``). Blocked on with the
    other name part's key, so that a typo with a year-only or missing date is still
    compared (ADR 0052)."""
    if not isinstance(key, str) or not key:
        return None, None
    return key[:KEY_END], key[-KEY_END:]


def mark_family_given(frames: Sequence[pd.DataFrame]) -> None:
    """Set ``family_given`` on every record whose family-name field holds a personal name:
    its canonical words (``family_canon``) are the given name of at least
    :data:`GIVEN_NAME_SEEN` records of the lists being matched. Afghan records often have no
    family name, and a list writes the father's name (``Карим``, ``Ahmad Shah``) in the
    field: two such records of one person differ in family name without evidence against
    them. Learnt from the lists themselves, so it needs no table of names.

    A name the lists write more often as a family name than as a given name is not marked
    (ADR 0064): records with swapped names put a few family names (``Polishchuk``) in the
    given-name field, which does not make them personal names."""
    counts: Counter[str] = Counter()
    families: Counter[str] = Counter()
    for frame in frames:
        counts.update(canon for canon in frame["given_canon"] if isinstance(canon, str))
        families.update(canon for canon in frame["family_canon"] if isinstance(canon, str))
    for frame in frames:
        frame["family_given"] = [
            isinstance(canon, str)
            and counts[canon] >= GIVEN_NAME_SEEN
            and counts[canon] >= families[canon]
            for canon in frame["family_canon"]
        ]
        _read_lone_given(frame)


#: A column of the frame :func:`normalise` returns, beside :data:`COLUMNS`, read and dropped
#: by :func:`mark_family_given`: the text of a record's only name, written in the family-name
#: field with no given name or patronymic (``None`` for every other record).
LONE_NAME: Final = "lone_name"


def _lone_name(text: str) -> str | None:
    """``text`` when it is one word (a name alone in the family-name field), else ``None``."""
    return text if len(name_tokens(text)) == 1 else None


def _read_lone_given(frame: pd.DataFrame) -> None:
    """A record's only name, in the family-name field, read as its given name when the
    lists use it as one (``family_given``): people without a family name (Afghan records,
    ``Parwana``) are written so by lists that put the one name they have in the first
    field. Two records of one person then agree on the given name instead of comparing a
    missing given name, and are paired by the rules on the given name. A lone name the lists
    do not use as a given name (a family name known alone) stays where it is."""
    if LONE_NAME not in frame:
        return
    texts = frame.pop(LONE_NAME).tolist()
    rows = [
        index
        for index, (text, marked) in enumerate(zip(texts, frame["family_given"], strict=True))
        if isinstance(text, str) and marked
    ]
    if not rows:
        return
    # Each distinct name read once, and the columns written as arrays (a million records
    # hold tens of thousands of lone names, and ``.loc`` by label costs a pass per column).
    read = {texts[index]: normalise_record({"given_name": texts[index]}) for index in rows}
    given = [read[texts[index]] for index in rows]
    for column in _GIVEN_COLUMNS:
        _set_rows(frame, column, rows, [row[column] for row in given])
    for column in _FAMILY_COLUMNS:
        _set_rows(frame, column, rows, [None] * len(rows))
    _set_rows(frame, "family_alts", rows, [[] for _ in rows])
    marked = frame["family_given"].to_numpy(dtype=bool, copy=True)
    marked[rows] = False
    frame["family_given"] = marked


def _set_rows(frame: pd.DataFrame, column: str, rows: list[int], values: list[Any]) -> None:
    """``values`` (any objects, lists too) written into ``column`` at the positions ``rows``."""
    found = frame[column].to_numpy(dtype=object, copy=True)
    cells = np.empty(len(values), dtype=object)
    for index, value in enumerate(values):
        cells[index] = value
    found[rows] = cells
    frame[column] = found


_GIVEN_COLUMNS: Final = (
    "given_key",
    "given_alts",
    "given_skel",
    "given_canon",
    "given_vowels",
    "given_head",
    "given_tail",
)
_FAMILY_COLUMNS: Final = (
    "family_key",
    "family_skel",
    "family_vowels",
    "family_canon",
    "family_head",
    "family_tail",
)


def names_pair_frequencies(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Set ``names_pair`` (the family and the given name's keys together) on every record,
    and return its term-frequency lookup for Splink (``names_pair``, ``tf_names_pair``):
    the given name's frequency among the records of that family name, estimated as its
    frequency among all records times the pair's *lift*, ``(n + K) / (e + K)``, where ``n``
    is the records of the pair, ``e`` those expected if family and given names were drawn
    independently (``count(family) · count(given) / records``) and ``K`` is
    :data:`NAMES_PAIR_PSEUDO_COUNT`: a pair seen a few times keeps about the independent
    frequency, one seen many times more than expected (namesakes of one language's frequent
    names) gets its own. A lift below 1 is read as 1: the adjustment only weakens the
    evidence of the names agreeing (ADR 0062)."""
    pairs: Counter[str] = Counter()
    families: Counter[str] = Counter()
    givens: Counter[str] = Counter()
    total = 0
    for frame in frames:
        frame["names_pair"] = [
            None
            if not isinstance(given, str)
            else f"{family}|{given}"
            if isinstance(family, str)
            else f"|{given}"
            for family, given in zip(frame["family_key"], frame["given_key"], strict=True)
        ]
        pairs.update(pair for pair in frame["names_pair"] if pair is not None)
        families.update(key for key in frame["family_key"] if isinstance(key, str))
        givens.update(key for key in frame["given_key"] if isinstance(key, str))
        total += len(frame)
    values: list[str] = []
    frequencies: list[float] = []
    for pair, seen in pairs.items():
        family, given = pair.split("|", 1)
        lift = 1.0
        if family:
            expected = families[family] * givens[given] / total
            lift = max(1.0, (seen + NAMES_PAIR_PSEUDO_COUNT) / (expected + NAMES_PAIR_PSEUDO_COUNT))
        values.append(pair)
        frequencies.append(min(1.0, givens[given] / total * lift))
    return pd.DataFrame({"names_pair": values, "tf_names_pair": frequencies})


#: The pseudo-count of :func:`names_pair_frequencies`: how many records of a pair of names
#: count as much as the independent estimate (a person's own records are among them).
NAMES_PAIR_PSEUDO_COUNT: Final = 5.0


#: How many records must carry a name as their given name before it is read as a personal
#: name in a family-name field (:func:`mark_family_given`).
GIVEN_NAME_SEEN: Final = 2


def _full_name_in_family(family: str, given: str, patronymic: str) -> bool:
    """Whether a family-name field holds a whole name (``Bekova Aigerim Erlanovna``): two
    words or more apart from each other, and no given name or patronymic beside it."""
    return not given and not patronymic and len(family.split()) >= 2


def _text(value: object) -> str:
    """A cell as stripped text; ``None`` and NaN (empty cells of a frame) as ``""``."""
    return "" if value is None or value != value else str(value).strip()


def _sex(text: str) -> str | None:
    return _SEXES.get(text.casefold())


def _text_key(text: str) -> str | None:
    """Free text (a place, an address) as one fold key of its words."""
    return "".join(_word_keys(text)) or None


def normalise_record(
    record: Mapping[str, object], extra: Mapping[str, ExtraKind] | None = None
) -> dict[str, object]:
    """The model's columns for one record (dates must already have been checked)."""

    def text(name: str) -> str:
        value = _text(record.get(name))
        return kazakh_latin_2017(value) if name in _NAME_FIELDS else value

    family, given, patronymic = text("family_name"), text("given_name"), text("patronymic")
    if not (family or given) and text("full_name"):
        family, given, split_patronymic = split_full_name(text("full_name"))
        patronymic = patronymic or split_patronymic
    elif _full_name_in_family(family, given, patronymic):
        family, given, patronymic = split_full_name(family)
    row: dict[str, object] = {"unique_id": text("id")}
    for part, columns in (
        ("family", _family_columns(family)),
        ("given", _given_columns(given)),
        ("patronymic", _patronymic_columns(patronymic)),
    ):
        row[f"{part}_key"], row[f"{part}_alts"], row[f"{part}_skel"] = columns
    row["names_key"], row["names_skel"] = names_key(family, given)
    row["given_canon"] = given_canon(given)
    row["given_vowels"] = vowels_of(row["given_canon"])
    row["family_vowels"] = vowels_of(row["family_key"])
    row["family_canon"] = given_canon(family)
    row["family_given"] = False
    for part in ("family", "given"):
        row[f"{part}_head"], row[f"{part}_tail"] = key_ends(row[f"{part}_key"])
    row[LONE_NAME] = None if given or patronymic else _lone_name(family)
    born = birth_date_or_none(text("date_of_birth"))
    day = born.date() if born else None
    row["sex"] = _sex(text("sex"))
    row["dob"] = day.isoformat() if day else None
    row["dob_year"] = born.year if born else None
    row["dob_days"] = day.toordinal() if day else None
    row["place_key"] = _text_key(text("place_of_birth"))
    row["nationality"] = text("nationality").upper() or None
    row["doc_key"] = row["doc_check"] = code_key(text("document_number"))
    for name, kind in (extra or {}).items():
        value = text(name)
        row[name] = code_key(value) if kind == "code" else _text_key(value)
    return row


def code_key(value: str) -> str | None:
    """A document number or other code: capitals and digits only, Cyrillic look-alikes as
    Latin (``N 12345678`` = ``N12345678`` = ``Н12345678``)."""
    key = _NOT_ALNUM.sub("", value.upper().translate(_DOCUMENT_LETTERS))
    return key or None


def normalise(
    records: Iterable[Mapping[str, object]] | pd.DataFrame,
    extra: Mapping[str, ExtraKind] | None = None,
) -> pd.DataFrame:
    """The model's columns for many records, as a frame with :data:`COLUMNS` (+ extras).

    The same as :func:`normalise_record` for each record, computed column by column and
    once per distinct value: names, dates and places repeat heavily across records, so a
    million records cost about as much as their distinct values."""
    cells = columns_of(records)

    def column(name: str) -> _Distinct:
        values = _Distinct.of(cells(name)).map(_text)
        return values.map(kazakh_latin_2017) if name in _NAME_FIELDS else values

    family, given, patronymic = column("family_name"), column("given_name"), column("patronymic")
    if (~family.truthy() & ~given.truthy()).any() or any(
        len(value.split()) >= 2 for value in family.values
    ):
        family, given, patronymic = _split_full_names(
            family.array(), given.array(), patronymic.array(), column("full_name").array()
        )
    data: dict[str, np.ndarray] = {"unique_id": column("id").array()}
    keys: dict[str, _Distinct] = {}
    for part, values, derive in (
        ("family", family, _family_columns),
        ("given", given, _given_columns),
        ("patronymic", patronymic, _patronymic_columns),
    ):
        found = values.map(derive)
        keys[part] = found.map(itemgetter(0))
        for index, suffix in enumerate(("key", "alts", "skel")):
            data[f"{part}_{suffix}"] = found.map(itemgetter(index)).array()
    found = _names_keys(family, given)
    data["names_key"] = found.map(itemgetter(0)).array()
    data["names_skel"] = found.map(itemgetter(1)).array()
    canon = given.map(given_canon)
    data["given_canon"] = canon.array()
    # Once per distinct name, as the columns above (not once per record).
    data["given_vowels"] = canon.map(vowels_of).array()
    data["family_vowels"] = keys["family"].map(vowels_of).array()
    data["family_canon"] = family.map(given_canon).array()
    data["family_given"] = np.zeros(len(data["unique_id"]), dtype=bool)
    lone = family.map(_lone_name).array()
    lone[given.truthy() | patronymic.truthy()] = None
    for part in ("family", "given"):
        ends = keys[part].map(key_ends)
        data[f"{part}_head"] = ends.map(itemgetter(0)).array()
        data[f"{part}_tail"] = ends.map(itemgetter(1)).array()
    births = column("date_of_birth").map(birth_date_or_none)
    days = births.map(lambda born: born.date() if born else None)
    data["sex"] = column("sex").map(_sex).array()
    data["dob"] = days.map(lambda day: day.isoformat() if day else None).array()
    data["dob_year"] = births.map(lambda born: born.year if born else None).array()
    data["dob_days"] = days.map(lambda day: day.toordinal() if day else None).array()
    data["place_key"] = column("place_of_birth").map(_text_key).array()
    data["nationality"] = column("nationality").map(lambda value: value.upper() or None).array()
    data["doc_key"] = data["doc_check"] = column("document_number").map(code_key).array()
    for name, kind in (extra or {}).items():
        data[name] = column(name).map(code_key if kind == "code" else _text_key).array()
    frame = pd.DataFrame(data, columns=[*COLUMNS, *(extra or {})])
    for name in ("dob_year", "dob_days"):
        frame[name] = frame[name].astype("Int64")
    frame[LONE_NAME] = lone
    return frame


def columns_of(
    records: Iterable[Mapping[str, object]] | pd.DataFrame,
) -> Callable[[str], list[object]]:
    """A function giving the cells of a column of the records (``None`` where missing),
    read from a frame's column or from each mapping."""
    if isinstance(records, pd.DataFrame):
        frame = records
        return lambda name: frame[name].tolist() if name in frame else [None] * len(frame)
    rows = records if isinstance(records, Sequence) else list(records)
    return lambda name: [record.get(name) for record in rows]


@dataclass(frozen=True, slots=True)
class _Distinct:
    """A column as its distinct values and, per row, the index of its value: functions of
    the values are computed once per distinct value."""

    codes: np.ndarray
    values: list[Any]

    @classmethod
    def of(cls, cells: Sequence[object] | np.ndarray) -> _Distinct:
        codes, values = pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=False)
        return cls(codes, list(values))

    def map(self, function: Callable[[Any], object]) -> _Distinct:
        return _Distinct(self.codes, [function(value) for value in self.values])

    def truthy(self) -> np.ndarray:
        return np.array([bool(value) for value in self.values], dtype=bool)[self.codes]

    def array(self) -> np.ndarray:
        """The value of every row (one object array; equal values are one object)."""
        values = np.empty(len(self.values), dtype=object)
        for index, value in enumerate(self.values):
            values[index] = value  # one by one: lists must stay elements, not be spread
        return values[self.codes]


def _split_full_names(
    family: np.ndarray, given: np.ndarray, patronymic: np.ndarray, full: np.ndarray
) -> tuple[_Distinct, _Distinct, _Distinct]:
    """Names taken from ``full_name`` where neither family nor given name is written, and
    from the family name where it holds a whole name (:func:`_full_name_in_family`)."""
    for index in np.flatnonzero(full.astype(bool) & ~family.astype(bool) & ~given.astype(bool)):
        family[index], given[index], split_patronymic = split_full_name(full[index])
        patronymic[index] = patronymic[index] or split_patronymic
    for index in np.flatnonzero(~given.astype(bool) & ~patronymic.astype(bool)):
        if _full_name_in_family(family[index], given[index], patronymic[index]):
            family[index], given[index], patronymic[index] = split_full_name(family[index])
    return _Distinct.of(family), _Distinct.of(given), _Distinct.of(patronymic)


def _names_keys(family: _Distinct, given: _Distinct) -> _Distinct:
    """:func:`names_key` of every row: the words once per distinct field value, the key
    once per distinct pair of them."""
    family_words, given_words = family.map(field_words), given.map(field_words)
    codes, pairs = pd.factorize(family.codes.astype(np.int64) * len(given.values) + given.codes)
    size = len(given.values)
    keys = [
        names_key_of(family_words.values[pair // size], given_words.values[pair % size])
        for pair in pairs
    ]
    return _Distinct(codes, keys)
