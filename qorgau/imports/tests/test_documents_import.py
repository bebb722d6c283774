"""Importing documents: attached by the row's source id to people the organisation
registered, through the registry's documents service; again changes nothing; bad codes and
dates refused per row with a translated message naming the column; never another
organisation's person, even one shared with the importer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from qorgau.errors import Invalid, NotAllowed
from qorgau.imports import errors
from qorgau.imports.services.mappings import mapping_save
from qorgau.imports.services.runs import import_file
from qorgau.imports.tests.conftest import ROWS
from qorgau.people.models import Document, Person

HEADER = ["Person", "Type", "Number", "Country", "Issued", "Expires"]
COLUMNS = {
    "Person": "source_id",
    "Type": "document_type",
    "Number": "document_number",
    "Country": "issuing_country",
    "Issued": "issued_on",
    "Expires": "expires_on",
}
#: Synthetic numbers.
DOCUMENTS = [
    ["P-1", "passport", "N0000001", "AFG", "12.04.2015", "11.04.2025"],
    ["P-1", "Удостоверение беженца", "RC-77", "KAZ", "2023-05-02", ""],
    ["P-3", "iin", "000000000001", "", "", ""],
]


@pytest.fixture
def people(run_import, write_csv):
    return run_import(write_csv(ROWS)).run


@pytest.fixture
def documents_mapping(ngo_a, ngo_a_org):
    return mapping_save(actor=ngo_a, organisation=ngo_a_org, name="papers", columns=COLUMNS)


def _import(write_csv, actor, organisation, rows, **options):
    path = write_csv(rows, header=HEADER, name="documents.csv")
    return import_file(
        actor=actor, organisation=organisation, path=path, mapping_name="papers", **options
    )


def test_it_attaches_documents_to_the_organisations_people(
    people, documents_mapping, write_csv, ngo_a, ngo_a_org
):
    result = _import(write_csv, ngo_a, ngo_a_org, DOCUMENTS)
    run = result.run
    assert result.problems == []
    assert (run.state, run.rows, run.created) == ("done", 3, 3)
    passport = Document.objects.get(type="passport")
    assert (passport.person.source_id, passport.number, passport.issuing_country.iso3) == (
        "P-1",
        "N0000001",
        "AFG",
    )
    assert (passport.issued_on, passport.expires_on) == (
        dt.date(2015, 4, 12),
        dt.date(2025, 4, 11),
    )
    assert Document.objects.get(type="refugee_certificate").number == "RC-77"
    assert Document.objects.filter(person__source_id="P-3").count() == 1


def test_it_changes_nothing_again_and_corrects_changed_dates(
    people, documents_mapping, write_csv, ngo_a, ngo_a_org
):
    _import(write_csv, ngo_a, ngo_a_org, DOCUMENTS)
    again = _import(write_csv, ngo_a, ngo_a_org, DOCUMENTS).run
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = [list(r) for r in DOCUMENTS]
    changed[0][5] = "11.04.2030"
    run = _import(write_csv, ngo_a, ngo_a_org, changed).run
    assert (run.created, run.updated, run.unchanged) == (0, 1, 2)
    assert Document.objects.get(type="passport").expires_on == dt.date(2030, 4, 11)
    assert Document.objects.count() == 3


BAD = [
    (["P-1", "visa", "V-1", "", "", ""], "Type", errors.UNKNOWN_VALUE),
    (["P-1", "passport", "N-2", "XXX", "", ""], "Country", errors.UNKNOWN_COUNTRY),
    (["P-1", "passport", "N-3", "", "31.02.2020", ""], "Issued", errors.DATE_IMPOSSIBLE),
    (["P-1", "passport", "N-4", "", "2020", ""], "Issued", errors.DATE_INCOMPLETE),
    (["P-1", "passport", "N-5", "", "someday", ""], "Issued", errors.DATE_UNREADABLE),
    (["P-9", "passport", "N-6", "", "", ""], "Person", errors.DOCUMENT_PERSON_UNKNOWN),
    (["P-1", "passport", "N-7", "", "01.01.2020", "01.01.2019"], "Expires", None),
    (["P-1", "passport", "N-8", "", "01.01.2099", ""], "Issued", None),
    (["P-1", "passport", "", "", "", ""], "Number", None),
]


@pytest.mark.parametrize(("row", "column", "message"), BAD)
def test_it_refuses_a_bad_row_naming_its_column_and_stores_nothing(
    people, documents_mapping, write_csv, ngo_a, ngo_a_org, row, column, message
):
    with translation.override("ru"):
        result = _import(write_csv, ngo_a, ngo_a_org, [DOCUMENTS[0], row])
    (problem,) = result.problems
    assert (result.run.state, problem.row, problem.column) == ("refused", 3, column)
    if message is not None:
        with translation.override("ru"):
            expected = str(message) % {"value": problem.value}
        assert problem.message == expected
        assert problem.message != str(message) % {"value": problem.value}  # Russian
    assert not Document.objects.exists()


def test_with_skip_invalid_it_stores_the_valid_rows(
    people, documents_mapping, write_csv, ngo_a, ngo_a_org
):
    rows = [*DOCUMENTS, ["P-1", "visa", "V-1", "", "", ""]]
    run = _import(write_csv, ngo_a, ngo_a_org, rows, skip_invalid=True).run
    assert (run.state, run.created, run.invalid) == ("done", 3, 1)
    assert Document.objects.count() == 3


def test_it_never_attaches_to_another_organisations_person_even_shared(
    people, write_csv, ngo_a_org, ngo_b, ngo_b_org, share_with
):
    share_with(Person.objects.get(registered_by=ngo_a_org, source_id="P-1"), ngo_b_org)
    mapping_save(actor=ngo_b, organisation=ngo_b_org, name="papers", columns=COLUMNS)
    result = _import(write_csv, ngo_b, ngo_b_org, DOCUMENTS[:1])
    assert [p.column for p in result.problems] == ["Person"]
    assert not Document.objects.exists()


@pytest.mark.parametrize("persona", ["ngo_b", "liaison", "anonymous"])
def test_it_refuses_an_import_for_another_organisation(
    people, documents_mapping, write_csv, ngo_a_org, persona, request
):
    user = AnonymousUser() if persona == "anonymous" else request.getfixturevalue(persona)
    with pytest.raises(NotAllowed):
        _import(write_csv, user, ngo_a_org, DOCUMENTS)
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("columns", "code"),
    [
        ({**COLUMNS, "Name": "given_name"}, "document_field"),
        ({"Person": "source_id", "Number": "document_number"}, "document_fields_required"),
    ],
)
def test_it_refuses_a_mapping_mixing_people_and_documents(ngo_a, ngo_a_org, columns, code):
    with pytest.raises(Invalid) as refused:
        mapping_save(actor=ngo_a, organisation=ngo_a_org, name="mixed", columns=columns)
    assert refused.value.code == code
