"""The registry's dates of birth are the shared partial date, with translated errors."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from qorgau.names import dates
from qorgau.people import errors
from qorgau.people.dates import PartialDate
from qorgau.people.models import DatePrecision


def test_it_is_the_shared_partial_date():
    parsed = PartialDate.parse("03.1990")

    assert isinstance(parsed, dates.PartialDate)
    assert (parsed.year, parsed.month, parsed.day, parsed.precision) == (1990, 3, None, "month")


def test_its_precisions_are_the_values_the_registry_stores():
    assert {p.value for p in dates.Precision} == set(DatePrecision.values)
    assert dates.Precision.ESTIMATED == DatePrecision.ESTIMATED


@pytest.mark.parametrize(
    ("text", "estimated", "message", "code"),
    [
        ("03/07/1990", False, errors.DATE_FORMAT, "date_format"),
        ("1990-03", True, errors.ESTIMATED_NEEDS_YEAR_ONLY, "estimated_year"),
    ],
)
def test_it_refuses_unreadable_text_with_a_translated_message(text, estimated, message, code):
    with pytest.raises(ValidationError) as refused:
        PartialDate.parse(text, estimated=estimated)

    assert (refused.value.messages, refused.value.code) == ([str(message)], code)


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (PartialDate(1990, 2, 31), errors.DATE_IMPOSSIBLE),
        (PartialDate(2026, 12, 7), errors.DATE_IN_FUTURE),
        (PartialDate(1899, None, None, "year"), errors.DATE_TOO_EARLY),
    ],
)
def test_it_refuses_impossible_dates_with_a_translated_message(date, message):
    with pytest.raises(ValidationError) as refused:
        date.validate(today=dt.date(2026, 12, 6))

    assert refused.value.messages == [str(message)]
