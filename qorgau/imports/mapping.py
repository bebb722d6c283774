"""From a partner's columns to the registry's fields: the fields an import fills, the
suggestion of a mapping from header names (kk/ru/en and KoboToolbox's), and the reading of one
row's cells into a :class:`PersonInput` with the registry's codes.

The values are only read here (a date that is not a date, a code that is no code): the
registry's own checks (names, impossible dates, phones, needs, regions of the record's
country) run afterwards, in the bulk service every import goes through."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from qorgau.imports import errors
from qorgau.imports.readers import MEMBER, SUBMISSION
from qorgau.people.dates import PartialDate
from qorgau.people.models.choices import CitizenshipStatus, Relationship, Sex
from qorgau.people.services.persons import PersonInput
from qorgau.reference.models import Country, Region

#: The fields an import fills, with their label (for people choosing a mapping).
FIELDS: dict[str, Any] = {
    "source_id": _("Organisation's own id of the person"),
    "household_id": _("Organisation's own id of the household"),
    "relationship": _("Relationship to the principal applicant"),
    "family_name": _("Family name"),
    "given_name": _("Given name"),
    "patronymic": _("Patronymic"),
    "sex": _("Sex"),
    "birth_date": _("Date of birth"),
    "birth_place": _("Place of birth"),
    "birth_country": _("Country of birth"),
    "citizenship_status": _("Citizenship"),
    "citizenship_country": _("Country of citizenship"),
    "origin_country": _("Country of origin"),
    "languages": _("Languages"),
    "address": _("Address"),
    "region": _("Region"),
    "phones": _("Phone numbers"),
    "needs": _("Specific needs"),
}

#: Header names (folded: lower case, last part of a group path, no spaces, dashes or
#: underscores) that suggest each field, in kk, ru and en and as KoboToolbox names them.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "source_id": (
        "id",
        "personid",
        "sourceid",
        "caseid",
        "beneficiaryid",
        "идентификатор",
        "код",
        "номер",
        "жекесәйкестендіргіш",
    ),
    "household_id": (
        "household",
        "householdid",
        "hhid",
        "familyid",
        "iddomohozyaystva",
        "семья",
        "домохозяйство",
        "iдсемьи",
        "кодсемьи",
        "отбасы",
        "үйшаруашылығы",
    ),
    "relationship": (
        "relationship",
        "relation",
        "relationshiptohead",
        "родство",
        "отношениекзаявителю",
        "туыстығы",
        "туыстық",
    ),
    "family_name": ("familyname", "surname", "lastname", "фамилия", "тегі"),
    "given_name": ("givenname", "firstname", "name", "имя", "аты"),
    "patronymic": ("patronymic", "fathersname", "middlename", "отчество", "әкесініңаты"),
    "sex": ("sex", "gender", "пол", "жынысы"),
    "birth_date": (
        "birthdate",
        "dateofbirth",
        "dob",
        "датарождения",
        "туғанкүні",
        "туғанкүн",
        "годрождения",
        "yearofbirth",
    ),
    "birth_place": ("birthplace", "placeofbirth", "месторождения", "туғанжері"),
    "birth_country": ("birthcountry", "countryofbirth", "странарождения", "туғанелі"),
    "citizenship_status": (
        "citizenship",
        "citizenshipstatus",
        "nationalitystatus",
        "гражданство",
        "азаматтығы",
    ),
    "citizenship_country": (
        "citizenshipcountry",
        "nationality",
        "countryofcitizenship",
        "странагражданства",
        "азаматтықелі",
    ),
    "origin_country": (
        "origincountry",
        "countryoforigin",
        "origin",
        "странапроисхождения",
        "шыққанелі",
    ),
    "languages": ("languages", "language", "языки", "язык", "тілдер", "тілі"),
    "address": ("address", "адрес", "мекенжай", "мекенжайы"),
    "region": ("region", "oblast", "область", "регион", "облысы", "өңір", "admin1"),
    "phones": ("phone", "phones", "phonenumber", "mobile", "телефон", "телефоны"),
    "needs": (
        "needs",
        "specificneeds",
        "особыепотребности",
        "потребности",
        "ерекшеқажеттіліктер",
        "қажеттіліктер",
    ),
}
_BY_NAME = {name: field for field, names in SYNONYMS.items() for name in names}


def fold_header(header: str) -> str:
    """A header as the suggestions compare it: lower case, the last part of a group path,
    without spaces, dashes, dots or underscores."""
    last = header.rsplit("/", 1)[-1]
    return re.sub(r"[\s_\-.:]+", "", last.casefold())


def mapping_suggest(columns: list[str], *, kobo: bool = False) -> dict[str, str]:
    """A mapping for these headers: each column whose name is a known one, to its field (the
    first column for each field); the others to ``""`` (ignored) for a person to check. A
    KoboToolbox file's ids come from its submissions and members."""
    suggested: dict[str, str] = {}
    taken: set[str] = set()
    if kobo:
        suggested = {MEMBER: "source_id", SUBMISSION: "household_id"}
        taken = {"source_id", "household_id"}
    for column in columns:
        if column in suggested:
            continue
        field = _BY_NAME.get(fold_header(column), "")
        if field in taken:
            field = ""
        taken.add(field)
        suggested[column] = field
    return suggested


# --- reading cells --------------------------------------------------------------------------


@dataclass
class CellError:
    column: str
    value: str
    message: Any
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Lookups:
    """The registry's codes, read once per import."""

    countries: dict[str, Country]
    regions: dict[str, Region]
    sexes: dict[str, str]
    citizenships: dict[str, str]
    relationships: dict[str, str]

    @classmethod
    def load(cls) -> Lookups:
        countries: dict[str, Country] = {}
        for country in Country.objects.all():
            for key in (country.iso3, country.iso2, country.name_en, country.name_ru):
                countries[key.casefold()] = country
            countries[country.name_kk.casefold()] = country
        regions: dict[str, Region] = {}
        for region in Region.objects.all():
            for key in (region.code, region.kato, region.name_en, region.name_ru, region.name_kk):
                if key:
                    regions[key.casefold()] = region
        return cls(
            countries=countries,
            regions=regions,
            sexes={
                **choices_folded(Sex),
                "m": Sex.MALE,
                "f": Sex.FEMALE,
                "м": Sex.MALE,
                "ж": Sex.FEMALE,
                "e": Sex.MALE,
                "ә": Sex.FEMALE,
            },
            citizenships=choices_folded(CitizenshipStatus),
            relationships={**choices_folded(Relationship), "head": Relationship.PRINCIPAL},
        )


def choices_folded(choices: Any) -> dict[str, str]:
    """Codes and their labels in every language, folded."""
    found = {str(value).casefold(): str(value) for value in choices.values}
    for language in ("en", "ru", "kk"):
        with translation.override(language):
            for value, label in choices.choices:
                found.setdefault(str(label).casefold(), str(value))
    return found


#: Excel counts days from 1899-12-30 (with its 1900 leap-year error before March 1900).
EXCEL_EPOCH = dt.date(1899, 12, 30)
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_SERIAL = re.compile(r"^\d{4,5}(\.0+)?$")


def date_read(text: str) -> PartialDate:
    """``dd.mm.yyyy``, ``yyyy-mm-dd``, ``dd/mm/yyyy``, ``yyyy``, ``mm.yyyy`` or an Excel serial
    number (5 digits: 1927 to 2173). Raises ValueError for anything else; an impossible date
    (31.02.1990) is read, and refused by the registry's check of dates of birth."""
    text = text.strip()
    if "T" in text:
        text = text.split("T", 1)[0]
    slashed = _SLASHED.match(text)
    if slashed:
        text = f"{slashed[1]}.{slashed[2]}.{slashed[3]}"
    elif _SERIAL.match(text) and len(text.split(".")[0]) == 5:
        day = EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
        return PartialDate(day.year, day.month, day.day)
    try:
        return PartialDate.parse(text)
    except Exception as error:
        raise ValueError(text) from error


@dataclass
class RowValues:
    source_id: str
    household_id: str
    relationship: str
    data: PersonInput


def _split(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,;]+", text) if part]


def row_read(
    cells: Mapping[str, str], columns: Mapping[str, str], lookups: Lookups
) -> tuple[RowValues, list[CellError]]:
    """The row's values by field, and what could not be read (by column)."""
    problems: list[CellError] = []
    values: dict[str, str] = {}
    where: dict[str, str] = {}
    for column, target in columns.items():
        if not target:
            continue
        text = (cells.get(column) or "").strip()
        if text[:1] == "=":
            problems.append(CellError(column, text, errors.FORMULA))
            text = ""
        values[target], where[target] = text, column

    def coded(target: str, table: dict[str, str], message: Any = errors.UNKNOWN_VALUE) -> str:
        text = values.get(target, "")
        if not text:
            return ""
        code = table.get(text.casefold())
        if code is None:
            problems.append(CellError(where[target], text, message, {"value": text}))
            return text
        return code

    def country(target: str) -> Country | None:
        text = values.get(target, "")
        if not text:
            return None
        found = lookups.countries.get(text.casefold())
        if found is None:
            problems.append(CellError(where[target], text, errors.UNKNOWN_COUNTRY, {"value": text}))
        return found

    birth = PartialDate.unknown()
    if values.get("birth_date"):
        try:
            birth = date_read(values["birth_date"])
        except ValueError:
            text = values["birth_date"]
            problems.append(
                CellError(where["birth_date"], text, errors.DATE_UNREADABLE, {"value": text})
            )
    region = None
    if values.get("region"):
        region = lookups.regions.get(values["region"].casefold())
        if region is None:
            text = values["region"]
            problems.append(
                CellError(where["region"], text, errors.UNKNOWN_REGION, {"value": text})
            )
    citizenship_country = country("citizenship_country")
    status = coded("citizenship_status", lookups.citizenships)
    if not status:
        status = (
            CitizenshipStatus.CITIZEN if citizenship_country else CitizenshipStatus.UNDETERMINED
        )
    data = PersonInput(
        given_name=values.get("given_name", ""),
        family_name=values.get("family_name", ""),
        patronymic=values.get("patronymic", ""),
        sex=coded("sex", lookups.sexes) or Sex.UNKNOWN,
        citizenship_status=status,
        birth=birth,
        birth_country=country("birth_country"),
        birth_place=values.get("birth_place", ""),
        citizenship_country=citizenship_country,
        origin_country=country("origin_country"),
        languages=_split(values.get("languages", "")),
        address=values.get("address", ""),
        region=region,
        phones=[p for p in re.split(r"[,;]+", values.get("phones", "")) if p.strip()],
        needs=_split(values.get("needs", "")),
    )
    result = RowValues(
        source_id=values.get("source_id", ""),
        household_id=values.get("household_id", ""),
        relationship=coded("relationship", lookups.relationships),
        data=data,
    )
    return result, problems


#: Which column a registry check's field name (``people.N.<name>``) is about.
CHECK_FIELDS = {
    "date_of_birth": "birth_date",
    "phones": "phones",
    "statuses": "",
    "documents": "",
}


def column_of(check_field: str, columns: Mapping[str, str]) -> str:
    target = CHECK_FIELDS.get(check_field, check_field)
    return next((column for column, f in columns.items() if f == target and target), "")
