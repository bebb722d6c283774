"""On the calibrated population, ``qorgau stats`` gives the 2024 fact sheet's figures exactly,
and its CSV and XLSX are valid HXL."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

import hxl
import pytest
from django.core.management import call_command
from django.db import transaction
from openpyxl import load_workbook

from qorgau.statistics.disclosure import Policy
from qorgau.statistics.exports import COLUMNS
from qorgau.statistics.figures import figures
from qorgau.statistics.render import render
from qorgau.statistics.tables import release


@pytest.fixture(scope="module")
def kazakhstan(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate", country=["KAZ"], seed=11)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def generated(kazakhstan: None, db: None) -> None:
    return None


@pytest.fixture
def fact_sheet(generated, capsysbinary) -> dict[str, Any]:
    call_command("stats", country="KAZ", as_of="2024-01-01")
    data: dict[str, Any] = json.loads(capsysbinary.readouterr().out)
    return data


def test_it_reproduces_the_refugees_and_asylum_seekers(fact_sheet):
    refugees = fact_sheet["refugees_and_asylum_seekers"]

    assert refugees["total"] == 753
    assert refugees["by_origin"]["AFG"] == 391
    assert refugees["by_origin"]["UKR"] == 275
    others = {k: v for k, v in refugees["by_origin"].items() if k not in ("AFG", "UKR")}
    assert all(v == "*" or v >= 5 for v in others.values())
    assert refugees["refugees"] + refugees["asylum_seekers"] + refugees["refugee_like"] == 753


def test_it_reproduces_the_stateless_people(fact_sheet):
    assert fact_sheet["stateless"] == {
        "total": 7_892, "registered_by_government": 7_341, "undetermined_nationality": 551,
    }  # fmt: skip


def test_it_counts_more_than_14000_acquisitions_of_citizenship_since_2014(fact_sheet):
    acquired = fact_sheet["citizenship_acquired"]

    assert acquired["since"] == "2014-01-01"
    assert acquired["total"] == 14_230
    assert acquired["naturalised"] + acquired["nationality_confirmed"] == 14_230
    assert set(acquired["by_year"]) == {str(y) for y in range(2014, 2025)}
    assert acquired["by_year"]["2024"]["total"] == 0


def test_breakdowns_add_up_to_the_totals(generated):
    result = figures(country="KAZ", as_of=dt.date(2024, 1, 1))

    assert sum(n for k, n in result.people.items() if k[0] in ("STA", "UND")) == 7_892
    assert sum(n for k, n in result.people.items() if k[0] in ("REF", "ROC", "ASY")) == 753
    types = {k[4] for k in result.people if k[0] == "UND"}
    assert types == {"ngo"}


def _release() -> Any:
    return release(figures(country="KAZ", as_of=dt.date(2024, 1, 1)), Policy(threshold=5))


SCHEMA = [
    ["#valid_tag", "#valid_required", "#valid_datatype", "#valid_value+regex"],
    ["#country+code+asylum", "true", "text", "^KAZ$"],
    ["#indicator+population_type", "true", "text", "^(REF|ROC|ASY|STA|UND|NAT|NCF)(,[A-Z]{3})*$"],
    ["#population+total", "true", "", r"^(\d+|\*)$"],
    ["#population+f+age0_4", "", "", r"^(\d+|\*)?$"],
    ["#date+year", "", "", r"^(\d{4})?$"],
]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_the_exports_are_valid_hxl(generated, format):
    content = render(_release(), format)
    if format == "csv":
        assert content.startswith(b"\xef\xbb\xbf")
    source = hxl.data(io.BytesIO(content), hxl.InputOptions(allow_local=True))
    tags = [column.display_tag for column in source.columns]
    lines = list(source)

    assert tags == [tag for _, _, tag in COLUMNS]
    if format == "csv":  # libhxl's regular-expression tests take text only, not XLSX numbers
        schema = hxl.schema(SCHEMA)
        assert schema.validate(hxl.data(io.BytesIO(content), hxl.InputOptions(allow_local=True)))
    refugees = next(r for r in lines if r.get("#indicator+population_type") == "STA")
    assert refugees.get("#population+total") in ("7341", "7341.0", 7341)
    if format == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        assert sheet.cell(row=2, column=1).value == "#date+reference"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["753", "7,892", "7,341", "551", "(391)", "(275)", "$10.03 million", "45%",
                "more than 14,000", "1 January 2024", "10 July 2024", "lipcanu@unhcr.org",
                "Netherlands | Norway | Republic of Korea", "Japan for UNHCR"]),
        ("ru", ["753", "7 892", "7 341", "551", "(391)", "(275)", "10,03", "45%", "14 000",
                "Европейский союз"]),
        ("kk", ["753", "7 892", "7 341", "551", "(391)", "(275)", "10,03", "45%", "Қазақстан",
                "Еуропалық одақ"]),
    ],
)  # fmt: skip
def test_the_fact_sheet_pdf_has_two_pages_and_the_key_figures(
    generated, tmp_path, language, expected
):
    import pypdf

    out = tmp_path / "factsheet.pdf"
    call_command(
        "factsheet", country="KAZ", as_of="2024-01-01", funding_as_of="2024-07-10",
        lang=language, out=str(out),
    )  # fmt: skip

    reader = pypdf.PdfReader(out)
    text = " ".join(page.extract_text() for page in reader.pages).replace("\u202f", " ")
    text = " ".join(text.replace("\xa0", " ").split())
    assert len(reader.pages) == 2
    missing = [item for item in expected if item not in text]
    assert missing == []


def test_a_bad_language_is_refused_with_exit_code_2(generated, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unsupported language") as raised:
        call_command("factsheet", country="KAZ", as_of="2024-01-01", lang="de",
                     out=str(tmp_path / "x.pdf"))  # fmt: skip
    assert raised.value.returncode == 2
