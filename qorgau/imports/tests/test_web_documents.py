"""A file of documents through the web import: upload → the mapping suggested from the headers
(documents' fields) → preview naming each bad row's column (a person the organisation never
registered, an unknown type, an impossible date) → run with "skip invalid rows" → summary
counting documents, and the error report; without the box nothing is stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from qorgau.imports import errors
from qorgau.imports.models import JobState
from qorgau.imports.tests.conftest import ROWS
from qorgau.imports.tests.test_web_import import _csv, _job, _run, _upload
from qorgau.people.models import Document, Person

pytestmark = pytest.mark.django_db

HEADER = ["ID", "Document type", "Document number", "Issuing country", "Date of issue"]
GOOD = [
    ["P-1", "passport", "N0000001", "AFG", "01.02.2015"],
    ["P-2", "passport", "N0000002", "AFG", "2016-03-04"],
]
UNKNOWN_PERSON = ["P-9", "passport", "N0000009", "AFG", ""]
UNKNOWN_TYPE = ["P-3", "library card", "L-1", "", ""]


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def people(run_import, write_csv) -> None:
    run_import(write_csv(ROWS))


def _mapped(client: Any, user: Any, rows: list[list[str]]) -> Any:
    """Upload the documents file and save the mapping the page suggests."""
    _upload(client, _csv(rows, header=HEADER), name="documents.csv")
    job = _job(user)
    page = client.get(reverse("imports:map", args=[job.public_id])).content.decode()
    for field in ("source_id", "document_type", "document_number", "issuing_country"):
        assert f'<option value="{field}" selected>' in page
    body = {
        f"column_{i}": field
        for i, field in enumerate(
            ["source_id", "document_type", "document_number", "issuing_country", "issued_on"]
        )
    }
    response = client.post(
        reverse("imports:map", args=[job.public_id]), {**body, "name": "documents"}
    )
    assert response.status_code == 302
    return job


def test_it_attaches_documents_through_the_web_skipping_bad_rows(
    people, ngo_a, login, django_capture_on_commit_callbacks
):
    client = login(ngo_a)
    job = _mapped(client, ngo_a, [*GOOD, UNKNOWN_PERSON, UNKNOWN_TYPE])

    preview = client.get(reverse("imports:preview", args=[job.public_id])).content.decode()
    assert str(errors.DOCUMENT_PERSON_UNKNOWN) % {"value": "P-9"} in preview.replace(
        "&quot;", '"'
    ).replace("&#x27;", "'")
    assert "library card" in preview

    _run(client, job, django_capture_on_commit_callbacks, skip=True)
    job.refresh_from_db()

    assert job.state == JobState.FINISHED
    assert (job.run.rows, job.run.created, job.run.invalid) == (4, 2, 2)
    assert job.problem_count == 2
    assert sorted(Document.objects.values_list("person__source_id", flat=True)) == ["P-1", "P-2"]
    report = client.get(reverse("imports:report-csv", args=[job.public_id]))
    assert "P-9" in report.content.decode("utf-8-sig")


def test_without_skipping_one_bad_row_stores_nothing_and_again_changes_nothing(
    people, ngo_a, login, django_capture_on_commit_callbacks
):
    client = login(ngo_a)
    refused = _mapped(client, ngo_a, [*GOOD, UNKNOWN_PERSON])
    _run(client, refused, django_capture_on_commit_callbacks)
    refused.refresh_from_db()
    assert refused.run.state == "refused"
    assert not Document.objects.exists()

    first = _mapped(client, ngo_a, GOOD)
    _run(client, first, django_capture_on_commit_callbacks)
    again = _mapped(client, ngo_a, GOOD)
    _run(client, again, django_capture_on_commit_callbacks)
    again.refresh_from_db()

    assert Document.objects.count() == 2
    assert (again.run.created, again.run.unchanged) == (0, 2)


def test_a_share_recipient_cannot_attach_documents_to_the_shared_person(
    people, ngo_a_org, ngo_b, ngo_b_org, share_with, login, django_capture_on_commit_callbacks
):
    """NGO B sees NGO A's P-1 through a share (view-only): its documents file naming P-1 is
    refused row by row, and nothing is written to the record."""
    share_with(Person.objects.get(registered_by=ngo_a_org, source_id="P-1"), ngo_b_org)
    client = login(ngo_b)
    job = _mapped(client, ngo_b, GOOD[:1])

    preview = client.get(reverse("imports:preview", args=[job.public_id])).content.decode()
    _run(client, job, django_capture_on_commit_callbacks, skip=True)
    job.refresh_from_db()

    assert "P-1" in preview
    assert (job.run.created, job.run.invalid) == (0, 1)
    assert not Document.objects.exists()
