"""Validation of a person's fields, shared by every way a person is entered or changed
(web form, API, imports, the population generator)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

import phonenumbers
import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django_stubs_ext import StrOrPromise

from qorgau.names import transliterate
from qorgau.names.scripts import is_latin, name_script_check
from qorgau.people import errors
from qorgau.people.dates import PartialDate
from qorgau.people.models import CitizenshipStatus, Person
from qorgau.people.models.choices import CITIZENSHIP_VALUES, SEX_VALUES
from qorgau.reference.models import Country, Region, SpecificNeed

if TYPE_CHECKING:
    from qorgau.people.services.persons import PersonInput


class ErrorCollector:
    """Collects field errors so that one submission reports every problem at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[ValidationError]] = {}

    def add(self, field: str, message: StrOrPromise, error_code: str, **params: object) -> None:
        error = ValidationError(message, code=error_code, params=params or None)
        self.errors.setdefault(field, []).append(error)

    def add_error(self, field: str, error: ValidationError) -> None:
        self.errors.setdefault(field, []).extend(error.error_list)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def check_birth(
    collector: ErrorCollector, birth: PartialDate, today: dt.date | None = None
) -> None:
    try:
        birth.validate(today=today)
    except ValidationError as exc:
        collector.add_error("date_of_birth", exc)


# Direction overrides and isolates, zero-width characters and the BOM: invisible in a name, they
# make two names look the same or reorder what is shown (issue 14). Control characters (C0, DEL
# and C1) are refused too (Unicode category Cc).
_INVISIBLE = frozenset(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
)
MAX_COMBINING_MARKS = 3


def check_name(collector: ErrorCollector, field: str, name: str, *, latin: bool = True) -> str:
    """Refuses invisible and control characters, more than ``MAX_COMBINING_MARKS`` combining
    marks in a row, a word mixing Latin and Cyrillic letters that cannot be repaired, and (with
    ``latin``, for a person's own names) a name whose Latin form does not fit its column.
    Returns the name to store: composed (NFC), its look-alike letters moved to their word's
    script (``name_warnings`` tells the user which)."""
    name = unicodedata.normalize("NFC", name)
    marks = 0
    for character in name:
        if ord(character) in _INVISIBLE or unicodedata.category(character) == "Cc":
            code = f"U+{ord(character):04X}"
            collector.add(field, errors.NAME_CHARACTER, "name_character", character=code)
            return name
        marks = marks + 1 if unicodedata.combining(character) else 0
        if marks > MAX_COMBINING_MARKS:
            limit = MAX_COMBINING_MARKS
            collector.add(field, errors.NAME_COMBINING_MARKS, "name_marks", limit=limit)
            return name
    checked = name_script_check(name)
    if checked.refused_character:
        character = checked.refused_character
        message = (
            errors.NAME_LATIN_IN_CYRILLIC if is_latin(character) else errors.NAME_CYRILLIC_IN_LATIN
        )
        code = f"U+{ord(character):04X}"
        word = checked.refused_word
        collector.add(field, message, "name_scripts", word=word, character=character, code=code)
        return name
    name = checked.text
    if not latin:
        return name
    limit = int(getattr(Person._meta.get_field(f"{field}_latin"), "max_length", 0))
    if (length := len(transliterate(name))) > limit:
        collector.add(
            field, errors.NAME_TOO_LONG_IN_LATIN, "name_too_long", length=length, limit=limit
        )
    return name


NAME_FIELDS = ("family_name", "given_name", "patronymic")


@dataclass(frozen=True)
class NameWarning:
    """A look-alike letter of another script that was replaced in a name as it was saved."""

    field: str
    word: str
    character: str
    replacement: str
    code: str = "name_letter_replaced"

    @property
    def message(self) -> str:
        template = (
            errors.NAME_CYRILLIC_REPLACED
            if is_latin(self.replacement)
            else errors.NAME_LATIN_REPLACED
        )
        return str(template) % {
            "word": self.word,
            "character": self.character,
            "code": f"U+{ord(self.character):04X}",
        }


def name_warnings(data: PersonInput | Mapping[str, Any]) -> list[NameWarning]:
    """The replacements ``person_input_check`` will make in the names of ``data`` (its own and
    its aliases'; a mapping: the names a partial update sends), for the page or API answer that
    saves it to show. Call it before the service, which changes ``data``."""
    values = data if isinstance(data, Mapping) else vars(data)
    named = [(field, values.get(field) or "") for field in NAME_FIELDS]
    for alias in values.get("aliases") or []:
        named += [("aliases", getattr(alias, field)) for field in NAME_FIELDS]
    return [
        NameWarning(field, r.word, r.character, r.replacement)
        for field, text in named
        for r in name_script_check(text).replaced
    ]


def check_citizenship(collector: ErrorCollector, status: str, country: Country | None) -> None:
    if status not in CITIZENSHIP_VALUES:
        collector.add("citizenship_status", errors.UNKNOWN_CODE, "unknown_code", code=status)
    elif status in (CitizenshipStatus.CITIZEN, CitizenshipStatus.CLAIMED) and country is None:
        collector.add("citizenship_country", errors.CITIZENSHIP_COUNTRY_REQUIRED, "required")
    elif (
        status in (CitizenshipStatus.STATELESS, CitizenshipStatus.UNDETERMINED)
        and country is not None
    ):
        collector.add(
            "citizenship_country", errors.CITIZENSHIP_COUNTRY_FORBIDDEN, "citizenship_country"
        )


@cache
def language_code(code: str) -> str | None:
    """The ISO 639-3 code of an ISO 639 code of two or three letters; None if unknown."""
    language = pycountry.languages.get(alpha_3=code) if len(code) == 3 else None
    language = language or (pycountry.languages.get(alpha_2=code) if len(code) == 2 else None)
    return None if language is None else str(language.alpha_3)


def check_languages(collector: ErrorCollector, languages: Iterable[str]) -> list[str]:
    """ISO 639 codes (two or three letters), returned as ISO 639-3."""
    normalised = []
    for code in languages:
        alpha_3 = language_code(code)
        if alpha_3 is None:
            collector.add("languages", errors.UNKNOWN_CODE, "unknown_code", code=code)
        else:
            normalised.append(alpha_3)
    return sorted(set(normalised))


def check_phones(collector: ErrorCollector, numbers: Iterable[str]) -> list[str]:
    """Phone numbers in E.164 form; local numbers are read as numbers of Kazakhstan."""
    result = []
    for number in numbers:
        try:
            parsed = phonenumbers.parse(number, settings.PHONENUMBER_DEFAULT_REGION)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_valid_number(parsed):
            collector.add("phones", errors.PHONE_INVALID, "phone_invalid", number=number)
            continue
        result.append(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    return list(dict.fromkeys(result))


def check_needs(collector: ErrorCollector, codes: Iterable[str]) -> list[SpecificNeed]:
    wanted = list(dict.fromkeys(codes))
    found = {n.code: n for n in SpecificNeed.objects.filter(code__in=wanted)}
    for code in wanted:
        if code not in found:
            collector.add("needs", errors.UNKNOWN_CODE, "unknown_code", code=code)
    return [found[c] for c in wanted if c in found]


class CheckedValues:
    """Values already found valid, for checking many people at once (imports, the population
    generator): they repeat the same dates of birth and languages thousands of times, and each
    distinct value needs checking once. Only valid values are remembered, so an invalid one is
    checked, and reported, every time it occurs. (Phone numbers are all different: they are
    checked every time.) Names repeat too (a partner's list holds a few thousand family names
    and a few hundred given names): a valid name is checked once, up to ``NAMES_KEPT`` of
    them, so that memory stays flat however long the load."""

    NAMES_KEPT = 20_000
    #: Distinct dates of birth remembered (a century of days is 36,500).
    BIRTHS_KEPT = 20_000

    def __init__(self) -> None:
        self.births: set[tuple[PartialDate, dt.date | None]] = set()
        self.languages: dict[tuple[str, ...], list[str]] = {}
        self.names: dict[tuple[str, str, bool], str] = {}

    def name(self, collector: ErrorCollector, field: str, name: str, *, latin: bool = True) -> str:
        """``check_name``, once per valid name."""
        key = (field, name, latin)
        known = self.names.get(key)
        if known is not None:
            return known
        found = sum(len(e) for e in collector.errors.values())
        checked = check_name(collector, field, name, latin=latin)
        if sum(len(e) for e in collector.errors.values()) == found:
            if len(self.names) >= self.NAMES_KEPT:
                self.names.clear()
            self.names[key] = checked
        return checked

    def birth(self, collector: ErrorCollector, birth: PartialDate, today: dt.date | None) -> None:
        if (birth, today) not in self.births:
            found = len(collector.errors)
            check_birth(collector, birth, today)
            if len(collector.errors) == found:
                if len(self.births) >= self.BIRTHS_KEPT:
                    self.births.clear()
                self.births.add((birth, today))

    def language_list(self, collector: ErrorCollector, languages: list[str]) -> list[str]:
        key = tuple(languages)
        known = self.languages.get(key)
        if known is None:
            found = len(collector.errors)
            known = check_languages(collector, languages)
            if len(collector.errors) == found:
                self.languages[key] = known
        return list(known)


def person_input_check(
    data: PersonInput,
    *,
    today: dt.date | None = None,
    known: CheckedValues | None = None,
    office: Country | None = None,
) -> tuple[list[str], list[str], ErrorCollector]:
    """Every check of a person's own fields that needs no database: names, sex, date of birth,
    citizenship, languages, phones. Returns the normalised languages and phones, and the
    collected errors (needs and source ids are checked by the caller, against the database).
    ``known`` carries the values a batch has already found valid across calls; with ``office``
    the region must be one of the record's country."""
    known = known or CheckedValues()
    collector = ErrorCollector()
    data.given_name = data.given_name.strip()
    data.family_name = data.family_name.strip()
    data.patronymic = data.patronymic.strip()
    if not data.given_name:
        collector.add("given_name", errors.REQUIRED, "required")
    for field in ("given_name", "family_name", "patronymic"):
        setattr(data, field, known.name(collector, field, getattr(data, field)))
    data.aliases = [
        replace(
            alias,
            **{
                field: known.name(collector, "aliases", getattr(alias, field), latin=False)
                for field in NAME_FIELDS
            },
        )
        for alias in data.aliases
    ]
    if data.sex not in SEX_VALUES:
        collector.add("sex", errors.UNKNOWN_CODE, "unknown_code", code=data.sex)
    known.birth(collector, data.birth, today)
    check_citizenship(collector, data.citizenship_status, data.citizenship_country)
    languages = known.language_list(collector, data.languages)
    phones = check_phones(collector, data.phones) if data.phones else []
    if office is not None:
        check_region(collector, data.region, office.pk)
    return languages, phones, collector


def check_region(collector: ErrorCollector, region: Region | None, office_id: int) -> None:
    """The region must be one of the record's country: a region of another country (UZ-TO on
    a Kazakhstan record) was stored (issue 14)."""
    if region is not None and region.country_id != office_id:
        code = region.code
        collector.add("region", errors.REGION_OF_ANOTHER_COUNTRY, "region_country", code=code)
