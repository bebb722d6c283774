"""The columns a list of people can be exported with, each in a group of the field policy
(``people/fields.py``): a user is offered the columns of the groups their roles may read, and
each person's cells of a group the user may not read of that person stay empty.

Values are codes (sex, statuses, ISO countries and regions, UNHCR needs codes), so that a file
reads the same in every language; headers are the column keys for the same reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from qorgau.people.dates import PartialDate
from qorgau.people.fields import FieldGroup
from qorgau.people.models import Person

G = FieldGroup


def _code(related: object, attribute: str) -> str:
    return str(getattr(related, attribute, "") or "") if related is not None else ""


def _birth(person: Person) -> str:
    if person.birth_year is None:
        return ""
    return PartialDate(person.birth_year, person.birth_month, person.birth_day).isoformat()


def _status(person: Person) -> str:
    periods = sorted(getattr(person, "listed_periods", []), key=lambda p: p.effective_from)
    current = [p for p in periods if p.effective_to is None] or periods
    return current[-1].status if current else ""


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    #: None: shown with every record (the registration number, the registering organisation).
    group: FieldGroup | None
    value: Callable[[Person], str]


COLUMNS: tuple[Column, ...] = (
    Column("registration_number", _("Registration number"), None, lambda p: p.registration_number),
    Column("registered_by", _("Registered by"), None, lambda p: _code(p.registered_by, "code")),
    Column("family_name", _("Family name"), G.IDENTITY, lambda p: p.family_name),
    Column("given_name", _("Given name"), G.IDENTITY, lambda p: p.given_name),
    Column("patronymic", _("Patronymic"), G.IDENTITY, lambda p: p.patronymic),
    Column("sex", _("Sex"), G.IDENTITY, lambda p: p.sex),
    Column("date_of_birth", _("Date of birth"), G.IDENTITY, _birth),
    Column("birth_country", _("Country of birth"), G.IDENTITY,
           lambda p: _code(p.birth_country, "iso3")),
    Column("citizenship_status", _("Citizenship"), G.IDENTITY, lambda p: p.citizenship_status),
    Column("citizenship_country", _("Country of citizenship"), G.IDENTITY,
           lambda p: _code(p.citizenship_country, "iso3")),
    Column("origin_country", _("Country of origin"), G.IDENTITY,
           lambda p: _code(p.origin_country, "iso3")),
    Column("legal_status", _("Legal status"), G.LEGAL_STATUS, _status),
    Column("address", _("Address"), G.CONTACT, lambda p: p.address),
    Column("region", _("Region"), G.CONTACT, lambda p: _code(p.region, "code")),
    Column("phones", _("Phone numbers"), G.CONTACT,
           lambda p: " ".join(str(phone.number) for phone in getattr(p, "listed_phones", []))),
    Column("needs", _("Specific needs"), G.SPECIFIC_NEEDS,
           lambda p: " ".join(n.need.code for n in getattr(p, "listed_needs", []))),
    Column("household", _("Household"), G.HOUSEHOLD,
           lambda p: str(p.household.public_id) if p.household else ""),
    Column("relationship", _("Relationship to the principal applicant"), G.HOUSEHOLD,
           lambda p: p.relationship),
)  # fmt: skip

BY_KEY = {column.key: column for column in COLUMNS}

#: A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: str) -> str:
    """The value as a spreadsheet shows it and never runs it: a leading quote before a formula
    start (a phone number ``+7…`` reads ``'+7…``, as text)."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def row_cells(person: Person, columns: list[Column], readable: frozenset[FieldGroup]) -> list[str]:
    return [
        cell_safe(column.value(person)) if column.group is None or column.group in readable else ""
        for column in columns
    ]


def csv_bytes(rows: Iterable[list[str]]) -> bytes:
    """Rows as CSV, UTF-8 with a BOM (Excel then reads Cyrillic right)."""
    text = io.StringIO()
    writer = csv.writer(text)
    for row in rows:
        writer.writerow(row)
    return text.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: Iterable[list[str]], sheet_name: str) -> bytes:
    """Rows as an XLSX workbook of one sheet, written as they come (write-only)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
