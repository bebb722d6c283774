"""Ways through a definition: the transitions that lead from the initial stage to a stage, or
to an end that starts a legal status. Used to build demo histories and tests."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from qorgau.procedures.definition import Procedure, Transition

State = tuple[str, str]  # (stage, decision held)


def _search(
    procedure: Procedure, done: Callable[[State, list[Transition]], bool]
) -> list[Transition]:
    """The shortest route (breadth first) for which ``done`` holds, respecting the decisions
    transitions need; final stages end a route."""
    start: State = (procedure.initial.code, "")
    queue: deque[tuple[State, list[Transition]]] = deque([(start, [])])
    seen = {start}
    while queue:
        state, path = queue.popleft()
        if done(state, path):
            return path
        if procedure.stage(state[0]).final:
            continue
        for t in procedure.transitions_from(state[0]):
            if t.after_decisions and state[1] not in t.after_decisions:
                continue
            following = (t.target, t.decision.outcome if t.decision else state[1])
            if following not in seen:
                seen.add(following)
                queue.append((following, [*path, t]))
    raise LookupError(f"{procedure.country}/{procedure.code}: no such route")


def route_to(procedure: Procedure, stage: str, decision: str = "") -> list[Transition]:
    """The shortest route to ``stage`` (holding ``decision`` when given)."""
    return _search(
        procedure, lambda state, _: state[0] == stage and (not decision or state[1] == decision)
    )


def route_to_status(procedure: Procedure, status: str) -> list[Transition]:
    """The shortest route that ends the case in a final stage by starting ``status``."""
    return _search(
        procedure,
        lambda state, path: (
            bool(path) and procedure.stage(state[0]).final and path[-1].status == status
        ),
    )
