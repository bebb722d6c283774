"""What a case's definition says about it now: its procedure, event dates and deadlines."""

from __future__ import annotations

import datetime as dt

from qorgau.procedures.deadlines import DeadlineState, deadline_state
from qorgau.procedures.definition import Procedure, Transition
from qorgau.procedures.models import Case
from qorgau.procedures.registry import procedure_for


def case_procedure(case: Case) -> Procedure:
    return procedure_for(case.country.iso3, case.procedure)


def case_events(case: Case) -> dict[str, dt.date]:
    return {code: dt.date.fromisoformat(value) for code, value in case.events.items()}


def case_deadlines(case: Case, procedure: Procedure, today: dt.date) -> list[DeadlineState]:
    """Every deadline of the procedure for this case, with how its date was computed.

    Days the case spent paused are added; while it is paused, the days so far count too.
    """
    events = case_events(case)
    paused = case.paused_days
    if case.paused_since is not None:
        paused += max((today - case.paused_since).days, 0)
    states = []
    for deadline in procedure.deadlines:
        extended = case.extensions.get(deadline.code)
        states.append(
            deadline_state(
                deadline,
                procedure.settings,
                events,
                extended_to=dt.date.fromisoformat(extended) if extended else None,
                paused_days=paused if deadline.starts in events else 0,
            )
        )
    return states


def reachable_events(case: Case, procedure: Procedure) -> set[str]:
    """Events some way forward from the case's stage and decision could still record."""
    events: set[str] = set()
    seen: set[tuple[str, str]] = set()
    frontier = [(case.stage, case.decision)]
    while frontier:
        stage, decision = frontier.pop()
        if (stage, decision) in seen:
            continue
        seen.add((stage, decision))
        for t in procedure.transitions_from(stage):
            if t.after_decisions and decision not in t.after_decisions:
                continue
            if t.records:
                events.add(t.records)
            frontier.append((t.target, t.decision.outcome if t.decision else decision))
    return events


def case_next_due(case: Case, procedure: Procedure, today: dt.date) -> DeadlineState | None:
    """The earliest deadline that runs, is not met and can still be met by a step ahead; none
    for a closed or paused case."""
    if case.closed_on is not None or case.paused_since is not None:
        return None
    ahead = reachable_events(case, procedure)
    met_by = {deadline.code: deadline.met_by for deadline in procedure.deadlines}
    running = [
        state
        for state in case_deadlines(case, procedure, today)
        if state.due is not None and state.met_on is None and met_by[state.code] in ahead
    ]
    return min(running, key=lambda state: state.due or dt.date.max, default=None)


def allowed_transitions(case: Case, procedure: Procedure) -> list[Transition]:
    """The steps the definition allows from the case's stage and decision (roles aside)."""
    if case.closed_on is not None:
        return []
    return [
        t
        for t in procedure.transitions_from(case.stage)
        if not t.after_decisions or case.decision in t.after_decisions
    ]
