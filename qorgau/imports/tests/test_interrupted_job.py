"""A web import whose worker died (SIGKILL, a stopped machine) stops renewing its lease: its
page then says it was interrupted, with nothing stored, and "Run again" completes it. Only its
requester may run it again; a colleague, another organisation, a share recipient get 404, a
role that registers no one 403, an anonymous visitor the log-in page."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from qorgau.audit.models import SecurityEvent
from qorgau.errors import Invalid, NotAllowed
from qorgau.imports.models import ImportJob, JobState
from qorgau.imports.services import jobs, runs
from qorgau.imports.services.jobs import (
    heartbeat_path,
    import_job_execute,
    import_job_interrupted,
    import_job_map,
    import_job_rerun,
    import_job_start,
    import_job_upload,
)
from qorgau.imports.tests.conftest import COLUMNS, HEADER, ROWS, kill_midway
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, persona_user
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed


def _file(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "list.csv"
    lines = [",".join(HEADER), *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _queued(user: User, organisation: Organisation, path: Path) -> ImportJob:
    job = import_job_upload(actor=user, organisation=organisation, path=path, file_name="k.csv")
    import_job_map(actor=user, job=job, name="partner", columns=COLUMNS)
    return import_job_start(actor=user, job=job, skip_invalid=False)


def _died(job: ImportJob, seconds_ago: float) -> ImportJob:
    """The state a worker leaves behind: the job marked running, its lease last renewed
    ``seconds_ago`` (time moved instead of waited for)."""
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    path = heartbeat_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    then = time.time() - seconds_ago
    os.utime(path, (then, then))
    job.refresh_from_db()
    return job


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.django_db
def test_the_page_tells_the_truth_and_run_again_completes(
    ngo_a, ngo_a_org, tmp_path, login, django_capture_on_commit_callbacks
):
    job = _queued(ngo_a, ngo_a_org, _file(tmp_path, ROWS))
    client = login(ngo_a)
    lease = settings.IMPORT_JOB_LEASE_SECONDS

    job = _died(job, seconds_ago=1)
    page = client.get(reverse("imports:detail", args=[job.public_id])).content.decode()
    assert "hx-trigger" in page  # still renewed: running, the page keeps asking
    assert reverse("imports:rerun", args=[job.public_id]) not in page
    assert not import_job_interrupted(job)
    assert import_job_interrupted(job, now=time.time() + lease)

    job = _died(job, seconds_ago=lease + 1)
    page = client.get(reverse("imports:detail", args=[job.public_id])).content.decode()
    assert "hx-trigger" not in page
    assert "interrupted before it finished" in page
    assert reverse("imports:rerun", args=[job.public_id]) in page
    assert not Person.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:rerun", args=[job.public_id]))
    assert response["Location"] == reverse("imports:detail", args=[job.public_id])
    job.refresh_from_db()
    assert (job.state, job.run.state, job.run.created) == (JobState.FINISHED, "done", 3)
    assert not heartbeat_path(job).exists()
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 3
    assert SecurityEvent.objects.filter(event="import_job_rerun").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("state", [JobState.RUNNING, JobState.QUEUED, JobState.FINISHED])
def test_only_an_interrupted_import_runs_again(state, ngo_a, ngo_a_org, tmp_path, login):
    job = _died(_queued(ngo_a, ngo_a_org, _file(tmp_path, ROWS)), seconds_ago=1)
    ImportJob.objects.filter(pk=job.pk).update(state=state)
    job.refresh_from_db()
    with pytest.raises(Invalid) as refused:
        import_job_rerun(actor=ngo_a, job=job)
    assert refused.value.code == "not_interrupted"
    response = login(ngo_a).post(reverse("imports:rerun", args=[job.public_id]), follow=True)
    assert "is not interrupted, so it cannot be run again" in response.content.decode()
    job.refresh_from_db()
    assert job.state == state
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_heartbeat_file_gone_means_interrupted(
    ngo_a, ngo_a_org, tmp_path, django_assert_num_queries
):
    job = _died(_queued(ngo_a, ngo_a_org, _file(tmp_path, ROWS)), seconds_ago=1)
    heartbeat_path(job).unlink()
    with django_assert_num_queries(0):
        assert import_job_interrupted(job)


EXPECTED = {
    "clerk": 404, "officer": 404, "ngo_a": 302, "ngo_b": 404, "liaison": 403, "stats": 403,
    "kgz": 404, ANONYMOUS: 302,
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_gets_its_answer(persona, ngo_a, ngo_a_org, tmp_path, request, login):
    job = _died(_queued(ngo_a, ngo_a_org, _file(tmp_path, ROWS)), seconds_ago=3600)
    if persona == ANONYMOUS:
        client = Client()
    elif persona == "ngo_a":
        client = login(ngo_a)
    else:
        fixture = {"clerk": "agency", "officer": "agency", "stats": "agency",
                   "ngo_b": "ngo_b_org", "liaison": "government", "kgz": "agency_kgz"}[persona]  # fmt: skip
        client = login(persona_user(persona, request.getfixturevalue(fixture)))
    response = client.post(reverse("imports:rerun", args=[job.public_id]))
    assert response.status_code == EXPECTED[persona]
    job.refresh_from_db()
    if persona == ANONYMOUS:
        assert response["Location"].startswith(reverse("login"))
    if persona != "ngo_a":
        assert job.state == JobState.RUNNING  # nothing changed
        assert not SecurityEvent.objects.filter(event="import_job_rerun").exists()
    else:
        assert job.state == JobState.QUEUED


@pytest.mark.django_db
def test_a_share_recipient_never_runs_it_again(
    ngo_a, ngo_a_org, ngo_b, ngo_b_org, agency, tmp_path, login
):
    job = _died(_queued(ngo_a, ngo_a_org, _file(tmp_path, ROWS)), seconds_ago=3600)
    import_job_execute(_queued(ngo_a, ngo_a_org, _file(tmp_path, ROWS[:1])))  # a record to share
    share_grant_agreed(
        actor=persona_user("officer", agency),
        person=Person.objects.get(source_id="P-1", registered_by=ngo_a_org),
        recipient=ngo_b_org,
        agreement="DTA-1",
        purpose="referral",
        expires_on=dt.date.today() + dt.timedelta(days=90),
    )
    response = login(ngo_b).post(reverse("imports:rerun", args=[job.public_id]))
    assert response.status_code == 404
    with pytest.raises(NotAllowed):  # the service checks it too
        import_job_rerun(actor=ngo_b, job=job)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_shows_interrupted_then_run_again_completes(
    ngo_a, ngo_a_org, tmp_path, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("a forked worker shares SQLite's in-memory test database")
    rows = [
        [f"K-{n}", "", "", "Тоқтарова", f"Назерке{chr(0x430 + n % 30)}", "", "female",
         f"{1960 + n % 40}", "", "", ""]
        for n in range(2500)
    ]  # fmt: skip
    job = _queued(ngo_a, ngo_a_org, _file(tmp_path, ROWS + rows))
    monkeypatch.setattr(runs, "BATCH", 1000)

    def worker(progress: Callable[[int], None]) -> None:
        monkeypatch.setattr(jobs, "_progress", lambda _job: progress)
        import_job_execute(ImportJob.objects.get(pk=job.pk))

    kill_midway(worker, at=2000)  # one batch written, the transaction still open

    job.refresh_from_db()
    assert job.state == JobState.RUNNING
    assert not Person.objects.exists()
    assert heartbeat_path(job).exists()
    assert not import_job_interrupted(job)  # the lease has not run out yet
    later = time.time() + settings.IMPORT_JOB_LEASE_SECONDS + 1
    assert import_job_interrupted(job, now=later)

    gone = time.time() - settings.IMPORT_JOB_LEASE_SECONDS - 1  # the lease ran out
    os.utime(heartbeat_path(job), (gone, gone))
    job = import_job_rerun(actor=ngo_a, job=job)
    job = import_job_execute(job)
    assert (job.state, job.run.state) == (JobState.FINISHED, "done")
    assert job.run.created + job.run.held == 2503
    assert Person.objects.filter(registered_by=ngo_a_org).count() == job.run.created
