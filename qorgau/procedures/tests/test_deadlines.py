"""Deadline arithmetic around month ends, leap years, extensions and pauses."""

import datetime as dt

import pytest

from qorgau.procedures.deadlines import add_months, deadline_state, period_end
from qorgau.procedures.definition import Period
from qorgau.procedures.registry import definitions

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 11, 30), 3, D(2025, 2, 28)),
        (D(2024, 3, 31), 3, D(2024, 6, 30)),
        (D(2024, 10, 15), 3, D(2025, 1, 15)),
        (D(2024, 12, 31), 12, D(2025, 12, 31)),
    ],
)
def test_it_adds_months_ending_on_the_last_day_of_a_shorter_month(start, months, end):
    assert add_months(start, months) == end


def test_it_counts_calendar_days():
    assert period_end(D(2024, 2, 27), Period("days", amount=5), {}) == D(2024, 3, 3)
    assert period_end(D(2023, 2, 27), Period("days", amount=5), {}) == D(2023, 3, 4)


@pytest.fixture
def asylum():
    return definitions()[("KAZ", "asylum")]


def _deadline(asylum, code):
    return next(d for d in asylum.deadlines if d.code == code)


def test_it_computes_the_commission_decision_deadline_and_explains_it(asylum):
    state = deadline_state(
        _deadline(asylum, "decide"), asylum.settings, {"registration": D(2024, 11, 30)}
    )

    assert state.due == D(2025, 2, 28)
    assert state.explanation == (
        "2024-11-30 (registration) + 3 months (setting decision_months) = 2025-02-28"
    )
    assert state.overdue(D(2025, 3, 1))
    assert not state.overdue(D(2025, 2, 28))
    assert state.days_left(D(2025, 2, 20)) == 8


def test_it_extends_up_to_the_maximum_and_no_further(asylum):
    decide = _deadline(asylum, "decide")
    events = {"registration": D(2024, 1, 31)}

    extended = deadline_state(decide, asylum.settings, events, extended_to=D(2024, 10, 31))

    assert extended.due == D(2024, 10, 31)
    assert "at most 2025-01-31" in extended.explanation
    with pytest.raises(ValueError, match="past 2025-01-31"):
        deadline_state(decide, asylum.settings, events, extended_to=D(2025, 2, 1))
    with pytest.raises(ValueError, match="cannot be extended"):
        deadline_state(
            _deadline(asylum, "fingerprint"),
            asylum.settings,
            {"registration": D(2024, 1, 1)},
            extended_to=D(2024, 1, 10),
        )


def test_it_adds_paused_days_and_stops_when_met(asylum):
    events = {"registration": D(2024, 3, 1), "decision": D(2024, 5, 20)}

    state = deadline_state(_deadline(asylum, "decide"), asylum.settings, events, paused_days=10)

    assert state.due == D(2024, 6, 11)
    assert state.met_on == D(2024, 5, 20)
    assert not state.overdue(D(2024, 7, 1))
    assert state.days_left(D(2024, 5, 1)) is None


def test_it_waits_for_the_starting_event(asylum):
    state = deadline_state(_deadline(asylum, "appeal"), asylum.settings, {})

    assert state.due is None
    assert state.explanation == "starts when notification is recorded"
