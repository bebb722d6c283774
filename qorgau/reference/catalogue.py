"""Typed, validated access to the reference data files shipped in ``reference/data``.

Pure Python (no Django), so the files can be read and checked anywhere:

* ``specific_needs.json``: the UNHCR standardized specific-needs codes (2009 list), each a
  category (``parent`` null) or a sub-code of one, with English, Russian and Kazakh labels;
* ``regions.json``: the first-level ISO 3166-2 subdivisions of the five Central Asian
  countries, with Kazakhstan's KATO region code;
* ``unhcr_country_codes.json``: the countries whose UNHCR (Refugee Data Finder / proGres)
  three-letter code differs from ISO 3166-1 alpha-3, as ``{"ISO3": "UNHCR"}``.

Countries are not a data file: they come from pycountry (ISO 3166-1) with Russian and Kazakh
names from babel's CLDR data. UNHCR codes and ISO3 codes overlap (UNHCR's ``ARE`` is Egypt,
ISO's is the United Arab Emirates; UNHCR's ``AUS`` is Austria), so never compare one with the
other.

The zero-argument functions read the shipped files once (cached); the ``load_*`` functions
read a file given by path, uncached, which is how tests check broken files. Every reader
validates what it reads and raises :class:`CatalogueError` (a ``ValueError``) naming the file
and the entry at fault.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import pycountry
from babel import Locale

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SPECIFIC_NEEDS_FILE: Final = DATA_DIR / "specific_needs.json"
REGIONS_FILE: Final = DATA_DIR / "regions.json"
UNHCR_COUNTRY_CODES_FILE: Final = DATA_DIR / "unhcr_country_codes.json"

CENTRAL_ASIA: Final[tuple[str, ...]] = ("KAZ", "KGZ", "TJK", "TKM", "UZB")

LANGUAGES: Final[tuple[str, ...]] = ("en", "ru", "kk")

_NEED_CATEGORY = re.compile(r"[A-Z]{2}")
_NEED_SUBCODE = re.compile(r"([A-Z]{2})-[A-Z]{2}")
_REGION_CODE = re.compile(r"([A-Z]{2})-[A-Z0-9]{1,3}")
_ISO3 = re.compile(r"[A-Z]{3}")
_KATO_REGION = re.compile(r"[0-9]{2}")


class CatalogueError(ValueError):
    """A reference data file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class SpecificNeedEntry:
    """A UNHCR specific-needs code: a category (``SM``) or a sub-code (``SM-CI``)."""

    code: str
    parent: str | None
    en: str
    ru: str
    kk: str

    @property
    def is_category(self) -> bool:
        return self.parent is None


@dataclass(frozen=True, slots=True)
class RegionEntry:
    """A first-level subdivision: ISO 3166-2 code, country (ISO3), KATO code in Kazakhstan."""

    code: str
    country: str
    kato: str | None
    en: str
    ru: str
    kk: str


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """An ISO 3166-1 country with its UNHCR code and names.

    ``fallbacks`` records why a name is English although another language was asked for
    (empty when babel had every name).
    """

    iso3: str
    iso2: str
    unhcr_code: str
    en: str
    ru: str
    kk: str
    fallbacks: tuple[str, ...] = ()


# --------------------------------------------------------------------------- reading helpers


def _fail(path: Path, where: str, problem: str) -> CatalogueError:
    return CatalogueError(f"{path}: {where}: {problem}")


def _read_json(path: Path) -> Any:
    """Parse a JSON file, refusing duplicate keys inside any object."""

    def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise _fail(path, f"key {key!r}", "appears twice in one object")
            result[key] = value
        return result

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: cannot be read: {exc}") from exc
    try:
        return json.loads(text, object_pairs_hook=no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise CatalogueError(f"{path}: not valid JSON: {exc}") from exc


def _entries(path: Path, data: Any, keys: frozenset[str]) -> list[tuple[str, dict[str, Any]]]:
    """The rows of a list-of-objects file, each with a label for error messages."""
    if not isinstance(data, list):
        raise _fail(path, "top level", "must be a list of entries")
    rows: list[tuple[str, dict[str, Any]]] = []
    for index, row in enumerate(data):
        where = f"entry {index}"
        if not isinstance(row, dict):
            raise _fail(path, where, "must be an object")
        code = row.get("code")
        if isinstance(code, str):
            where = f"entry {index} ({code!r})"
        missing = sorted(keys - row.keys())
        if missing:
            raise _fail(path, where, f"missing {', '.join(missing)}")
        unknown = sorted(row.keys() - keys)
        if unknown:
            raise _fail(path, where, f"unknown field {', '.join(unknown)}")
        rows.append((where, row))
    return rows


def _code(path: Path, where: str, row: Mapping[str, Any], pattern: re.Pattern[str]) -> str:
    code = row["code"]
    if not isinstance(code, str) or not pattern.fullmatch(code):
        raise _fail(path, where, f"code {code!r} is not of the form {pattern.pattern}")
    return code


def _labels(path: Path, where: str, row: Mapping[str, Any]) -> tuple[str, str, str]:
    labels: list[str] = []
    for language in LANGUAGES:
        label = row[language]
        if not isinstance(label, str) or not label.strip():
            raise _fail(path, where, f"missing {language} label")
        if label != label.strip() or "  " in label:
            raise _fail(path, where, f"{language} label {label!r} has stray whitespace")
        labels.append(label)
    return labels[0], labels[1], labels[2]


def _no_duplicate(path: Path, where: str, code: str, seen: set[str]) -> None:
    if code in seen:
        raise _fail(path, where, f"duplicate code {code!r}")
    seen.add(code)


# --------------------------------------------------------------------------- specific needs


def load_specific_needs(path: Path) -> tuple[SpecificNeedEntry, ...]:
    """Read and validate a specific-needs file (uncached)."""
    rows = _entries(path, _read_json(path), frozenset({"code", "parent", *LANGUAGES}))
    entries: list[SpecificNeedEntry] = []
    seen: set[str] = set()
    categories = {
        row["code"]
        for _, row in rows
        if isinstance(row["code"], str) and _NEED_CATEGORY.fullmatch(row["code"])
    }
    for where, row in rows:
        code = row["code"]
        parent = row["parent"]
        if isinstance(code, str) and _NEED_CATEGORY.fullmatch(code):
            if parent is not None:
                raise _fail(path, where, f"category {code!r} must have a null parent")
        else:
            code = _code(path, where, row, _NEED_SUBCODE)
            prefix = code[:2]
            if parent != prefix:
                raise _fail(path, where, f"parent {parent!r} must be the category {prefix!r}")
            if parent not in categories:
                raise _fail(path, where, f"unknown parent {parent!r}")
        _no_duplicate(path, where, code, seen)
        en, ru, kk = _labels(path, where, row)
        entries.append(SpecificNeedEntry(code=code, parent=parent, en=en, ru=ru, kk=kk))
    return tuple(sorted(entries, key=lambda entry: entry.code))


@functools.cache
def specific_needs() -> tuple[SpecificNeedEntry, ...]:
    """Every shipped specific-needs category and sub-code, sorted by code."""
    return load_specific_needs(SPECIFIC_NEEDS_FILE)


# --------------------------------------------------------------------------- regions


def load_regions(path: Path) -> tuple[RegionEntry, ...]:
    """Read and validate a regions file (uncached)."""
    rows = _entries(path, _read_json(path), frozenset({"code", "country", "kato", *LANGUAGES}))
    entries: list[RegionEntry] = []
    seen: set[str] = set()
    for where, row in rows:
        code = _code(path, where, row, _REGION_CODE)
        country = row["country"]
        if not isinstance(country, str) or not _ISO3.fullmatch(country):
            raise _fail(path, where, f"country {country!r} is not an ISO 3166-1 alpha-3 code")
        record = pycountry.countries.get(alpha_3=country)
        if record is None:
            raise _fail(path, where, f"unknown country {country!r}")
        if code.split("-")[0] != record.alpha_2:
            raise _fail(path, where, f"code {code!r} is not a subdivision of {country}")
        kato = row["kato"]
        if country == "KAZ":
            if not isinstance(kato, str) or not _KATO_REGION.fullmatch(kato):
                raise _fail(path, where, f"KATO code {kato!r} must be two digits")
        elif kato is not None:
            raise _fail(path, where, "KATO codes exist only for Kazakhstan; use null")
        _no_duplicate(path, where, code, seen)
        en, ru, kk = _labels(path, where, row)
        entries.append(
            RegionEntry(code=code, country=country, kato=kato, en=en, ru=ru, kk=kk),
        )
    return tuple(sorted(entries, key=lambda entry: entry.code))


@functools.cache
def regions() -> tuple[RegionEntry, ...]:
    """Every shipped first-level subdivision of the Central Asian countries, sorted by code."""
    return load_regions(REGIONS_FILE)


# --------------------------------------------------------------------------- labelled codes


@dataclass(frozen=True, slots=True)
class LabelledEntry:
    """A code with English, Russian and Kazakh labels (another app's coded data, such as the
    partners' service catalogue)."""

    code: str
    en: str
    ru: str
    kk: str


def load_labelled_codes(path: Path, pattern: re.Pattern[str]) -> tuple[LabelledEntry, ...]:
    """Read and validate a list of ``{"code", "en", "ru", "kk"}`` entries (uncached), codes
    matching ``pattern``, in the file's order (the order the interface offers them)."""
    rows = _entries(path, _read_json(path), frozenset({"code", *LANGUAGES}))
    entries: list[LabelledEntry] = []
    seen: set[str] = set()
    for where, row in rows:
        code = _code(path, where, row, pattern)
        _no_duplicate(path, where, code, seen)
        en, ru, kk = _labels(path, where, row)
        entries.append(LabelledEntry(code=code, en=en, ru=ru, kk=kk))
    return tuple(entries)


# --------------------------------------------------------------------------- countries


def load_unhcr_country_codes(path: Path) -> Mapping[str, str]:
    """Read and validate a ``{"ISO3": "UNHCR"}`` override file (uncached, read-only result)."""
    data = _read_json(path)
    if not isinstance(data, dict):
        raise _fail(path, "top level", 'must be an object {"ISO3": "UNHCR"}')
    overrides: dict[str, str] = {}
    owners: dict[str, str] = {}
    for iso3, unhcr in data.items():
        where = f"entry {iso3!r}"
        if not _ISO3.fullmatch(iso3) or pycountry.countries.get(alpha_3=iso3) is None:
            raise _fail(path, where, f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
        if not isinstance(unhcr, str) or not _ISO3.fullmatch(unhcr):
            raise _fail(path, where, f"UNHCR code {unhcr!r} must be three capital letters")
        if unhcr == iso3:
            raise _fail(path, where, "UNHCR code equals the ISO code; leave it out")
        if unhcr in owners:
            raise _fail(path, where, f"UNHCR code {unhcr!r} already belongs to {owners[unhcr]}")
        owners[unhcr] = iso3
        overrides[iso3] = unhcr
    return MappingProxyType(overrides)


@functools.cache
def unhcr_country_codes() -> Mapping[str, str]:
    """The shipped ISO3 → UNHCR code overrides (read-only)."""
    return load_unhcr_country_codes(UNHCR_COUNTRY_CODES_FILE)


def _english_name(record: Any) -> str:
    """pycountry's common name when it has one ("Bolivia"), else its ISO short name."""
    for attribute in ("common_name", "name", "official_name"):
        value = getattr(record, attribute, None)
        if isinstance(value, str) and value:
            return value
    raise CatalogueError(f"pycountry: country {record.alpha_3} has no English name")


def _territory_names(language: str) -> Mapping[str, str]:
    names = Locale.parse(language).territories
    return {str(code): str(name) for code, name in names.items()}


def build_countries(
    unhcr_codes: Mapping[str, str],
    names: Mapping[str, Mapping[str, str]],
    *,
    source: str = "unhcr_country_codes.json",
) -> tuple[CountryEntry, ...]:
    """Every ISO 3166-1 country, sorted by ISO3.

    ``names`` maps ``"ru"`` and ``"kk"`` to alpha-2 → name tables (babel's in production); a
    name missing from a table falls back to English and the entry records why.
    """
    unknown = sorted(set(unhcr_codes) - {record.alpha_3 for record in pycountry.countries})
    if unknown:
        raise CatalogueError(f"{source}: unknown ISO3 code {', '.join(unknown)}")
    entries: list[CountryEntry] = []
    owners: dict[str, str] = {}
    for record in sorted(pycountry.countries, key=lambda r: str(r.alpha_3)):
        iso3, iso2 = str(record.alpha_3), str(record.alpha_2)
        english = _english_name(record)
        localised: dict[str, str] = {}
        fallbacks: list[str] = []
        for language in ("ru", "kk"):
            name = names.get(language, {}).get(iso2, "").strip()
            if not name:
                name = english
                fallbacks.append(f"{language}: babel has no name for {iso2}; English used")
            localised[language] = name
        unhcr_code = unhcr_codes.get(iso3, iso3)
        if unhcr_code in owners:
            raise CatalogueError(
                f"{source}: UNHCR code {unhcr_code!r} of {iso3} is already {owners[unhcr_code]}'s"
                " (an ISO3 code not overridden is its own UNHCR code)"
            )
        owners[unhcr_code] = iso3
        entries.append(
            CountryEntry(
                iso3=iso3,
                iso2=iso2,
                unhcr_code=unhcr_code,
                en=english,
                ru=localised["ru"],
                kk=localised["kk"],
                fallbacks=tuple(fallbacks),
            )
        )
    return tuple(entries)


@functools.cache
def countries() -> tuple[CountryEntry, ...]:
    """Every ISO 3166-1 country with UNHCR code and English, Russian and Kazakh names."""
    return build_countries(
        unhcr_country_codes(),
        {language: _territory_names(language) for language in ("ru", "kk")},
    )


# --------------------------------------------------------------------------- cache control


def clear_caches() -> None:
    """Forget what the cached readers have read (for tests and long-lived processes)."""
    specific_needs.cache_clear()
    regions.cache_clear()
    unhcr_country_codes.cache_clear()
    countries.cache_clear()
