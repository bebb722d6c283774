"""The web import: upload → map (suggested, saved, chosen again) → preview with each row's
check → run as a background job with its progress and summary → error report (requester
only, formulas neutralised); bad files refused with the reader's message, nothing kept."""

from __future__ import annotations

import csv
import io
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from qorgau.audit.models import SecurityEvent
from qorgau.imports import errors
from qorgau.imports.models import ImportJob, ImportMapping, JobState
from qorgau.imports.services.jobs import import_jobs_purge, progress_path
from qorgau.imports.tests.conftest import COLUMNS, HEADER, ROWS
from qorgau.organisations.models import User
from qorgau.people.models import Person

pytestmark = pytest.mark.django_db

BAD = ["P-4", "", "", "Серікова", "Айгерім", "", "female", "31.02.1990", "", "", ""]
FORMULA = ["=HYPERLINK(1)", "", "", "Бекова", "Дана", "", "female", "32.13.2000", "", "", ""]


def _csv(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode()


def _upload(client: Client, data: bytes, name: str = "list.csv") -> Any:
    return client.post(reverse("imports:list"), {"file": SimpleUploadedFile(name, data)})


def _job(user: User) -> ImportJob:
    return ImportJob.objects.filter(requested_by=user).latest("id")


def _map(client: Client, job: ImportJob, name: str = "partner") -> Any:
    body = {f"column_{i}": COLUMNS.get(c, "") for i, c in enumerate(job.columns)}
    return client.post(reverse("imports:map", args=[job.public_id]), {**body, "name": name})


def _run(client: Client, job: ImportJob, capture: Any, skip: bool = False) -> Any:
    body = {"skip_invalid": "on"} if skip else {}
    with capture(execute=True):
        response = client.post(reverse("imports:preview", args=[job.public_id]), body)
    return response


def _imported(client: Client, user: User, rows: list[list[str]], capture: Any, **run: Any) -> Any:
    """Upload, map and run a file; the job afterwards."""
    _upload(client, _csv(rows))
    job = _job(user)
    _map(client, job)
    _run(client, job, capture, **run)
    job.refresh_from_db()
    return job


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_it_walks_from_upload_to_summary(
    ngo_a, ngo_a_org, login, django_capture_on_commit_callbacks
):
    client = login(ngo_a)

    uploaded = _upload(client, _csv([*ROWS, BAD]))
    job = _job(ngo_a)
    assert uploaded.status_code == 302
    assert uploaded["Location"] == reverse("imports:map", args=[job.public_id])
    assert (job.total, job.columns, job.state) == (4, HEADER, JobState.UPLOADED)

    page = client.get(reverse("imports:map", args=[job.public_id])).content.decode()
    # Suggested from the headers: "Фамилия" fills the family name.
    assert '<option value="family_name" selected>' in page
    assert _map(client, job).status_code == 302
    assert ImportMapping.objects.get(organisation=ngo_a_org, name="partner").columns == COLUMNS

    preview = client.get(reverse("imports:preview", args=[job.public_id]))
    text = preview.content.decode()
    assert preview.status_code == 200
    assert text.count('class="valid"') == 3
    assert "31.02.1990" in text
    assert 'class="problems"' in text

    ran = _run(client, job, django_capture_on_commit_callbacks, skip=True)
    job.refresh_from_db()
    assert ran["Location"] == reverse("imports:detail", args=[job.public_id])
    assert job.state == JobState.FINISHED
    assert job.upload == ""
    run = job.run
    assert (run.rows, run.created, run.invalid, run.held) == (4, 3, 1, 0)
    summary = client.get(ran["Location"]).content.decode()
    assert "hx-trigger" not in summary
    assert reverse("imports:report-csv", args=[job.public_id]) in summary
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 3


def test_the_same_file_again_says_nothing_changed(
    ngo_a, ngo_a_org, login, django_capture_on_commit_callbacks
):
    client = login(ngo_a)
    _imported(client, ngo_a, ROWS, django_capture_on_commit_callbacks)
    job = _imported(client, ngo_a, ROWS, django_capture_on_commit_callbacks)
    assert (job.run.created, job.run.unchanged) == (0, 3)
    page = client.get(reverse("imports:detail", args=[job.public_id])).content.decode()
    assert "Nothing changed" in page
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 3


def test_a_saved_mapping_is_offered_and_prefilled(ngo_a, login, mapping):
    client = login(ngo_a)
    _upload(client, _csv(ROWS, header=["Person", *HEADER[1:]]))
    job = _job(ngo_a)
    url = reverse("imports:map", args=[job.public_id])

    page = client.get(url, {"mapping": "partner"}).content.decode()

    assert '<option value="partner" selected>' in page
    assert 'value="partner"' in page  # the name to save under


def test_an_invalid_row_refuses_the_file_without_the_box(
    ngo_a, ngo_a_org, login, django_capture_on_commit_callbacks
):
    client = login(ngo_a)
    job = _imported(client, ngo_a, [*ROWS, BAD], django_capture_on_commit_callbacks)
    assert (job.run.state, job.run.invalid, job.problem_count) == ("refused", 1, 1)
    assert not Person.objects.filter(registered_by=ngo_a_org).exists()
    page = client.get(reverse("imports:detail", args=[job.public_id])).content.decode()
    assert "nothing was stored" in page
    assert "Created" not in page  # the counts of a rolled-back file would mislead


def test_the_error_report_is_the_requesters_and_neutralised(
    ngo_a, ngo_a_org, login, django_capture_on_commit_callbacks
):
    client = login(ngo_a)
    job = _imported(client, ngo_a, [*ROWS, FORMULA], django_capture_on_commit_callbacks, skip=True)

    report = client.get(reverse("imports:report-csv", args=[job.public_id]))
    rows = list(csv.reader(io.StringIO(report.content.decode("utf-8-sig"))))
    xlsx = client.get(reverse("imports:report-xlsx", args=[job.public_id]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active

    assert rows[0] == ["row", "column", "value", "message"]
    assert [5, "ID", "'=HYPERLINK(1)"] in [[int(r[0]), r[1], r[2]] for r in rows[1:]]
    assert all(not str(c).startswith("=") for r in sheet.iter_rows(values_only=True) for c in r)
    assert SecurityEvent.objects.filter(event="import_report_downloaded").count() == 2
    # A colleague of the same organisation: not their import.
    colleague = User.objects.create_user(username="ngo-a-2", password="x")
    ngo_a_org.memberships.create(user=colleague, role=ngo_a.memberships.get().role)
    other = login(colleague).get(reverse("imports:report-csv", args=[job.public_id]))
    assert other.status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("list.xlsx", b"not a zip at all", "not a spreadsheet"),
        ("list.pdf", b"%PDF-1.4", "cannot be imported"),
        ("list.csv", "ID;Имя\n1;Әлия\n".encode("utf-16"), "cannot be read"),
    ],
)
def test_a_bad_file_is_refused_with_its_message(ngo_a, login, name, data, message):
    response = _upload(login(ngo_a), data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_over_the_limit_is_refused(ngo_a, login, settings):
    settings.IMPORT_MAX_FILE_MB = 1
    response = _upload(login(ngo_a), b"x" * (1024 * 1024 + 1))
    assert response.status_code == 400
    assert str(errors.TOO_LARGE) % {"limit": 1} in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_job_runs_once(ngo_a, login, django_capture_on_commit_callbacks):
    client = login(ngo_a)
    job = _imported(client, ngo_a, ROWS, django_capture_on_commit_callbacks)
    again = _run(client, job, django_capture_on_commit_callbacks)
    assert again["Location"] == reverse("imports:detail", args=[job.public_id])
    assert ImportJob.objects.get().run.rows == 3


def test_old_uploads_and_reports_are_purged(ngo_a, login, settings):
    _upload(login(ngo_a), _csv(ROWS))
    job = _job(ngo_a)
    kept = Path(settings.IMPORT_FILES_DIR) / "uploads" / job.upload
    assert kept.exists()
    assert "Назерке".encode() not in kept.read_bytes()
    settings.IMPORT_KEEP_DAYS = 0
    assert import_jobs_purge() == 1
    job.refresh_from_db()
    assert (job.upload, kept.exists()) == ("", False)


def test_the_page_follows_a_queued_job_and_its_progress(ngo_a, login, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(ngo_a)
    _upload(client, _csv(ROWS))
    job = _job(ngo_a)
    _map(client, job)
    _run(client, job, lambda execute: nullcontext())  # queued; no worker in this test
    job.refresh_from_db()
    assert job.state == JobState.QUEUED
    progress_path(job).write_text("2")

    page = client.get(reverse("imports:detail", args=[job.public_id]), headers={"HX-Request": "1"})

    text = page.content.decode()
    assert 'hx-trigger="every 2s"' in text
    assert '<progress id="import-bar" max="100" value="67">' in text
    assert "2 of 3 rows read" in text
