"""Fixtures of the import tests: a mapping for ngo-a, and files written on the fly."""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

from qorgau.imports.models import ImportMapping
from qorgau.imports.services.mappings import mapping_save
from qorgau.imports.services.runs import ImportResult, import_file
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed

HEADER = [
    "ID",
    "Household",
    "Relationship",
    "Фамилия",
    "Имя",
    "Отчество",
    "Sex",
    "Date of birth",
    "Region",
    "Phone",
    "Needs",
]
COLUMNS = {
    "ID": "source_id",
    "Household": "household_id",
    "Relationship": "relationship",
    "Фамилия": "family_name",
    "Имя": "given_name",
    "Отчество": "patronymic",
    "Sex": "sex",
    "Date of birth": "birth_date",
    "Region": "region",
    "Phone": "phones",
    "Needs": "needs",
}

#: A household of two and one person alone (synthetic names).
ROWS = [
    [
        "P-1",
        "H-1",
        "principal",
        "Жаксыбекова",
        "Ботагөз",
        "Маратқызы",
        "female",
        "12.04.1985",
        "KZ-75",
        "+7 701 555 0101",
        "SM-CI",
    ],
    ["P-2", "H-1", "son", "Жаксыбеков", "Әлихан", "", "male", "2012", "KZ-75", "", ""],
    ["P-3", "", "", "Тоқтарова", "Назерке", "", "female", "1990-07-03", "", "", ""],
]


@pytest.fixture(autouse=True)
def _files(settings: Any, tmp_path: Path) -> None:
    settings.IMPORT_FILES_DIR = str(tmp_path / "kept")


@pytest.fixture
def share_with(agency: Organisation) -> Callable[[Person, Organisation], None]:
    """Share a person with another organisation for 30 days (view-only, as every share)."""

    def share(person: Person, recipient: Organisation) -> None:
        officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
        share_grant_agreed(
            actor=officer,
            recipient=recipient,
            agreement="DSA-1",
            purpose="referral",
            expires_on=dt.date.today() + dt.timedelta(days=30),
            person=person,
        )

    return share


@pytest.fixture
def mapping(ngo_a: User, ngo_a_org: Organisation) -> ImportMapping:
    return mapping_save(actor=ngo_a, organisation=ngo_a_org, name="partner", columns=COLUMNS)


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(
        rows: list[list[str]],
        header: list[str] = HEADER,
        name: str = "list.csv",
        encoding: str = "utf-8",
        delimiter: str = ",",
    ) -> Path:
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter)
            writer.writerow(header)
            writer.writerows(rows)
        return path

    return write


@pytest.fixture
def run_import(
    ngo_a: User, ngo_a_org: Organisation, mapping: ImportMapping
) -> Callable[..., ImportResult]:
    def run(path: Path, **options: Any) -> ImportResult:
        options.setdefault("actor", ngo_a)
        options.setdefault("organisation", ngo_a_org)
        return import_file(path=path, mapping_name="partner", **options)

    return run


def kill_midway(work: Callable[[Callable[[int], None]], object], at: int) -> None:
    """Run ``work(progress)`` in a forked process (a worker with its own database connection)
    and SIGKILL it once it has read ``at`` rows, its transaction still open."""
    read, write = os.pipe()
    connections.close_all()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(read)

        def signal_then_wait(done: int) -> None:
            if done == at:
                os.write(write, b"x")
                time.sleep(60)

        try:
            work(signal_then_wait)
        finally:
            os._exit(1)
    os.close(write)
    assert os.read(read, 1) == b"x"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
