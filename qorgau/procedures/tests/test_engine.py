"""The engine on every transition of every Kazakhstan procedure: allowed, and refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Document, LegalStatusPeriod, Person
from qorgau.procedures import errors, labels
from qorgau.procedures.definition import Procedure, Transition
from qorgau.procedures.models import Case, CaseStep, StepKind
from qorgau.procedures.registry import definitions
from qorgau.procedures.routes import route_to
from qorgau.procedures.services import case_open, case_step
from qorgau.procedures.tests.factories import START, step_input, walk

KAZ = sorted(
    (procedure for (country, _), procedure in definitions().items() if country == "KAZ"),
    key=lambda p: p.code,
)
TRANSITIONS = [(p, t) for p in KAZ for t in p.transitions]
IDS = [f"{p.code}.{t.code}" for p, t in TRANSITIONS]


def _open(actor: User, agency: Organisation, person: Person, procedure: Procedure) -> Case:
    return case_open(
        actor=actor, organisation=agency, procedure=procedure.code, person=person, opened_on=START
    )


def _at_source(
    actor: User, agency: Organisation, person: Person, procedure: Procedure, t: Transition
) -> Case:
    """A case standing where ``t`` may be taken."""
    decision = t.after_decisions[0] if t.after_decisions else ""
    case = _open(actor, agency, person, procedure)
    return walk(case, actor, route_to(procedure, t.sources[0], decision))


def _snapshot(case: Case) -> tuple[Any, ...]:
    case.refresh_from_db()
    return (
        case.stage,
        case.version,
        case.events,
        case.decision,
        CaseStep.objects.filter(case=case).count(),
        LegalStatusPeriod.objects.count(),
        Document.objects.count(),
    )


@pytest.mark.parametrize(("procedure", "transition"), TRANSITIONS, ids=IDS)
def test_every_transition_is_taken_with_its_effects(
    actor: User, agency: Organisation, person: Person, procedure: Procedure, transition: Transition
) -> None:
    case = _at_source(actor, agency, person, procedure, transition)
    on = dt.date(2025, 3, 1)
    step = case_step(actor=actor, case=case, version=case.version, step=step_input(transition, on))
    case.refresh_from_db()
    assert case.stage == transition.target
    assert step.kind == StepKind.TRANSITION
    assert step.organisation == agency
    assert (step.from_stage, step.to_stage) == (transition.sources[0], transition.target)
    if transition.records:
        assert case.events[transition.records] == on.isoformat()
    if transition.decision:
        assert case.decision == transition.decision.outcome
        assert step.grounds == [transition.decision.grounds[0]]
    if transition.status:
        current = person.status_periods.get(effective_to__isnull=True)
        assert current.status == transition.status
        assert current.effective_from <= on
    issued = list(step.documents.all())
    assert sorted(d.type for d in issued) == sorted(transition.issues)
    for document in issued:
        assert document.issued_on == on
        assert (document.expires_on is not None) == (transition.validity is not None)
    assert (case.closed_on == on) == procedure.stage(transition.target).final


def _elsewhere(procedure: Procedure, transition: Transition) -> str | None:
    return next(
        (
            s.code
            for s in procedure.stages
            if not s.final and s.code not in transition.sources and _reachable(procedure, s.code)
        ),
        None,
    )


def _reachable(procedure: Procedure, stage: str) -> bool:
    try:
        route_to(procedure, stage)
    except LookupError:
        return False
    return True


@pytest.mark.parametrize(("procedure", "transition"), TRANSITIONS, ids=IDS)
def test_every_transition_is_refused_from_another_stage(
    actor: User, agency: Organisation, person: Person, procedure: Procedure, transition: Transition
) -> None:
    stage = _elsewhere(procedure, transition)
    if stage is None:
        pytest.skip("every stage is a source of this transition")
    case = walk(_open(actor, agency, person, procedure), actor, route_to(procedure, stage))
    before = _snapshot(case)
    with pytest.raises(ValidationError) as caught:
        case_step(
            actor=actor,
            case=case,
            version=case.version,
            step=step_input(transition, dt.date(2025, 3, 1)),
        )
    assert caught.value.error_dict["transition"][0].code in {
        "transition_not_from_stage",
        "decision_required",
    }
    assert _snapshot(case) == before


@pytest.mark.parametrize(("procedure", "transition"), TRANSITIONS, ids=IDS)
def test_every_transition_is_refused_to_other_roles(
    actor: User, agency: Organisation, person: Person, procedure: Procedure, transition: Transition
) -> None:
    others = [r for r in Role.values if r not in transition.roles and r != Role.STATISTICS_VIEWER]
    if not others:
        pytest.skip("every case-work role may take this transition")
    case = _at_source(actor, agency, person, procedure, transition)
    before = _snapshot(case)
    outsider = user_make("other-role", agency, others[0])
    with pytest.raises(PermissionDenied):
        case_step(
            actor=outsider,
            case=case,
            version=case.version,
            step=step_input(transition, dt.date(2025, 3, 1)),
        )
    assert _snapshot(case) == before


WITH_FIELDS = [(p, t) for p, t in TRANSITIONS if t.fields]


@pytest.mark.parametrize(
    ("procedure", "transition"), WITH_FIELDS, ids=[f"{p.code}.{t.code}" for p, t in WITH_FIELDS]
)
def test_a_missing_required_field_is_named(
    actor: User, agency: Organisation, person: Person, procedure: Procedure, transition: Transition
) -> None:
    case = _at_source(actor, agency, person, procedure, transition)
    before = _snapshot(case)
    on = dt.date(2025, 3, 1)
    fields = dict(step_input(transition, on).fields)
    missing = transition.fields[-1]
    fields[missing] = "  "
    with pytest.raises(ValidationError) as caught:
        case_step(
            actor=actor,
            case=case,
            version=case.version,
            step=step_input(transition, on, fields=fields),
        )
    # Keyed by the field's code (for API clients), named by its label (for people).
    assert caught.value.error_dict[missing][0].code == "required"
    assert labels.field_label(missing) in caught.value.messages[0]
    assert _snapshot(case) == before


DECISIONS = [(p, t) for p, t in TRANSITIONS if t.decision]


@pytest.mark.parametrize(
    ("procedure", "transition"), DECISIONS, ids=[f"{p.code}.{t.code}" for p, t in DECISIONS]
)
def test_a_decision_needs_grounds_from_its_list_and_reasons(
    actor: User, agency: Organisation, person: Person, procedure: Procedure, transition: Transition
) -> None:
    case = _at_source(actor, agency, person, procedure, transition)
    before = _snapshot(case)
    on = dt.date(2025, 3, 1)
    for overrides, key, code in [
        ({"grounds": ()}, "grounds", "grounds_required"),
        ({"grounds": ("made_up_ground",)}, "grounds", "ground_unknown"),
        ({"reasons": " "}, "reasons", "reasons_required"),
    ]:
        with pytest.raises(ValidationError) as caught:
            case_step(
                actor=actor,
                case=case,
                version=case.version,
                step=step_input(transition, on, **overrides),
            )
        assert caught.value.error_dict[key][0].code == code
    assert _snapshot(case) == before


def _asylum() -> Procedure:
    return definitions()[("KAZ", "asylum")]


def _transition(procedure: Procedure, code: str) -> Transition:
    return next(t for t in procedure.transitions if t.code == code)


@pytest.mark.parametrize(
    ("on", "code"),
    [
        (START - dt.timedelta(days=1), "date_before_case"),
        (dt.date.today() + dt.timedelta(days=1), "date_in_future"),
    ],
)
def test_a_step_dated_before_the_case_or_in_the_future_is_refused(
    actor: User, agency: Organisation, person: Person, on: dt.date, code: str
) -> None:
    case = _open(actor, agency, person, _asylum())
    before = _snapshot(case)
    register = _transition(_asylum(), "register")
    step = step_input(
        register,
        on,
        fields={"arrival_date": on.isoformat(), "application_date": on.isoformat()},
    )
    with pytest.raises(ValidationError) as caught:
        case_step(actor=actor, case=case, version=case.version, step=step)
    assert caught.value.error_dict["occurred_on"][0].code == code
    assert _snapshot(case) == before


def test_a_step_dated_before_the_last_step_is_refused(
    actor: User, agency: Organisation, person: Person
) -> None:
    procedure = _asylum()
    case = walk(_open(actor, agency, person, procedure), actor, route_to(procedure, "interviewed"))
    before = _snapshot(case)
    with pytest.raises(ValidationError) as caught:
        case_step(
            actor=actor,
            case=case,
            version=case.version,
            step=step_input(_transition(procedure, "recognise"), START),
        )
    assert caught.value.error_dict["occurred_on"][0].code == "date_before_last_step"
    assert _snapshot(case) == before


def test_an_unknown_transition_and_a_closed_case_are_refused(
    actor: User, agency: Organisation, person: Person
) -> None:
    procedure = _asylum()
    case = _open(actor, agency, person, procedure)
    with pytest.raises(ValidationError) as caught:
        case_step(
            actor=actor,
            case=case,
            version=case.version,
            step=dataclasses.replace(
                step_input(_transition(procedure, "close"), START), transition="vanish"
            ),
        )
    assert caught.value.error_dict["transition"][0].code == "transition_unknown"
    walk(case, actor, [_transition(procedure, "close")])
    case.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        case_step(
            actor=actor,
            case=case,
            version=case.version,
            step=step_input(_transition(procedure, "register"), dt.date(2025, 2, 1)),
        )
    assert caught.value.error_dict["transition"][0].code == "case_closed"


def test_a_step_based_on_an_older_version_is_refused(
    actor: User, agency: Organisation, person: Person
) -> None:
    procedure = _asylum()
    case = _open(actor, agency, person, procedure)
    seen = case.version
    register = _transition(procedure, "register")
    case_step(actor=actor, case=case, version=seen, step=step_input(register, START))
    before = _snapshot(case)
    with pytest.raises(ValidationError) as caught:
        case_step(
            actor=actor,
            case=case,
            version=seen,
            step=step_input(_transition(procedure, "close"), START),
        )
    assert caught.value.error_dict["version"][0].message == errors.STALE_CASE
    assert _snapshot(case) == before


def test_a_required_document_must_be_held_and_valid(
    actor: User,
    agency: Organisation,
    person: Person,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    procedure = _asylum()
    register = _transition(procedure, "register")
    needing = dataclasses.replace(register, documents=("passport",))
    changed = dataclasses.replace(
        procedure,
        transitions=tuple(needing if t is register else t for t in procedure.transitions),
    )
    monkeypatch.setattr("qorgau.procedures.services.procedure_for", lambda *_: changed)
    case = _open(actor, agency, person, procedure)
    with pytest.raises(ValidationError) as caught:
        case_step(actor=actor, case=case, version=case.version, step=step_input(needing, START))
    assert caught.value.error_dict["document_passport"][0].code == "document_required"
    Document.objects.create(person=person, type="passport", number="P1", number_hash="h")
    case_step(actor=actor, case=case, version=case.version, step=step_input(needing, START))
    case.refresh_from_db()
    assert case.stage == "registered"


def test_a_document_number_is_required_for_what_a_step_issues(
    actor: User, agency: Organisation, person: Person
) -> None:
    procedure = _asylum()
    case = _open(actor, agency, person, procedure)
    register = _transition(procedure, "register")
    with pytest.raises(ValidationError) as caught:
        case_step(
            actor=actor,
            case=case,
            version=case.version,
            step=step_input(register, START, documents={}),
        )
    key = "document_asylum_seeker_certificate"
    assert caught.value.error_dict[key][0].code == "document_number_required"
