"""Review decisions stick (ADR 0054): after "create as new" or "same person as …", importing
the same file again (on the command line or the web) holds nothing again and creates no one;
"same person as" links the row's own id to the record, so a changed row updates that record in
place (versioned, history with the importing user), unless the user may only see it (a share
never writes)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from qorgau.imports.models import HeldRow, ImportRun, SourceLink
from qorgau.imports.services.held import held_row_register, held_row_same
from qorgau.imports.tests.conftest import ROWS
from qorgau.imports.tests.test_web_import import _imported
from qorgau.people.models import Person

pytestmark = pytest.mark.django_db

#: The held row (P-3) as an updated file says it: a region added, the rest the same.
CHANGED = [list(r) for r in ROWS[:2]] + [[*ROWS[2][:8], "KZ-75", *ROWS[2][9:]]]


@pytest.fixture
def existing(make_person, ngo_a, ngo_a_org) -> Person:
    """A record of ngo-a (its own, without the partner's id) that row P-3 looks like."""
    return make_person(
        ngo_a, ngo_a_org, family_name="Тоқтарова", given_name="Назерке", patronymic="",
        sex="female", date_of_birth="1990-07-03", source_id="OLD-9",
    )  # fmt: skip


@pytest.fixture
def held(existing, run_import, write_csv) -> HeldRow:
    run_import(write_csv(ROWS))
    return HeldRow.objects.get()


def _decide(client: Client, row: HeldRow, **body: Any) -> Any:
    return client.post(reverse("imports:held-decide", args=[row.public_id]), body)


def test_same_person_links_the_id_and_a_reimport_holds_nothing(
    held, existing, ngo_a, ngo_a_org, login, run_import, write_csv
):
    _decide(login(ngo_a), held, decision="same", person=str(existing.public_id))
    link = SourceLink.objects.get()
    assert (link.organisation, link.source_id, link.person) == (ngo_a_org, "P-3", existing)
    before = Person.objects.count()

    again = run_import(write_csv(ROWS, name="again.csv")).run
    third = run_import(write_csv(ROWS, name="third.csv")).run

    # The first re-import brings the record to what the row says; the next changes nothing.
    assert (again.created, again.held, again.updated + again.unchanged) == (0, 0, 3)
    assert (third.created, third.held, third.updated, third.unchanged) == (0, 0, 0, 3)
    assert Person.objects.count() == before
    assert HeldRow.objects.filter(state=HeldRow.State.PENDING).count() == 0


def test_a_changed_row_then_updates_the_linked_record_with_history(
    held, existing, ngo_a, run_import, write_csv
):
    held_row_same(actor=ngo_a, held=held, person=existing)

    run = run_import(write_csv(CHANGED, name="v2.csv")).run

    assert (run.created, run.updated, run.held, run.unchanged) == (0, 1, 0, 2)
    existing.refresh_from_db()
    assert existing.region is not None
    assert existing.region.code == "KZ-75"
    assert existing.source_id == "OLD-9"  # the record keeps its own id
    assert existing.history.first().history_user == ngo_a


def test_the_command_line_reimport_updates_the_linked_record(
    held, existing, ngo_a, write_csv, capsys
):
    held_row_same(actor=ngo_a, held=held, person=existing)
    path = write_csv(CHANGED, name="v2.csv")

    call_command("import", str(path), organisation="ngo-a", mapping="partner", user=ngo_a.username)

    out = capsys.readouterr().out
    assert "created: 0" in out
    run = ImportRun.objects.latest("id")
    assert (run.updated, run.held) == (1, 0)
    existing.refresh_from_db()
    assert existing.history.first().history_user == ngo_a


def test_create_as_new_sticks_on_the_web(
    held, ngo_a, ngo_a_org, login, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client = login(ngo_a)
    _decide(client, held, decision="new")
    created = Person.objects.get(registered_by=ngo_a_org, source_id="P-3")

    job = _imported(client, ngo_a, ROWS, django_capture_on_commit_callbacks)

    assert (job.run.created, job.run.held, job.run.unchanged) == (0, 0, 3)
    assert Person.objects.filter(registered_by=ngo_a_org, source_id="P-3").get() == created
    page = client.get(reverse("imports:detail", args=[job.public_id])).content.decode()
    assert "Nothing changed" in page


def test_same_person_sticks_on_the_web_and_a_changed_file_updates_it(
    held, existing, ngo_a, login, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    client = login(ngo_a)
    _decide(client, held, decision="same", person=str(existing.public_id))

    job = _imported(client, ngo_a, CHANGED, django_capture_on_commit_callbacks)

    assert (job.run.created, job.run.updated, job.run.held) == (0, 1, 0)
    existing.refresh_from_db()
    assert existing.region is not None
    assert existing.region.code == "KZ-75"
    assert existing.history.first().history_user == ngo_a


def test_a_link_to_a_record_seen_through_a_share_never_writes_it(
    run_import, write_csv, make_person, clerk, agency, ngo_a, share_with, ngo_a_org
):
    """The partner links its row to the agency's record it sees through a share: a re-import
    recognises the row (held nothing, created no one) but leaves the record as it is."""
    theirs = make_person(
        clerk, agency, family_name="Тоқтарова", given_name="Назерке", patronymic="",
        sex="female", date_of_birth="1990-07-03",
    )  # fmt: skip
    share_with(theirs, ngo_a_org)
    run_import(write_csv(ROWS))
    held = HeldRow.objects.get()
    assert held.candidates == [theirs.pk]
    held_row_same(actor=ngo_a, held=held, person=theirs)

    run = run_import(write_csv(CHANGED, name="v2.csv")).run

    assert (run.created, run.updated, run.held, run.invalid) == (0, 0, 0, 0)
    theirs.refresh_from_db()
    assert (theirs.version, theirs.region) == (1, None)


def test_create_as_new_then_reimport_on_the_command_line_changes_nothing(
    held, ngo_a, ngo_a_org, write_csv, capsys
):
    held_row_register(actor=ngo_a, held=held)
    path = write_csv(ROWS, name="again.csv")

    call_command("import", str(path), organisation="ngo-a", mapping="partner", user=ngo_a.username)

    run = ImportRun.objects.latest("id")
    assert (run.created, run.held, run.unchanged) == (0, 0, 3)
    assert Person.objects.filter(registered_by=ngo_a_org, source_id="P-3").count() == 1
