"""Procedure definitions: loaded and checked, with file and line in every error."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from qorgau.procedures.registry import DEFINITIONS, definition_load, definitions, procedures_for
from qorgau.procedures.yaml_lines import DefinitionError

ROOT = Path(__file__).resolve().parents[3]
ASYLUM = DEFINITIONS / "KAZ" / "asylum.yaml"


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "KAZ"
    folder.mkdir(exist_ok=True)
    text = ASYLUM.read_text(encoding="utf-8")
    assert old in text
    path = folder / "asylum.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_it_loads_every_shipped_definition():
    loaded = definitions()

    assert ("KAZ", "asylum") in loaded
    for procedure in loaded.values():
        assert procedure.initial.code
        assert all(stage.title.kk and stage.title.ru for stage in procedure.stages)


def test_it_reads_the_kazakh_asylum_deadlines():
    asylum = definitions()[("KAZ", "asylum")]
    deadlines = {d.code: d for d in asylum.deadlines}

    assert deadlines["apply"].period.resolve(asylum.settings) == 5
    assert deadlines["apply"].period.unit == "days"
    assert deadlines["decide"].period.resolve(asylum.settings) == 3
    assert deadlines["decide"].extension.resolve(asylum.settings) == 12
    assert asylum.settings["appeal_days"].unverified


def test_it_gives_a_country_without_definitions_the_default_ones():
    codes = {p.code: p.country for p in procedures_for("KGZ")}

    assert codes
    assert set(codes.values()) <= {"default"}


@pytest.mark.parametrize(
    ("old", "new", "needle", "problem"),
    [
        (
            "to: recognised\n    roles: [protection_officer]\n    requires",
            "to: nowhere\n    roles: [protection_officer]\n    requires",
            "to: nowhere",
            "unknown stage 'nowhere'",
        ),
        (
            "roles: [protection_officer]\n    records: interview",
            "roles: [interpreter]\n    records: interview",
            "roles: [interpreter]",
            "unknown role 'interpreter'",
        ),
        ("status: ASY", "status: XYZ", "status: XYZ", "unknown legal status 'XYZ'"),
        ("    until: fingerprinting", "    until: lunch", "until: lunch", "unknown event 'lunch'"),
        (
            "issues: [asylum_seeker_certificate]",
            "issues: [diploma]",
            "issues: [diploma]",
            "unknown document type 'diploma'",
        ),
        (
            "months: {setting: decision_months}",
            "months: {setting: nothing}",
            "setting: nothing",
            "unknown setting 'nothing'",
        ),
        (
            "    days: {setting: fingerprinting_days}",
            "    days: -3",
            "days: -3",
            "must be a positive whole number",
        ),
        ("  kk: Баспана (босқын мәртебесін айқындау)\n", "", "title:", "the kk text is missing"),
        (
            "subject: person",
            "subject: person\ncolour: blue",
            "colour: blue",
            "unknown key 'colour'",
        ),
    ],
    ids=["stage", "role", "status", "event", "document", "setting", "days", "language", "key"],
)
def test_it_names_file_line_and_problem(tmp_path, old, new, needle, problem):
    path = _broken(tmp_path, old, new)

    with pytest.raises(DefinitionError) as caught:
        definition_load(path)

    assert caught.value.path == str(path)
    assert caught.value.line == _line(path, needle)
    assert problem in caught.value.problem


def test_it_reports_yaml_syntax_errors_with_a_line(tmp_path):
    path = _broken(tmp_path, "events: [arrival,", "events: [arrival,,: ]]")

    with pytest.raises(DefinitionError) as caught:
        definition_load(path)

    assert caught.value.line == _line(path, "events: [arrival,,")
    assert "not valid YAML" in caught.value.problem


def test_it_refuses_a_definition_in_another_countrys_folder(tmp_path):
    folder = tmp_path / "UZB"
    folder.mkdir()
    path = folder / "asylum.yaml"
    path.write_text(ASYLUM.read_text(encoding="utf-8"), encoding="utf-8")

    with pytest.raises(DefinitionError, match="is not the folder 'UZB'"):
        definition_load(path)


def test_it_refuses_an_unreachable_stage(tmp_path):
    path = _broken(
        tmp_path,
        "  - code: closed\n",
        "  - code: limbo\n    title: {en: Limbo, ru: Лимб, kk: Лимб}\n  - code: closed\n",
    )

    with pytest.raises(DefinitionError, match="stage 'limbo' cannot be reached"):
        definition_load(path)


def test_it_prints_a_countrys_procedures(capsys):
    call_command("procedures", country="KAZ")

    out = capsys.readouterr().out
    assert "[KAZ/asylum]" in out
    assert "decide: 3 months (setting decision_months) from registration" in out
    assert "extendable to 12 months" in out


def test_it_checks_a_file_and_exits_2_when_broken(tmp_path):
    good = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "qorgau", "procedures", "--check", str(ASYLUM)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    path = _broken(tmp_path, "status: ASY", "status: XYZ")
    bad = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "qorgau", "procedures", "--check", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert good.returncode == 0, good.stderr
    assert "KAZ/asylum is valid" in good.stdout
    assert bad.returncode == 2
    assert (
        f"{path}:{_line(path, 'status: XYZ')}: transition register: unknown legal status"
        in bad.stderr
    )


def test_it_refuses_an_unknown_country():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown country 'XYZ'"):
        call_command("procedures", country="XYZ")
