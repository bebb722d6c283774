"""Deadline arithmetic: pure functions from dates and a definition's periods.

Rules (as in the civil codes of Kazakhstan and the region, Civil Code of the Republic of
Kazakhstan arts. 176-177): a period starts the day after the event; a period in days ends after
that many calendar days; a period in months ends on the same date of the last month, or on the
last day of that month when it has no such date (31 January + 1 month = 28 or 29 February).
Days on which the case was paused are added. Moving a deadline off a public holiday needs the
country's holiday calendar, which Qorgau does not hold yet: it is not done.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from qorgau.procedures.definition import Deadline, Period, Setting


def add_months(start: dt.date, months: int) -> dt.date:
    """The same date ``months`` later, or the last day of that month if it is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def period_end(start: dt.date, period: Period, settings: dict[str, Setting]) -> dt.date:
    amount = period.resolve(settings)
    if period.unit == "months":
        return add_months(start, amount)
    if period.unit == "years":
        return add_months(start, 12 * amount)
    return start + dt.timedelta(days=amount)


@dataclass(frozen=True)
class DeadlineState:
    """A deadline of one case. ``explanation`` is the computation in technical terms (for the
    API and logs); the parts it is made of (``start``, ``amount``/``unit``, ``extended_to`` and
    its ``limit``, ``paused_days``) let a page say it in the reader's language."""

    code: str
    due: dt.date | None
    met_on: dt.date | None
    explanation: str
    starts: str = ""
    start: dt.date | None = None
    amount: int = 0
    unit: str = "days"
    extended_to: dt.date | None = None
    limit: dt.date | None = None
    paused_days: int = 0

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.met_on is None and today > self.due

    def days_left(self, today: dt.date) -> int | None:
        if self.due is None or self.met_on is not None:
            return None
        return (self.due - today).days


def deadline_state(
    deadline: Deadline,
    settings: dict[str, Setting],
    events: dict[str, dt.date],
    *,
    extended_to: dt.date | None = None,
    paused_days: int = 0,
) -> DeadlineState:
    """When a deadline falls due for a case with these event dates, and how that was computed.

    ``extended_to`` is an extension granted on the case; it may not pass the definition's
    maximum (``ValueError``). ``paused_days`` are days the case was paused.
    """
    start = events.get(deadline.starts)
    met = events.get(deadline.met_by)
    if start is None:
        return DeadlineState(
            deadline.code,
            None,
            met,
            f"starts when {deadline.starts} is recorded",
            starts=deadline.starts,
        )
    due = period_end(start, deadline.period, settings)
    extended: dt.date | None = None
    limit: dt.date | None = None
    steps = [f"{start.isoformat()} ({deadline.starts}) + {deadline.period.describe(settings)}"]
    if extended_to is not None:
        if deadline.extension is None:
            raise ValueError(f"deadline {deadline.code} cannot be extended")
        limit = period_end(start, deadline.extension, settings)
        if extended_to > limit:
            raise ValueError(f"deadline {deadline.code} cannot be extended past {limit}")
        if extended_to > due:
            due = extended = extended_to
            steps.append(f"extended to {extended_to.isoformat()} (at most {limit.isoformat()})")
    if paused_days:
        due += dt.timedelta(days=paused_days)
        steps.append(f"+ {paused_days} days paused")
    return DeadlineState(
        deadline.code,
        due,
        met,
        " ".join(steps) + f" = {due.isoformat()}",
        starts=deadline.starts,
        start=start,
        amount=deadline.period.resolve(settings),
        unit=deadline.period.unit,
        extended_to=extended,
        limit=limit if extended else None,
        paused_days=paused_days,
    )
