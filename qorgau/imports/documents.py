"""Reading a row of a documents file: the person's own id (the organisation's ``source_id``),
the document's type (a code, or its label in kk/ru/en), number, issuing country, issuer and
dates. Like the reading of people (``mapping``), values are only read here; the registry's
own checks run in ``document_add``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from qorgau.imports import errors
from qorgau.imports.mapping import CellError, Lookups, choices_folded, date_read, fold_header
from qorgau.people.models.choices import DocumentType
from qorgau.reference.models import Country

#: The fields a documents file fills (a mapping fills these or those of ``mapping.FIELDS``).
DOCUMENT_FIELDS: dict[str, Any] = {
    "source_id": _("Organisation's own id of the person"),
    "document_type": _("Document type"),
    "document_number": _("Document number"),
    "issuing_country": _("Issuing country"),
    "issuer": _("Issued by"),
    "issued_on": _("Date of issue"),
    "expires_on": _("Date of expiry"),
}
#: What ``document_add`` calls the fields it refuses.
CHECK_FIELDS = {
    "type": "document_type",
    "number": "document_number",
    "issued_on": "issued_on",
    "expires_on": "expires_on",
}


#: Header names (folded as ``mapping`` folds them) that suggest each field of a documents
#: file, in kk, ru and en.
DOCUMENT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "document_type": ("documenttype", "doctype", "типдокумента", "виддокумента", "құжаттүрі"),
    "document_number": (
        "documentnumber",
        "docnumber",
        "номердокумента",
        "номерудостоверения",
        "құжатнөмірі",
    ),
    "issuing_country": ("issuingcountry", "countryofissue", "странавыдачи", "бергенел"),
    "issuer": ("issuer", "issuedby", "кемвыдан", "органвыдачи", "берген", "бергенорган"),
    "issued_on": ("issuedon", "dateofissue", "issuedate", "датавыдачи", "берілгенкүні"),
    "expires_on": (
        "expireson",
        "dateofexpiry",
        "expirydate",
        "действителендо",
        "срокдействия",
        "жарамдылықмерзімі",
    ),
}
_DOCUMENT_NAMES = {name: field for field, names in DOCUMENT_SYNONYMS.items() for name in names}


def is_documents_mapping(columns: Mapping[str, str]) -> bool:
    return "document_number" in columns.values()


def documents_suggest(columns: list[str], people: Mapping[str, str]) -> dict[str, str] | None:
    """The mapping of a documents file, when a column's name is a document number's: the
    person's id where ``people`` (the suggestion for a file of people) found it, and each
    column whose name is a document field's; None for a file of people."""
    found = {column: _DOCUMENT_NAMES.get(fold_header(column), "") for column in columns}
    if "document_number" not in found.values():
        return None
    suggested: dict[str, str] = {}
    taken: set[str] = set()
    for column in columns:
        field = found[column] or ("source_id" if people.get(column) == "source_id" else "")
        if field in taken:
            field = ""
        taken.add(field)
        suggested[column] = field
    return suggested


@dataclass
class DocumentValues:
    source_id: str
    type: str
    number: str
    issuing_country: Country | None
    issuer: str
    issued_on: dt.date | None
    expires_on: dt.date | None


def document_row_read(
    cells: Mapping[str, str], columns: Mapping[str, str], lookups: Lookups
) -> tuple[DocumentValues, list[CellError]]:
    problems: list[CellError] = []
    values: dict[str, str] = {}
    where: dict[str, str] = {}
    for column, target in columns.items():
        if target:
            text = (cells.get(column) or "").strip()
            if text[:1] == "=":
                problems.append(CellError(column, text, errors.FORMULA))
                text = ""
            values[target], where[target] = text, column

    def problem(target: str, message: Any) -> None:
        text = values[target]
        problems.append(CellError(where[target], text, message, {"value": text}))

    type_ = values.get("document_type", "")
    code = _document_types().get(type_.casefold(), "") if type_ else ""
    if type_ and not code:
        problem("document_type", errors.UNKNOWN_VALUE)
    country = None
    if values.get("issuing_country"):
        country = lookups.countries.get(values["issuing_country"].casefold())
        if country is None:
            problem("issuing_country", errors.UNKNOWN_COUNTRY)
    dates: dict[str, dt.date | None] = {}
    for target in ("issued_on", "expires_on"):
        dates[target] = None
        if not values.get(target):
            continue
        try:
            read = date_read(values[target])
        except ValueError:
            problem(target, errors.DATE_UNREADABLE)
            continue
        if read.year is None or read.month is None or read.day is None:
            problem(target, errors.DATE_INCOMPLETE)
            continue
        try:
            dates[target] = dt.date(read.year, read.month, read.day)
        except ValueError:
            problem(target, errors.DATE_IMPOSSIBLE)
    found = DocumentValues(
        source_id=values.get("source_id", ""),
        type=code or type_,
        number=values.get("document_number", ""),
        issuing_country=country,
        issuer=values.get("issuer", ""),
        issued_on=dates["issued_on"],
        expires_on=dates["expires_on"],
    )
    return found, problems


@cache
def _document_types() -> dict[str, str]:
    return choices_folded(DocumentType)
