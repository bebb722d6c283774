"""Against the registry: new rows that look like a record the importer may see are held for
review, never shown; an organisation imports only for itself; a share never lets an import
write."""

from __future__ import annotations

import json

import pytest

from qorgau.errors import NotAllowed
from qorgau.imports.models import HeldRow, ImportRun
from qorgau.imports.services.mappings import mapping_save
from qorgau.imports.services.runs import import_file
from qorgau.imports.tests.conftest import COLUMNS, ROWS
from qorgau.people.models import Person
from qorgau.people.models.encryption import document_cipher
from qorgau.people.tests.factories import person_input


def _registered(make_person, actor, organisation, **fields):
    values = {
        "family_name": "Тоқтарова",
        "given_name": "Назерке",
        "patronymic": "",
        "sex": "female",
        "date_of_birth": "1990-07-03",
    }
    return make_person(actor, organisation, **{**values, **fields})


def test_it_holds_a_likely_duplicate_for_review(
    run_import, write_csv, make_person, ngo_a, ngo_a_org
):
    existing = _registered(make_person, ngo_a, ngo_a_org, source_id="OLD-9")
    result = run_import(write_csv(ROWS))
    run = result.run
    assert (run.created, run.held) == (2, 1)
    assert not Person.objects.filter(source_id="P-3").exists()
    held = HeldRow.objects.get()
    assert (held.source_id, held.row, held.candidates) == ("P-3", 4, [existing.pk])
    values = json.loads(document_cipher().decrypt(bytes(held.values)))
    assert values["Имя"] == "Назерке"
    # Again: still held, once.
    again = run_import(write_csv(ROWS)).run
    assert (again.created, again.unchanged, again.held) == (0, 2, 1)
    assert HeldRow.objects.count() == 1


def test_it_does_not_hold_against_records_the_partner_may_not_see(
    run_import, write_csv, make_person, ngo_b, ngo_b_org, ngo_a_org
):
    _registered(make_person, ngo_b, ngo_b_org)
    run = run_import(write_csv(ROWS)).run
    assert (run.created, run.held) == (3, 0)
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 3


def test_it_refuses_an_import_for_another_organisation(write_csv, ngo_b, ngo_a_org, mapping):
    with pytest.raises(NotAllowed):
        import_file(
            actor=ngo_b, organisation=ngo_a_org, path=write_csv(ROWS), mapping_name="partner"
        )
    assert not Person.objects.exists()
    assert not ImportRun.objects.exists()


def test_it_refuses_a_mapping_for_another_organisation(ngo_b, ngo_a_org):
    with pytest.raises(NotAllowed):
        mapping_save(actor=ngo_b, organisation=ngo_a_org, name="x", columns=COLUMNS)


def test_it_never_changes_a_record_shared_with_the_importer(
    write_csv, make_person, ngo_a, ngo_a_org, ngo_b, ngo_b_org, share_with
):
    shared = _registered(make_person, ngo_a, ngo_a_org, source_id="P-3")
    share_with(shared, ngo_b_org)
    mapping_save(actor=ngo_b, organisation=ngo_b_org, name="partner", columns=COLUMNS)
    changed = [list(r) for r in ROWS]
    changed[2][5] = "Болатқызы"
    run = import_file(
        actor=ngo_b, organisation=ngo_b_org, path=write_csv(changed), mapping_name="partner"
    ).run
    # P-3 is ngo-b's own id, a new row for it: the shared record is never its to change.
    assert (run.updated, run.created + run.held) == (0, 3)
    shared.refresh_from_db()
    assert (shared.patronymic, shared.version) == ("", 1)


def test_person_input_factory_is_synthetic():
    assert person_input().given_name == "Ерлан"
