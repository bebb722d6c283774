"""The shared partial date: formats, precision, checks, and no Django."""

import datetime as dt
import subprocess
import sys

import pytest

from qorgau.names.dates import DateError, PartialDate, Precision

TODAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-03-07", PartialDate(1990, 3, 7, Precision.EXACT)),
        ("1990-3-7", PartialDate(1990, 3, 7, Precision.EXACT)),
        ("07.03.1990", PartialDate(1990, 3, 7, Precision.EXACT)),
        ("7.3.1990", PartialDate(1990, 3, 7, Precision.EXACT)),
        ("1990-03", PartialDate(1990, 3, None, Precision.MONTH)),
        ("03.1990", PartialDate(1990, 3, None, Precision.MONTH)),
        (" 1990 ", PartialDate(1990, None, None, Precision.YEAR)),
        ("", PartialDate.unknown()),
    ],
)
def test_it_reads_what_is_written_and_keeps_its_precision(text, expected):
    assert PartialDate.parse(text) == expected


def test_it_reads_an_estimated_date_as_a_year_only():
    assert PartialDate.parse("1990", estimated=True) == PartialDate(
        1990, None, None, Precision.ESTIMATED
    )
    assert str(PartialDate.parse("1990", estimated=True)) == "~1990"
    with pytest.raises(DateError) as refused:
        PartialDate.parse("1990-03", estimated=True)
    assert refused.value.code == "estimated_year"


@pytest.mark.parametrize("text", ["03/07/1990", "1990.03.07", "90", "1990-03-07T00:00", "abc"])
def test_it_refuses_what_it_would_have_to_guess(text):
    with pytest.raises(DateError) as refused:
        PartialDate.parse(text)
    assert refused.value.code == "date_format"
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize(
    ("date", "code"),
    [
        (PartialDate(1990, 2, 31), "date_impossible"),
        (PartialDate(1990, 13, None, Precision.MONTH), "date_impossible"),
        (PartialDate(2027, None, None, Precision.YEAR), "date_in_future"),
        (PartialDate(2026, 12, 7), "date_in_future"),
        (PartialDate(1899, None, None, Precision.YEAR), "date_too_early"),
    ],
)
def test_it_refuses_a_date_of_birth_that_cannot_be(date, code):
    with pytest.raises(DateError) as refused:
        date.validate(today=TODAY)
    assert refused.value.code == code


def test_it_accepts_a_plausible_date_and_an_unknown_one():
    PartialDate(2026, 12, 6).validate(today=TODAY)
    PartialDate(1900, None, None, Precision.YEAR).validate(today=TODAY)
    PartialDate.unknown().validate(today=TODAY)


def test_it_gives_the_day_only_when_known_to_the_day():
    assert PartialDate(1990, 3, 7).date() == dt.date(1990, 3, 7)
    assert PartialDate(1990, 3, None, Precision.MONTH).date() is None
    assert PartialDate.unknown().date() is None
    with pytest.raises(DateError):
        PartialDate(1990, 2, 30).date()


def test_it_writes_exactly_what_is_known():
    assert PartialDate(1990, 3, 7).isoformat() == "1990-03-07"
    assert PartialDate(1990, 3, None, Precision.MONTH).isoformat() == "1990-03"
    assert PartialDate(990, None, None, Precision.YEAR).isoformat() == "0990"
    assert PartialDate.unknown().isoformat() == str(PartialDate.unknown()) == ""


def test_it_and_the_matching_engine_load_without_django():
    code = (
        "import sys, qorgau.names.dates, qorgau.matching.dates; "
        "assert not any(m.startswith('django') for m in sys.modules), 'django loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 (fixed command)
