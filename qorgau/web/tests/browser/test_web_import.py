"""Importing a partner's list in the browser (issue 16): upload a small CSV, map its columns
(suggested), preview it with one bad row, run it with "skip invalid rows", read the summary
and download the error report; on a phone, in en, ru and kk."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from qorgau.imports.models import HeldRow
from qorgau.imports.services.mappings import mapping_save
from qorgau.imports.services.runs import import_file
from qorgau.imports.tests.conftest import COLUMNS, HEADER, ROWS
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Document, Person
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

SCREENS = Path(settings.BASE_DIR) / "var" / "browser-screens"
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BAD = ["P-4", "", "", "Серікова", "Айгерім", "", "female", "31.02.1990", "", "", ""]
WORDS = {
    "en": {"upload": "Upload", "save": "Save and preview", "skip": "Skip invalid rows",
           "run": "Run the import", "valid": "Valid", "created": "Created"},
    "ru": {"upload": "Загрузить", "save": "Сохранить и просмотреть",
           "skip": "Пропустить недопустимые строки", "run": "Запустить импорт",
           "valid": "Допустима", "created": "Создано"},
    "kk": {"upload": "Жүктеу", "save": "Сақтау және алдын ала қарау",
           "skip": "Жарамсыз жолдарды өткізіп жіберу", "run": "Импортты іске қосу",
           "valid": "Жарамды", "created": "Жасалды"},
}  # fmt: skip


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.IMPORT_FILES_DIR = str(tmp_path / "kept")


def _look(page: Any, name: str, language: str) -> None:
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    if language != "en":  # to look at: var/browser-screens/
        page.screenshot(path=str(SCREENS / f"web-import-{name}-{language}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_caseworker_imports_a_list_and_downloads_the_error_report(
    open_page: Any, ngo_a: User, ngo_a_org: Organisation, language: str, tmp_path: Path
) -> None:
    words = WORDS[language]
    SCREENS.mkdir(parents=True, exist_ok=True)
    upload = tmp_path / "partner-list.csv"
    with upload.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS, BAD])
    page = open_page(ngo_a, language=language, viewport=PHONE)

    page.goto("/imports/")
    _look(page, "upload", language)
    page.set_input_files("input[name=file]", str(upload))
    page.click(f"main form button:has-text('{words['upload']}')")
    page.wait_for_url("**/map/")
    _look(page, "map", language)
    assert page.input_value("select[name=column_3]") == "family_name"  # suggested: Фамилия
    page.click(f"main form button:has-text('{words['save']}')")
    page.wait_for_url("**/preview/")
    _look(page, "preview", language)
    assert page.locator("table.preview .valid").count() == 3
    assert "Date of birth:" in page.locator("table.preview .problems").inner_text()
    assert "31.02.1990" in page.locator("table.preview").inner_text()
    page.check("input[name=skip_invalid]")
    page.click(f"main form button:has-text('{words['run']}')")
    page.wait_for_selector("dl.summary")
    _look(page, "summary", language)
    assert words["created"] in page.locator("dl.summary").inner_text()

    with page.expect_download() as caught:
        page.click("#import-progress a:has-text('CSV')")
    saved = tmp_path / "errors.csv"
    caught.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))

    assert [row[:3] for row in rows[1:]] == [["5", "Date of birth", "31.02.1990"]]
    assert Person.objects.filter(registered_by=ngo_a_org).count() == 3


def test_a_caseworker_decides_a_held_row_on_a_phone_in_kazakh(
    open_page: Any, ngo_a: User, ngo_a_org: Organisation, make_person: Any, tmp_path: Path
) -> None:
    make_person(
        ngo_a, ngo_a_org, family_name="Тоқтарова", given_name="Назерке", patronymic="",
        sex="female", date_of_birth="1990-07-03", source_id="OLD-9",
    )  # fmt: skip
    mapping_save(actor=ngo_a, organisation=ngo_a_org, name="partner", columns=COLUMNS)
    path = tmp_path / "list.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    import_file(actor=ngo_a, organisation=ngo_a_org, path=path, mapping_name="partner")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = open_page(ngo_a, language="kk", viewport=PHONE)

    page.goto("/imports/held/")
    _look(page, "held", "kk")
    page.click("main button:has-text('Жаңа адам ретінде тіркеу')")
    page.wait_for_url("**/imports/held/")

    assert "Тексеруді күтіп тұрған жолдар жоқ." in page.inner_text("main")
    assert HeldRow.objects.get().state == HeldRow.State.IMPORTED
    _look(page, "held-done", "kk")


RUN_AGAIN = {"en": "Run again", "ru": "Запустить снова", "kk": "Қайта іске қосу"}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_an_interrupted_import_says_so_and_runs_again(
    open_page: Any, ngo_a: User, ngo_a_org: Organisation, language: str, tmp_path: Path
) -> None:
    """The worker died mid-import (its lease last renewed an hour ago): the page says so, and
    "Run again" completes the import."""
    import os
    import time

    from qorgau.imports.models import ImportJob, JobState
    from qorgau.imports.services.jobs import (
        heartbeat_path,
        import_job_map,
        import_job_start,
        import_job_upload,
    )

    path = tmp_path / "partner-list.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    job = import_job_upload(actor=ngo_a, organisation=ngo_a_org, path=path, file_name="list.csv")
    import_job_map(actor=ngo_a, job=job, name="partner", columns=COLUMNS)
    job = import_job_start(actor=ngo_a, job=job, skip_invalid=False)
    ImportJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    heartbeat_path(job).touch()
    hour_ago = time.time() - 3600
    os.utime(heartbeat_path(job), (hour_ago, hour_ago))
    SCREENS.mkdir(parents=True, exist_ok=True)
    page = open_page(ngo_a, language=language, viewport=PHONE)

    page.goto(f"/imports/{job.public_id}/")
    assert page.locator("#import-progress [role=alert]").count() == 1
    _look(page, "interrupted", language)
    page.click(f"#import-progress button:has-text('{RUN_AGAIN[language]}')")
    page.wait_for_selector("dl.summary")
    _look(page, "run-again", language)

    assert Person.objects.filter(registered_by=ngo_a_org).count() == 3
    job.refresh_from_db()
    assert job.state == JobState.FINISHED


DOCUMENTS = [
    ["ID", "Document type", "Document number", "Issuing country", "Date of issue"],
    ["P-1", "passport", "N0000001", "AFG", "01.02.2015"],
    ["P-9", "passport", "N0000009", "AFG", ""],  # nobody of NGO A has this id
]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_caseworker_imports_a_documents_file(
    open_page: Any, ngo_a: User, ngo_a_org: Organisation, language: str, tmp_path: Path
) -> None:
    """A documents file through the same four steps: its fields suggested, the row of an
    unknown person named in the preview, the valid row attached with "skip invalid rows"."""
    words = WORDS[language]
    SCREENS.mkdir(parents=True, exist_ok=True)
    mapping_save(actor=ngo_a, organisation=ngo_a_org, name="partner", columns=COLUMNS)
    people = tmp_path / "list.csv"
    with people.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    import_file(actor=ngo_a, organisation=ngo_a_org, path=people, mapping_name="partner")
    upload = tmp_path / "documents.csv"
    with upload.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(DOCUMENTS)
    page = open_page(ngo_a, language=language, viewport=PHONE)

    page.goto("/imports/")
    page.set_input_files("input[name=file]", str(upload))
    page.click(f"main form button:has-text('{words['upload']}')")
    page.wait_for_url("**/map/")
    _look(page, "documents-map", language)
    assert page.input_value("select[name=column_2]") == "document_number"
    page.click(f"main form button:has-text('{words['save']}')")
    page.wait_for_url("**/preview/")
    _look(page, "documents-preview", language)
    assert page.locator("table.preview .valid").count() == 1
    assert "P-9" in page.locator("table.preview .problems").inner_text()
    page.check("input[name=skip_invalid]")
    page.click(f"main form button:has-text('{words['run']}')")
    page.wait_for_selector("dl.summary")
    _look(page, "documents-summary", language)

    assert Document.objects.filter(person__source_id="P-1").count() == 1
    assert Document.objects.count() == 1
