"""A crash mid-import stores nothing and a re-run completes; the command's summary and error
report; the kept file, encrypted, and its deletion."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from qorgau.imports.models import ImportRun, RunState
from qorgau.imports.services.files import file_read, files_purge
from qorgau.imports.tests.conftest import ROWS
from qorgau.people.models import Household, Person


class Crash(Exception):
    pass


def test_it_stores_nothing_when_it_crashes_and_a_rerun_completes(run_import, write_csv, ngo_a_org):
    path = write_csv(ROWS)

    def crash(done: int) -> None:
        if done == 3:
            raise Crash

    with pytest.raises(Crash):
        run_import(path, progress=crash)
    assert ImportRun.objects.get().state == RunState.FAILED
    assert not Person.objects.exists()
    assert not Household.objects.exists()
    run = run_import(path).run
    assert (run.state, run.created) == (RunState.DONE, 3)
    assert sorted(Person.objects.values_list("source_id", flat=True)) == ["P-1", "P-2", "P-3"]


def test_it_keeps_the_file_encrypted_and_deletes_it_later(run_import, write_csv, settings):
    path = write_csv(ROWS)
    run = run_import(path).run
    kept = Path(settings.IMPORT_FILES_DIR) / run.stored_file
    assert "Жаксыбекова".encode() not in kept.read_bytes()
    assert file_read(run=run) == path.read_bytes()
    assert len(run.sha256) == 64
    assert files_purge() == 0
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=31)):
        assert files_purge() == 1
    assert not kept.exists()
    run.refresh_from_db()
    assert run.stored_file == ""


def test_the_command_prints_the_summary(write_csv, mapping, ngo_a, capsys):
    path = write_csv(ROWS)
    call_command("import", str(path), organisation="ngo-a", mapping="partner", user=ngo_a.username)
    out = capsys.readouterr().out
    assert "rows read: 3" in out
    assert "created: 3" in out
    assert "sent to review: 0" in out


def test_the_command_writes_the_error_report(write_csv, mapping, ngo_a, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][7] = "=1+1"
    path = write_csv(rows)
    report = tmp_path / "errors.csv"
    call_command(
        "import",
        str(path),
        organisation="ngo-a",
        mapping="partner",
        user=ngo_a.username,
        skip_invalid=True,
        errors=str(report),
    )
    with report.open(encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["row", "column", "value", "message"]
    assert lines[1][:3] == ["4", "Date of birth", "'=1+1"]
    assert Person.objects.count() == 2


def test_the_command_refuses_bad_input_with_a_message(write_csv, mapping, ngo_a):
    with pytest.raises(CommandError, match="mapping"):
        call_command(
            "import",
            str(write_csv(ROWS)),
            organisation="ngo-a",
            mapping="nope",
            user=ngo_a.username,
        )


def test_the_mapping_command_suggests_then_saves(write_csv, ngo_a, ngo_a_org, tmp_path, capsys):
    import json

    from qorgau.imports.models import ImportMapping

    path = write_csv(ROWS)
    call_command("import_mapping", str(path))
    suggested = json.loads(capsys.readouterr().out)
    assert suggested["Фамилия"] == "family_name"
    assert suggested["ID"] == "source_id"
    suggested["Household"] = "household_id"
    edited = tmp_path / "mapping.json"
    edited.write_text(json.dumps(suggested), encoding="utf-8")
    call_command(
        "import_mapping",
        columns=str(edited),
        save="partner",
        organisation="ngo-a",
        user=ngo_a.username,
    )
    assert ImportMapping.objects.get(organisation=ngo_a_org, name="partner").columns == suggested
