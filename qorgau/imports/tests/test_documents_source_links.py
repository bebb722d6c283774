"""A documents file names people by the organisation's own ids as a file of people does: an
id a review linked to a record ("same person as", ``SourceLink``) attaches its documents to
that record (followed to the record a merge kept), as the people import updates it; a record
the user may only see (a share) is never written: a new document for it is refused with a
translated message naming the id's column, one it already holds is unchanged. The preview
knows the linked ids too."""

from __future__ import annotations

import pytest

from qorgau.imports import errors
from qorgau.imports.models import HeldRow, ImportJob
from qorgau.imports.selectors import import_job_preview
from qorgau.imports.services.held import held_row_same
from qorgau.imports.services.mappings import mapping_save
from qorgau.imports.services.runs import import_file
from qorgau.imports.tests.conftest import ROWS
from qorgau.imports.tests.test_documents_import import COLUMNS, HEADER
from qorgau.people.models import Document, Person
from qorgau.people.services.documents import document_add

pytestmark = pytest.mark.django_db

PAPERS = [["P-3", "passport", "N0000333", "AFG", "12.04.2015", "11.04.2025"]]


@pytest.fixture
def papers(ngo_a, ngo_a_org):
    return mapping_save(actor=ngo_a, organisation=ngo_a_org, name="papers", columns=COLUMNS)


def _documents(write_csv, actor, organisation, rows, name="documents.csv", **options):
    path = write_csv(rows, header=HEADER, name=name)
    return import_file(
        actor=actor, organisation=organisation, path=path, mapping_name="papers", **options
    )


def _linked(run_import, write_csv, ngo_a, record: Person) -> None:
    """Row P-3 is held as looking like ``record``, and reviewed as the same person."""
    run_import(write_csv(ROWS))
    held = HeldRow.objects.get()
    assert held.candidates == [record.pk]
    held_row_same(actor=ngo_a, held=held, person=record)
    assert not Person.objects.filter(source_id="P-3").exists()


@pytest.fixture
def existing(make_person, ngo_a, ngo_a_org) -> Person:
    """ngo-a's own record (without the partner's id) that row P-3 looks like."""
    return make_person(
        ngo_a, ngo_a_org, family_name="Тоқтарова", given_name="Назерке", patronymic="",
        sex="female", date_of_birth="1990-07-03", source_id="OLD-9",
    )  # fmt: skip


def test_a_linked_id_attaches_the_document_to_the_linked_record(
    existing, papers, run_import, write_csv, ngo_a, ngo_a_org
):
    _linked(run_import, write_csv, ngo_a, existing)

    result = _documents(write_csv, ngo_a, ngo_a_org, PAPERS)

    assert result.problems == []
    assert (result.run.state, result.run.created) == ("done", 1)
    passport = Document.objects.get(type="passport")
    assert passport.person == existing
    again = _documents(write_csv, ngo_a, ngo_a_org, PAPERS, name="again.csv").run
    assert (again.created, again.unchanged) == (0, 1)
    assert Document.objects.filter(person=existing).count() == 1


def test_a_linked_id_follows_the_record_a_merge_kept(
    existing, papers, run_import, write_csv, make_person, ngo_a, ngo_a_org
):
    _linked(run_import, write_csv, ngo_a, existing)
    kept = make_person(
        ngo_a, ngo_a_org, family_name="Тоқтарова", given_name="Назерке", patronymic="",
        sex="female", date_of_birth="1990-07-03", source_id="OLD-10",
    )  # fmt: skip
    Person.objects.filter(pk=existing.pk).update(merged_into=kept)

    result = _documents(write_csv, ngo_a, ngo_a_org, PAPERS)

    assert result.problems == []
    assert Document.objects.get(type="passport").person == kept


def test_a_record_seen_through_a_share_gets_no_document(
    papers, run_import, write_csv, make_person, clerk, agency, ngo_a, ngo_a_org, share_with
):
    theirs = make_person(
        clerk, agency, family_name="Тоқтарова", given_name="Назерке", patronymic="",
        sex="female", date_of_birth="1990-07-03",
    )  # fmt: skip
    share_with(theirs, ngo_a_org)
    _linked(run_import, write_csv, ngo_a, theirs)

    refused = _documents(write_csv, ngo_a, ngo_a_org, PAPERS)

    assert (refused.run.state, refused.run.invalid) == ("refused", 1)
    [problem] = refused.problems
    assert (problem.row, problem.column, problem.value) == (2, "Person", "P-3")
    assert problem.message == str(errors.DOCUMENT_PERSON_VIEW_ONLY) % {"value": "P-3"}
    assert not Document.objects.filter(person=theirs).exists()

    skipped = _documents(write_csv, ngo_a, ngo_a_org, PAPERS, name="skip.csv", skip_invalid=True)
    assert (skipped.run.state, skipped.run.created, skipped.run.invalid) == ("done", 0, 1)
    assert not Document.objects.filter(person=theirs).exists()


def test_a_document_the_shared_record_holds_is_unchanged_not_refused(
    papers, run_import, write_csv, make_person, clerk, agency, ngo_a, ngo_a_org, share_with
):
    theirs = make_person(
        clerk, agency, family_name="Тоқтарова", given_name="Назерке", patronymic="",
        sex="female", date_of_birth="1990-07-03",
    )  # fmt: skip
    held_by_them = document_add(actor=clerk, person=theirs, type="passport", number="N0000333")
    share_with(theirs, ngo_a_org)
    _linked(run_import, write_csv, ngo_a, theirs)

    same = _documents(write_csv, ngo_a, ngo_a_org, [["P-3", "passport", "N0000333"]])

    assert same.problems == []
    assert (same.run.state, same.run.unchanged, same.run.created) == ("done", 1, 0)
    assert list(Document.objects.filter(person=theirs)) == [held_by_them]
    assert held_by_them.history.count() == 1  # never written by the import


def test_the_preview_knows_a_linked_id(existing, papers, run_import, write_csv, ngo_a, ngo_a_org):
    _linked(run_import, write_csv, ngo_a, existing)
    path = write_csv([*PAPERS, ["P-404", "passport", "N0000404"]], header=HEADER, name="p.csv")
    job = ImportJob(organisation=ngo_a_org, requested_by=ngo_a, columns=HEADER)

    preview = import_job_preview(job, path, COLUMNS)

    linked, unknown = preview.rows
    assert linked.problems == []
    assert [column for column, _message in unknown.problems] == ["Person"]
