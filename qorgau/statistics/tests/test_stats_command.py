"""``qorgau stats``: bad input is refused with a message and exit code 2."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from qorgau.people.services.status import status_period_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(clerk, agency, make_person):
    for status in ("STA", "STA", "UND", "REF"):
        person = make_person(clerk, agency)
        status_period_record(
            actor=clerk, organisation=agency, person=person, status=status,
            effective_from=dt.date(2015, 1, 1),
        )  # fmt: skip


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"country": "XYZ", "as_of": "2024-01-01"}, "Unknown country"),
        ({"country": "KAZ", "as_of": "2999-01-01"}, "in the future"),
        ({"country": "KAZ", "as_of": "2010-01-01"}, "before the records of KAZ begin"),
        ({"country": "KAZ", "as_of": "1 Jan"}, "is not a date"),
        ({"country": "KAZ", "as_of": "2024-01-01", "format": "pdf"}, "Unsupported format"),
        ({"country": "KGZ", "as_of": "2024-01-01"}, "has no status records"),
        ({"country": "KAZ", "as_of": "2024-01-01", "format": "xlsx"}, "needs --out"),
    ],
)
def test_it_refuses_bad_input_with_exit_code_2(recorded, arguments, message):
    with pytest.raises(CommandError, match=message) as raised:
        call_command("stats", **arguments)

    assert raised.value.returncode == 2


def test_it_prints_the_documented_json_with_small_counts_suppressed(recorded, capsysbinary):
    call_command("stats", country="KAZ", as_of="2024-01-01")

    data = json.loads(capsysbinary.readouterr().out)
    assert data["country"] == "KAZ"
    assert data["as_of"] == "2024-01-01"
    assert data["stateless"] == {
        "total": "*", "registered_by_government": "*", "undetermined_nationality": "*"
    }  # fmt: skip
    assert data["refugees_and_asylum_seekers"]["total"] == "*"
    assert data["citizenship_acquired"]["since"] == "2014-01-01"
    assert data["disclosure_control"] == {"threshold": 5, "rounding": 0, "suppressed": "*"}


def test_it_prints_exact_counts_with_suppression_off(recorded, capsysbinary, settings):
    settings.STATISTICS_THRESHOLD = 0
    call_command("stats", country="KAZ", as_of="2024-01-01")

    data = json.loads(capsysbinary.readouterr().out)
    assert data["stateless"] == {
        "total": 3, "registered_by_government": 2, "undetermined_nationality": 1
    }  # fmt: skip
    assert data["refugees_and_asylum_seekers"]["by_origin"] == {"unknown": 1}


def test_the_real_command_line_exits_with_2():
    result = subprocess.run(
        [sys.executable, "-m", "qorgau", "stats", "--country", "XYZ", "--as-of", "2024-01-01"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert result.returncode == 2
    assert "Unknown country" in result.stderr
