"""The list of imports shows a web import whose worker died as its page does: interrupted,
nothing stored, with "Run again"; and a worker that is only slow (a run longer than the
lease, a machine starved of CPU) but still renews its lease is never shown interrupted, on
the list or on its page. Time is moved (time-machine), never waited for, except for the
renewing thread's own quarter-lease pauses (a lease of one second here)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qorgau.imports.models import ImportJob, JobState
from qorgau.imports.services import jobs
from qorgau.imports.services.jobs import (
    heartbeat_path,
    import_job_interrupted,
    import_job_map,
    import_job_start,
    import_job_upload,
)
from qorgau.imports.tests.conftest import COLUMNS, HEADER, ROWS
from qorgau.organisations.models import Organisation, User

LEASE = 1  # seconds: the renewing thread renews every quarter of a second


def _queued(user: User, organisation: Organisation, tmp_path: Path) -> ImportJob:
    path = tmp_path / "list.csv"
    lines = [",".join(HEADER), *(",".join(row) for row in ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    job = import_job_upload(actor=user, organisation=organisation, path=path, file_name="k.csv")
    import_job_map(actor=user, job=job, name="partner", columns=COLUMNS)
    job = import_job_start(actor=user, job=job, skip_invalid=False)
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    job.refresh_from_db()
    return job


@pytest.fixture(autouse=True)
def _short_lease(settings: Any) -> None:
    settings.IMPORT_JOB_LEASE_SECONDS = LEASE


@pytest.fixture
def traveller() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(time.time(), tick=False) as moved:
        yield moved


def _renewed_now(job: ImportJob) -> None:
    """Wait (really, at most a few seconds) for the worker's thread to renew the lease at the
    moved clock's time."""
    deadline = time.monotonic() + 10
    while heartbeat_path(job).stat().st_mtime < time.time():
        assert time.monotonic() < deadline, "the lease was not renewed"
        time.sleep(0.02)


def _list(client: Client) -> str:
    return client.get(reverse("imports:list")).content.decode()


@pytest.mark.django_db
def test_a_slow_worker_that_renews_is_never_shown_interrupted(
    ngo_a, ngo_a_org, tmp_path, login, traveller
):
    job = _queued(ngo_a, ngo_a_org, tmp_path)
    client = login(ngo_a)
    rerun = reverse("imports:rerun", args=[job.public_id])
    with jobs._heartbeat(job):
        for _step in range(6):  # six times most of a lease: the run outlasts its lease
            traveller.shift(LEASE * 0.9)
            assert not import_job_interrupted(job)  # not yet renewed: still within the lease
            _renewed_now(job)
            assert not import_job_interrupted(job, now=time.time() + LEASE)
            page = _list(client)
            assert "Running" in page
            assert rerun not in page
            assert "Interrupted" not in page
        detail = client.get(reverse("imports:detail", args=[job.public_id])).content.decode()
        assert "hx-trigger" in detail
        assert rerun not in detail


@pytest.mark.django_db
def test_the_lease_runs_out_only_after_a_whole_lease_without_renewal(
    ngo_a, ngo_a_org, tmp_path, traveller
):
    job = _queued(ngo_a, ngo_a_org, tmp_path)
    with jobs._heartbeat(job):
        renewed = heartbeat_path(job).stat().st_mtime
    assert renewed == time.time()  # stamped with the clock the page reads
    traveller.shift(LEASE)
    assert not import_job_interrupted(job)
    traveller.shift(0.01)
    assert import_job_interrupted(job)


@pytest.mark.django_db
def test_the_list_shows_a_dead_worker_interrupted_with_run_again(
    ngo_a, ngo_a_org, tmp_path, login, traveller
):
    job = _queued(ngo_a, ngo_a_org, tmp_path)
    client = login(ngo_a)
    with jobs._heartbeat(job):
        _renewed_now(job)
    # The worker is killed: its thread renews no more.
    traveller.shift(LEASE + 1)
    page = _list(client)
    assert "Interrupted, nothing stored" in page
    assert "Running" not in page
    assert reverse("imports:rerun", args=[job.public_id]) in page
    detail = client.get(reverse("imports:detail", args=[job.public_id])).content.decode()
    assert "Interrupted, nothing stored" in detail  # the same state as on the list


@pytest.mark.django_db
def test_the_list_shows_the_runs_end_as_its_page_does(ngo_a, ngo_a_org, tmp_path, login):
    job = _queued(ngo_a, ngo_a_org, tmp_path)
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.QUEUED)
    jobs.import_job_execute(ImportJob.objects.get(pk=job.pk))
    assert not heartbeat_path(job).exists()
    page = _list(login(ngo_a))
    assert "<td>Done" in page
    assert reverse("imports:rerun", args=[job.public_id]) not in page


@pytest.mark.django_db
def test_nobody_else_sees_the_job_on_their_list(
    ngo_a, ngo_a_org, ngo_b, tmp_path, login, traveller
):
    job = _queued(ngo_a, ngo_a_org, tmp_path)
    heartbeat_path(job).unlink(missing_ok=True)  # interrupted
    assert import_job_interrupted(job)
    page = _list(login(ngo_b))
    assert "k.csv" not in page
    assert "No imports yet." in page
    assert reverse("imports:rerun", args=[job.public_id]) not in page
