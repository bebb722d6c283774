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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from qorgau.matching.dates import birth_date_or_none
from qorgau.names import fold, name_tokens
from qorgau.names.equivalents import equivalent
from qorgau.names.forms import PATRONYMIC_ENDINGS, PATRONYMIC_WORDS, family_stem, patronymic_stem
from qorgau.names.homoglyphs import CYRILLIC_TO_LATIN
from qorgau.names.readings import readings

#: How an extra column (one the engine does not know, e.g. an address) is compared.
type ExtraKind = Literal["code", "text"]

#: The normalised columns, in the order of the frame :func:`normalise` returns.
NAME_PARTS: Final = ("family", "given", "patronymic")
COLUMNS: Final = (
    "unique_id",
    *(f"{part}_{suffix}" for part in NAME_PARTS for suffix in ("key", "alts", "skel")),
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
    text: str, reduce: Callable[[str], str]
) -> tuple[str | None, list[str], str | None]:
    """``(key, alternatives, skeleton)`` of a family or given name."""
    words = [word for word in name_tokens(text) if fold(word) not in PATRONYMIC_WORDS]
    keys = [reduce(key) for key in map(fold, words) if key]
    if not keys:
        return None, [], None
    key = "".join(keys)
    alts = {key, equivalent(key)}
    for word in words:
        alts |= {reduce(reading) for reading in readings(word)}
        alts |= {equivalent(reduce(reading)) for reading in readings(word)}
    return key, sorted(alts), skeleton(key)


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
    return _name_columns(text, _given_reduce)


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
        return _text(record.get(name))

    family, given, patronymic = text("family_name"), text("given_name"), text("patronymic")
    if not (family or given) and text("full_name"):
        family, given, split_patronymic = split_full_name(text("full_name"))
        patronymic = patronymic or split_patronymic
    row: dict[str, object] = {"unique_id": text("id")}
    for part, columns in (
        ("family", _family_columns(family)),
        ("given", _given_columns(given)),
        ("patronymic", _patronymic_columns(patronymic)),
    ):
        row[f"{part}_key"], row[f"{part}_alts"], row[f"{part}_skel"] = columns
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
        return _Distinct.of(cells(name)).map(_text)

    family, given, patronymic = column("family_name"), column("given_name"), column("patronymic")
    if (~family.truthy() & ~given.truthy()).any():
        family, given, patronymic = _split_full_names(
            family.array(), given.array(), patronymic.array(), column("full_name").array()
        )
    data: dict[str, np.ndarray] = {"unique_id": column("id").array()}
    for part, values, derive in (
        ("family", family, _family_columns),
        ("given", given, _given_columns),
        ("patronymic", patronymic, _patronymic_columns),
    ):
        found = values.map(derive)
        for index, suffix in enumerate(("key", "alts", "skel")):
            data[f"{part}_{suffix}"] = found.map(itemgetter(index)).array()
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
    """Names taken from ``full_name`` where neither family nor given name is written."""
    for index in np.flatnonzero(full.astype(bool) & ~family.astype(bool) & ~given.astype(bool)):
        family[index], given[index], split_patronymic = split_full_name(full[index])
        patronymic[index] = patronymic[index] or split_patronymic
    return _Distinct.of(family), _Distinct.of(given), _Distinct.of(patronymic)
