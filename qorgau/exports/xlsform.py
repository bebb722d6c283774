"""Qorgau's registration form as an XLSForm (KoboToolbox, ODK), with Qorgau's own codes.

A partner collects in KoboToolbox exactly what Qorgau imports: the choice lists are the
registry's codes (sex, citizenship, countries ISO3, regions ISO 3166-2, UNHCR specific needs,
document types, relationships), the labels kk/ru/en. ``xlsform_columns()`` lists the headers
of Kobo's XLSX export ("XML values and headers", group paths ``group/field``) and the Qorgau
field each one fills, so that the import maps them with no manual step; the same table is the
form's ``qorgau_columns`` sheet (pyxform ignores sheets it does not know).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from qorgau.people.models.choices import CitizenshipStatus, DocumentType, Relationship, Sex
from qorgau.reference.models import Country, Region, SpecificNeed

LANGUAGES = (("en", "English (en)"), ("ru", "Русский (ru)"), ("kk", "Қазақша (kk)"))
FORM_ID = "qorgau_registration"
PRINCIPAL = "principal"
MEMBERS = "members"

#: (type, name, label, Qorgau field) of the principal applicant's group.
PRINCIPAL_QUESTIONS: tuple[tuple[str, str, str | Promise, str], ...] = (
    ("text", "source_id", _("Your organisation's id of this person"), "source_id"),
    ("text", "family_name", _("Family name"), "family_name"),
    ("text", "given_name", _("Given name"), "given_name"),
    ("text", "patronymic", _("Patronymic"), "patronymic"),
    ("select_one sex", "sex", _("Sex"), "sex"),
    ("date", "date_of_birth", _("Date of birth"), "date_of_birth"),
    ("select_one country", "birth_country", _("Country of birth"), "birth_country"),
    ("select_one citizenship", "citizenship_status", _("Citizenship"), "citizenship_status"),
    ("select_one country", "citizenship_country", _("Country of citizenship"),
     "citizenship_country"),
    ("select_one country", "origin_country", _("Country of origin"), "origin_country"),
    ("select_one region", "region", _("Region"), "region"),
    ("text", "address", _("Address"), "address"),
    ("text", "phone", _("Phone number"), "phones"),
    ("select_multiple need", "needs", _("Specific needs"), "needs"),
    ("select_one document_type", "document_type", _("Document type"), "document.type"),
    ("text", "document_number", _("Document number"), "document.number"),
)  # fmt: skip

#: The same for each household member (a repeat group).
MEMBER_QUESTIONS: tuple[tuple[str, str, str | Promise, str], ...] = (
    ("text", "family_name", _("Family name"), "family_name"),
    ("text", "given_name", _("Given name"), "given_name"),
    ("text", "patronymic", _("Patronymic"), "patronymic"),
    ("select_one sex", "sex", _("Sex"), "sex"),
    ("date", "date_of_birth", _("Date of birth"), "date_of_birth"),
    ("select_one relationship", "relationship", _("Relationship to the principal applicant"),
     "relationship"),
)  # fmt: skip

REQUIRED = {"given_name", "sex", "citizenship_status", "relationship"}
#: Shown only when the citizenship has a country (as the registry's own check requires).
RELEVANT = {"citizenship_country": "${citizenship_status} = 'citizen' or "
            "${citizenship_status} = 'claimed'"}  # fmt: skip


def xlsform_columns() -> dict[str, str]:
    """Kobo's export header → the Qorgau field it fills. Principal applicant: ``person.<field>``
    (export sheet one); household members: ``member.<field>`` (the repeat's sheet
    ``members``, whose rows point to their submission by ``_parent_index``). ``_uuid`` is the
    submission's id, the source id of the household."""
    columns = {
        f"{PRINCIPAL}/{name}": f"person.{field}" for _t, name, _l, field in PRINCIPAL_QUESTIONS
    }
    columns |= {f"{MEMBERS}/{name}": f"member.{field}" for _t, name, _l, field in MEMBER_QUESTIONS}
    columns["_uuid"] = "household.source_id"
    columns["_index"] = "household.row"
    columns["_parent_index"] = "member.household_row"
    return columns


def _labels(text: str | Promise) -> list[str]:
    found = []
    for code, _name in LANGUAGES:
        with translation.override(code):
            found.append(str(text))
    return found


def _survey() -> Iterator[list[Any]]:
    yield ["begin_group", PRINCIPAL, *_labels(_("Principal applicant")), "", ""]
    for type_, name, label, _field in PRINCIPAL_QUESTIONS:
        yield [type_, name, *_labels(label), "yes" if name in REQUIRED else "",
               RELEVANT.get(name, "")]  # fmt: skip
    yield ["end_group", PRINCIPAL, "", "", "", "", ""]
    yield ["begin_repeat", MEMBERS, *_labels(_("Household members")), "", ""]
    for type_, name, label, _field in MEMBER_QUESTIONS:
        yield [type_, name, *_labels(label), "yes" if name in REQUIRED else "", ""]
    yield ["end_repeat", MEMBERS, "", "", "", "", ""]


def _text_choices(
    list_name: str, choices: Any, skip: set[str] | None = None
) -> Iterator[list[str]]:
    for value, label in choices.choices:
        if value not in (skip or set()):
            yield [list_name, value, *_labels(label)]


def _choices() -> Iterator[list[str]]:
    yield from _text_choices("sex", Sex)
    yield from _text_choices("citizenship", CitizenshipStatus)
    yield from _text_choices("document_type", DocumentType)
    yield from _text_choices("relationship", Relationship, skip={Relationship.PRINCIPAL})
    for country in Country.objects.order_by("iso3"):
        yield ["country", country.iso3, country.name_en, country.name_ru, country.name_kk]
    for region in Region.objects.order_by("code"):
        yield ["region", region.code, region.name_en, region.name_ru, region.name_kk]
    for need in SpecificNeed.objects.order_by("code"):
        # XLSForm choice names are XML names: SM-CI is fine, but not a leading digit.
        yield ["need", need.code, need.name_en, need.name_ru, need.name_kk]


def xlsform_write(out: Path, *, version: str | None = None) -> None:
    """Write the registration form to ``out`` (an .xlsx)."""
    labels = [f"label::{name}" for _code, name in LANGUAGES]
    workbook = Workbook(write_only=True)
    survey = workbook.create_sheet("survey")
    survey.append(["type", "name", *labels, "required", "relevant"])
    for row in _survey():
        survey.append(row)
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", *labels])
    for row in _choices():
        choices.append(row)
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    with translation.override("en"):
        title = str(_("Qorgau registration"))
    settings.append(
        [title, FORM_ID, version or dt.date.today().strftime("%Y%m%d01"), LANGUAGES[0][1]]
    )
    columns = workbook.create_sheet("qorgau_columns")
    columns.append(["export_column", "qorgau_field"])
    for header, field in xlsform_columns().items():
        columns.append([header, field])
    workbook.save(out)
