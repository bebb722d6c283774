"""The round trip of Qorgau's own XLSForm: what KoboToolbox exports from the generated form
(XLSX "XML values and headers": the ``principal`` group on the first sheet, the ``members``
repeat on its own sheet) imports with the mapping suggested from its headers, no manual step:
the principal applicant and each member become records of one household."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook

from qorgau.exports.xlsform import MEMBERS, PRINCIPAL, xlsform_write
from qorgau.imports.mapping import mapping_suggest
from qorgau.imports.readers import table_open
from qorgau.imports.services.mappings import mapping_save
from qorgau.imports.services.runs import import_file
from qorgau.people.models import Person

#: Answers of two submissions, by question name (synthetic people and numbers): a household
#: of three, and a person alone.
SUBMISSIONS = [
    {
        PRINCIPAL: {
            "source_id": "NGO-17",
            "family_name": "Сейітова",
            "given_name": "Дана",
            "sex": "female",
            "date_of_birth": "1981-02-03",
            "birth_country": "AFG",
            "citizenship_status": "stateless",
            "origin_country": "AFG",
            "region": "KZ-75",
            "address": "Алматы, 1-үй",
            "phone": "+7 701 555 0199",
            "needs": "SM-CI",
            "document_type": "passport",
            "document_number": "X0000001",
        },
        MEMBERS: [
            {
                "family_name": "Сейітов",
                "given_name": "Ерлан",
                "sex": "male",
                "date_of_birth": "2012-05-06",
                "relationship": "son",
            },
            {
                "family_name": "Сейітова",
                "given_name": "Айгүл",
                "sex": "female",
                "date_of_birth": "2015-01-01",
                "relationship": "daughter",
            },
        ],
    },
    {
        PRINCIPAL: {
            "family_name": "Омаров",
            "given_name": "Тимур",
            "sex": "male",
            "date_of_birth": "1990-07-03",
            "citizenship_status": "undetermined",
        },
        MEMBERS: [],
    },
]


def _questions(form: Path) -> dict[str, list[tuple[str, str]]]:
    """(type, name) of the questions of each group of the generated form's survey."""
    rows = list(load_workbook(form, read_only=True)["survey"].iter_rows(values_only=True))
    header = [str(c) for c in rows[0]]
    found: dict[str, list[tuple[str, str]]] = {PRINCIPAL: [], MEMBERS: []}
    group = ""
    for row in rows[1:]:
        cells = dict(zip(header, row, strict=False))
        kind, name = str(cells["type"] or ""), str(cells["name"] or "")
        if kind in ("begin_group", "begin_repeat"):
            group = name
        elif kind in ("end_group", "end_repeat"):
            group = ""
        elif kind:
            found[group].append((kind, name))
    return found


def _kobo_export(form: Path, out: Path) -> Path:
    """What KoboToolbox exports for SUBMISSIONS: group paths as headers, a multi-select's
    per-option columns, its own columns (``_uuid``, ``_index`` …), the repeat on a sheet."""
    questions = _questions(form)
    book = Workbook()
    main = book.active
    main.title = "Qorgau registration"
    header = ["start", "end"]
    for kind, name in questions[PRINCIPAL]:
        header.append(f"{PRINCIPAL}/{name}")
        if kind.startswith("select_multiple"):
            header.append(f"{PRINCIPAL}/{name}/SM-CI")
    header += ["_id", "_uuid", "_submission_time", "_index"]
    main.append(header)
    members = book.create_sheet(MEMBERS)
    member_header = [f"{MEMBERS}/{name}" for _kind, name in questions[MEMBERS]]
    members.append([*member_header, "_index", "_parent_table_name", "_parent_index"])
    member_index = 0
    for index, submission in enumerate(SUBMISSIONS, start=1):
        answers = submission[PRINCIPAL]
        row = ["2026-12-01T10:00:00", "2026-12-01T10:20:00"]
        for kind, name in questions[PRINCIPAL]:
            row.append(answers.get(name, ""))
            if kind.startswith("select_multiple"):
                row.append("1" if "SM-CI" in answers.get(name, "") else "0")
        main.append([*row, 100 + index, f"uuid-{index}", "2026-12-01T10:21:00", index])
        for member in submission[MEMBERS]:
            member_index += 1
            cells = [member.get(name, "") for _kind, name in questions[MEMBERS]]
            members.append([*cells, member_index, "Qorgau registration", index])
    book.save(out)
    return out


def test_the_generated_forms_export_imports_with_the_suggested_mapping(tmp_path, ngo_a, ngo_a_org):
    form = tmp_path / "registration.xlsx"
    xlsform_write(form)
    export = _kobo_export(form, tmp_path / "export.xlsx")
    suggested = mapping_suggest(table_open(export).columns, kobo=True)
    mapping_save(actor=ngo_a, organisation=ngo_a_org, name="kobo", columns=suggested)

    result = import_file(actor=ngo_a, organisation=ngo_a_org, path=export, mapping_name="kobo")

    assert result.problems == []
    assert (result.run.state, result.run.created) == ("done", 4)
    people = Person.objects.filter(registered_by=ngo_a_org)
    mother = people.get(source_id="uuid-1")
    assert (mother.given_name, mother.relationship, mother.household.source_id) == (
        "Дана",
        "principal",
        "uuid-1",
    )
    assert (mother.birth_year, mother.birth_month, mother.birth_day) == (1981, 2, 3)
    assert (mother.region.code, mother.origin_country.iso3) == ("KZ-75", "AFG")
    assert str(mother.phones.get().number.as_e164) == "+77015550199"
    assert [n.need.code for n in mother.needs.all()] == ["SM-CI"]
    son = people.get(source_id="uuid-1-1")
    assert (son.given_name, son.relationship, son.household_id) == (
        "Ерлан",
        "son",
        mother.household_id,
    )
    # A member's record takes the member's answers, never the principal applicant's.
    assert (son.region, son.phones.count(), son.needs.count()) == (None, 0, 0)
    assert people.get(source_id="uuid-1-2").relationship == "daughter"
    alone = people.get(source_id="uuid-2")
    assert (alone.given_name, alone.relationship) == ("Тимур", "principal")
    # Importing the same export again changes nothing.
    again = import_file(actor=ngo_a, organisation=ngo_a_org, path=export, mapping_name="kobo")
    assert (again.run.created, again.run.unchanged) == (0, 4)
