"""The source lists before identity resolution: layout, coverage, duplicates, determinism."""

import csv
import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from qorgau.people.models import Person
from qorgau.population.generator import Context
from qorgau.population.lists import (
    COLUMNS,
    GROUND_TRUTH_COLUMNS,
    ListsSummary,
    write_source_lists,
)

SEED = 5
LISTS = ("government", "partner_kibhr", "partner_sana-sezim", "partner_krcs")
HEADER = (
    "id,family_name,given_name,patronymic,sex,date_of_birth,place_of_birth,nationality,"
    "document_number"
)
DATE = re.compile(r"^(\d{2}\.\d{2}\.\d{4}|\d{4})$")
CYRILLIC = re.compile("[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def written(context: Context, tmp_path_factory: pytest.TempPathFactory) -> ListsSummary:
    return write_source_lists(tmp_path_factory.mktemp("lists"), seed=SEED, context=context)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _truth(directory: Path) -> dict[tuple[str, str], str]:
    return {
        (r["list"], r["row_id"]): r["person_key"] for r in _rows(directory / "ground_truth.csv")
    }


def test_it_writes_each_list_as_csv_with_the_match_layout_and_as_the_same_xlsx(written):
    assert set(written.rows) == set(LISTS)
    for name in LISTS:
        raw = (written.directory / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
        with (written.directory / f"{name}.csv").open(encoding="utf-8-sig", newline="") as stream:
            table = list(csv.reader(stream))
        assert tuple(table[0]) == COLUMNS
        workbook = load_workbook(written.directory / f"{name}.xlsx", read_only=True)
        sheet = [
            [cell or "" for cell in row] for row in workbook.active.iter_rows(values_only=True)
        ]
        workbook.close()
        assert sheet == table
        assert len(table) - 1 == written.rows[name]
    truth_header = (written.directory / "ground_truth.csv").read_text(encoding="utf-8-sig")
    assert truth_header.splitlines()[0] == ",".join(GROUND_TRUTH_COLUMNS)
    assert "SYNTHETIC" in (written.directory / "README.txt").read_text(encoding="utf-8")


def test_it_lists_every_stateless_person_and_covers_every_row_in_the_ground_truth(written):
    assert written.rows["government"] >= 7_341
    for name in LISTS[1:]:
        assert written.rows[name] > 100, name
    truth = _truth(written.directory)
    listed = [(name, r["id"]) for name in LISTS for r in _rows(written.directory / f"{name}.csv")]
    assert len(listed) == len(set(listed)) == len(truth)
    assert set(listed) == set(truth)
    assert all(key.startswith("GEN-KAZ-") for key in truth.values())


def test_it_has_true_duplicates_within_and_across_lists_written_differently(written):
    truth = _truth(written.directory)
    rows = {(name, r["id"]): r for name in LISTS for r in _rows(written.directory / f"{name}.csv")}
    by_person: dict[str, list[tuple[str, str]]] = {}
    for row, key in truth.items():
        by_person.setdefault(key, []).append(row)
    pairs = Counter(
        "within" if a[0] == b[0] else "across"
        for members in by_person.values()
        for a, b in combinations(members, 2)
    )
    assert pairs["within"] == written.pairs_within > 0
    assert pairs["across"] == written.pairs_across > 0
    government_twice = sum(
        1 for members in by_person.values() if [m[0] for m in members].count("government") > 1
    )
    assert government_twice > 50

    across = [
        (rows[a], rows[b])
        for members in by_person.values()
        for a, b in combinations(members, 2)
        if a[0] == "government" and b[0] != "government"
    ]
    assert across
    for government, partner in across:
        assert CYRILLIC.search(government["family_name"] + government["given_name"])
        assert not CYRILLIC.search(partner["family_name"] + partner["given_name"])
    twice = [
        (rows[a], rows[b])
        for members in by_person.values()
        for a, b in combinations(members, 2)
        if a[0] == b[0] == "government"
    ]
    assert all(first != {**second, "id": first["id"]} for first, second in twice)


def test_it_writes_machine_readable_dates_sexes_and_ids(written):
    dates = Counter[str]()
    for name in LISTS:
        for row in _rows(written.directory / f"{name}.csv"):
            assert DATE.match(row["date_of_birth"]), row
            dates["year" if len(row["date_of_birth"]) == 4 else "day"] += 1
            assert row["sex"] in ("M", "F")
            assert row["nationality"] == ""
            assert row["given_name"]
    assert dates["year"] > 0
    assert dates["day"] > dates["year"]
    partner = _rows(written.directory / "partner_kibhr.csv")
    assert all(row["id"].startswith("KIBHR-") for row in partner)
    assert sum(not row["patronymic"] for row in partner) > len(partner) * 0.2


def test_it_writes_the_same_lists_for_the_same_seed_only(written, context, tmp_path):
    again = write_source_lists(tmp_path / "again", seed=SEED, context=context)
    other = write_source_lists(tmp_path / "other", seed=SEED + 1, context=context)

    for name in (*LISTS, "ground_truth"):
        first = (written.directory / f"{name}.csv").read_bytes()
        assert (again.directory / f"{name}.csv").read_bytes() == first
        assert (other.directory / f"{name}.csv").read_bytes() != first


@pytest.mark.django_db
def test_it_writes_the_lists_from_the_generate_command(tmp_path, capsys):
    directory = tmp_path / "lists" / "kaz"

    call_command("generate", country=["KAZ"], lists=str(directory))
    people = Person.objects.count()
    call_command("generate", country=["KAZ"], lists=str(directory))

    assert people > 20_000
    assert Person.objects.count() == people
    assert (directory / "government.csv").exists()
    assert (directory / "ground_truth.csv").exists()
    out = capsys.readouterr().out
    assert "true duplicate pairs" in out
    truth = _truth(directory)
    assert set(truth.values()) <= set(Person.objects.values_list("source_id", flat=True))


@pytest.mark.django_db
def test_it_refuses_a_lists_path_that_is_a_file(tmp_path):
    path = tmp_path / "lists.csv"
    path.write_text("")

    with pytest.raises(CommandError, match="not a directory"):
        call_command("generate", country=["KAZ"], lists=str(path))
    assert not Person.objects.exists()
