"""``qorgau xlsform``: a form pyxform accepts, in three languages, with Qorgau's own codes, and
whose export headers ``xlsform_columns()`` maps to Qorgau's fields (the import's round trip)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from qorgau.exports.xlsform import FORM_ID, xlsform_columns
from qorgau.people.models.choices import Relationship
from qorgau.reference.models import Country, SpecificNeed

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(tmp_path: Path) -> Path:
    out = tmp_path / "registration.xlsx"
    call_command("xlsform", out=str(out))
    return out


def _rows(form: Path, sheet: str) -> list[dict[str, str]]:
    rows = list(load_workbook(form, read_only=True)[sheet].iter_rows(values_only=True))
    header = [str(cell) for cell in rows[0]]
    return [
        {h: "" if v is None else str(v) for h, v in zip(header, row, strict=False)}
        for row in rows[1:]
    ]


def _export_headers(form: Path) -> set[str]:
    """What Kobo's export ("XML values and headers") names each question: its group path."""
    path: list[str] = []
    headers = set()
    for row in _rows(form, "survey"):
        kind = row["type"]
        if kind in ("begin_group", "begin_repeat"):
            path.append(row["name"])
        elif kind in ("end_group", "end_repeat"):
            path.pop()
        elif kind:
            headers.add("/".join([*path, row["name"]]))
    return headers


def test_pyxform_converts_it_with_groups_a_repeat_and_three_languages(form: Path) -> None:
    xform = convert(xlsform=str(form), validate=False).xform

    assert f"<{FORM_ID}" in xform or f'id="{FORM_ID}"' in xform
    assert "/principal/family_name" in xform
    assert re.search(r'<repeat nodeset="/[^"]+/members"', xform)
    for language in ("English (en)", "Русский (ru)", "Қазақша (kk)"):
        assert f'lang="{language}"' in xform
    assert "Тегі" in xform  # a Kazakh label


def test_its_choice_lists_are_qorgaus_codes(form: Path) -> None:
    choices = _rows(form, "choices")
    by_list: dict[str, set[str]] = {}
    for row in choices:
        by_list.setdefault(row["list_name"], set()).add(row["name"])

    assert by_list["country"] == set(Country.objects.values_list("iso3", flat=True))
    assert by_list["need"] == set(SpecificNeed.objects.values_list("code", flat=True))
    assert by_list["sex"] >= {"female", "male"}
    assert Relationship.PRINCIPAL not in by_list["relationship"]
    assert {"citizenship", "region", "document_type"} <= set(by_list)
    assert all(row["label::Қазақша (kk)"] for row in choices)


def test_every_export_header_of_the_form_maps_to_a_qorgau_field(form: Path) -> None:
    headers = _export_headers(form)
    mapped = xlsform_columns()

    assert headers <= set(mapped)
    assert {h for h in mapped if not h.startswith("_")} == headers
    assert mapped["principal/needs"] == "person.needs"
    assert mapped["members/relationship"] == "member.relationship"
    assert {r["export_column"]: r["qorgau_field"] for r in _rows(form, "qorgau_columns")} == mapped


def test_it_refuses_an_output_that_is_not_xlsx(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"\.xlsx"):
        call_command("xlsform", out=str(tmp_path / "form.csv"))
    assert not (tmp_path / "form.csv").exists()
