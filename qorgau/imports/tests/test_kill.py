"""SIGKILL of the importing process mid-file: nothing is half-written, and a re-run completes.

The worker is a forked process with its own database connection, killed while it holds the
file's transaction open after writing part of it. Only on PostgreSQL: SQLite's test database
lives in the test process's memory, which a fork copies (the crash test of
``test_crash_and_command`` covers both databases)."""

from __future__ import annotations

import pytest
from django.db import connection

from qorgau.imports.models import ImportRun, RunState
from qorgau.imports.services import runs
from qorgau.imports.tests.conftest import ROWS, kill_midway
from qorgau.people.models import Household, Person


@pytest.mark.django_db(transaction=True)
def test_it_leaves_nothing_when_the_worker_is_killed(run_import, write_csv, ngo_a_org, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("a forked worker shares SQLite's in-memory test database")
    rows = [
        [
            f"K-{n}",
            "",
            "",
            "Тоқтарова",
            f"Назерке{chr(0x430 + n % 30)}",
            "",
            "female",
            f"{1960 + n % 40}",
            "",
            "",
            "",
        ]
        for n in range(2500)
    ]
    path = write_csv(ROWS + rows)
    monkeypatch.setattr(runs, "BATCH", 1000)
    # After one batch written, the transaction still open.
    kill_midway(lambda progress: run_import(path, progress=progress), at=2000)
    assert not Person.objects.exists()
    assert not Household.objects.exists()
    killed = ImportRun.objects.get()
    assert killed.state == RunState.RUNNING
    run = run_import(path).run
    assert (run.state, run.created + run.held) == (RunState.DONE, 2503)
    assert Person.objects.filter(registered_by=ngo_a_org).count() == run.created
