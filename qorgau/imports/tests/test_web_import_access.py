"""Every persona against every page of the web import. A job is its requester's alone: a
colleague, another organisation, a share recipient or the agency's country office gets the same
404 as for a job that does not exist, and changes nothing; a role that registers no one gets
403; an anonymous visitor is sent to log in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qorgau.imports.models import ImportJob, ImportMapping, JobState
from qorgau.imports.services.jobs import (
    import_job_execute,
    import_job_map,
    import_job_start,
    import_job_upload,
)
from qorgau.imports.tests.conftest import COLUMNS, HEADER, ROWS
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, persona_user
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed

pytestmark = pytest.mark.django_db

BAD = ["P-9", "", "", "Серікова", "Айгерім", "", "female", "31.02.1990", "", "", ""]

# persona → (list, upload, detail, map, map save, preview, run, report CSV, report XLSX,
#            API list, API run)
EXPECTED = {
    "clerk": (200, 302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "officer": (200, 302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "ngo_a": (200, 302, 200, 200, 302, 200, 302, 200, 200, 200, 200),
    "ngo_b": (200, 302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    "liaison": (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    "stats": (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    "kgz": (200, 302, 404, 404, 404, 404, 404, 404, 404, 200, 404),
    ANONYMOUS: (302, 302, 302, 302, 302, 302, 302, 302, 302, 401, 401),
}


def _file(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "list.csv"
    lines = [",".join(HEADER), *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _jobs(user: User, organisation: Organisation, tmp_path: Path) -> tuple[ImportJob, ImportJob]:
    """One job mapped and waiting to run, one finished with an error report."""
    path = _file(tmp_path, [*ROWS, BAD])
    waiting = import_job_upload(actor=user, organisation=organisation, path=path, file_name="a")
    import_job_map(actor=user, job=waiting, name="partner", columns=COLUMNS)
    done = import_job_upload(actor=user, organisation=organisation, path=path, file_name="b")
    import_job_map(actor=user, job=done, name="partner", columns=COLUMNS)
    done = import_job_execute(import_job_start(actor=user, job=done, skip_invalid=True))
    assert done.problem_count == 1
    return waiting, done


def _client(persona: str, request: pytest.FixtureRequest, login: Any) -> Client:
    if persona == ANONYMOUS:
        return Client()
    if persona == "ngo_a":
        return login(request.getfixturevalue("ngo_a"))
    fixture = {"clerk": "agency", "officer": "agency", "stats": "agency", "ngo_a": "ngo_a_org",
               "ngo_b": "ngo_b_org", "liaison": "government", "kgz": "agency_kgz"}[persona]  # fmt: skip
    return login(persona_user(persona, request.getfixturevalue(fixture)))


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_gets_its_answer(
    persona: str, ngo_a: User, ngo_a_org: Organisation, tmp_path: Path, request: Any, login: Any
) -> None:
    waiting, done = _jobs(ngo_a, ngo_a_org, tmp_path)
    client = _client(persona, request, login)
    columns = {f"column_{i}": COLUMNS[c] for i, c in enumerate(HEADER)}

    answers = (
        client.get(reverse("imports:list")).status_code,
        client.post(
            reverse("imports:list"),
            {"file": SimpleUploadedFile("mine.csv", _file(tmp_path, ROWS).read_bytes())},
        ).status_code,
        client.get(reverse("imports:detail", args=[done.public_id])).status_code,
        client.get(reverse("imports:map", args=[waiting.public_id])).status_code,
        client.post(
            reverse("imports:map", args=[waiting.public_id]), {**columns, "name": "theirs"}
        ).status_code,
        client.get(reverse("imports:preview", args=[waiting.public_id])).status_code,
        client.post(reverse("imports:preview", args=[waiting.public_id])).status_code,
        client.get(reverse("imports:report-csv", args=[done.public_id])).status_code,
        client.get(reverse("imports:report-xlsx", args=[done.public_id])).status_code,
        client.get(reverse("import-run-list")).status_code,
        client.get(reverse("import-run-detail", args=[done.run.public_id])).status_code,
    )

    assert answers == EXPECTED[persona]
    listed = client.get(reverse("import-run-list"))
    if listed.status_code == 200:
        ids = [run["id"] for run in listed.json()["results"]]
        assert (str(done.run.public_id) in ids) == (persona == "ngo_a")
    waiting.refresh_from_db()
    if persona != "ngo_a":
        # Nothing of ngo-a's import changed: no mapping saved, the job not started.
        assert (waiting.state, waiting.mapping_name) == (JobState.UPLOADED, "partner")
        assert not ImportMapping.objects.filter(organisation=ngo_a_org, name="theirs").exists()


def test_an_anonymous_visitor_is_sent_to_log_in(ngo_a, ngo_a_org, tmp_path):
    waiting, _done = _jobs(ngo_a, ngo_a_org, tmp_path)
    response = Client().get(reverse("imports:preview", args=[waiting.public_id]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_share_recipient_can_neither_see_nor_run_the_import(
    ngo_a, ngo_a_org, ngo_b, ngo_b_org, agency, tmp_path, login
):
    waiting, done = _jobs(ngo_a, ngo_a_org, tmp_path)
    person = Person.objects.get(source_id="P-1", registered_by=ngo_a_org)
    share_grant_agreed(
        actor=persona_user("officer", agency),
        person=person,
        recipient=ngo_b_org,
        agreement="DTA-1",
        purpose="referral",
        expires_on=dt.date.today() + dt.timedelta(days=90),
    )
    client = login(ngo_b)

    answers = (
        client.get(reverse("imports:detail", args=[done.public_id])).status_code,
        client.post(reverse("imports:preview", args=[waiting.public_id])).status_code,
        client.get(reverse("imports:report-csv", args=[done.public_id])).status_code,
    )

    assert answers == (404, 404, 404)
    waiting.refresh_from_db()
    assert waiting.state == JobState.UPLOADED


def test_an_organisation_never_imports_for_another(ngo_b, ngo_a_org, tmp_path, login):
    client = login(ngo_b)
    response = client.post(
        reverse("imports:list"),
        {
            "file": SimpleUploadedFile("x.csv", _file(tmp_path, ROWS).read_bytes()),
            "organisation": ngo_a_org.pk,
        },
    )
    assert response.status_code == 400
    assert not ImportJob.objects.exists()
