"""What steps do to legal-status history, documents and deadlines; simultaneous steps."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.procedures.definition import Procedure, Transition
from qorgau.procedures.models import Case, CaseStep
from qorgau.procedures.registry import definitions
from qorgau.procedures.services import case_extend, case_open, case_pause, case_step
from qorgau.procedures.tests.factories import START, all_roles_user, step_input


def _procedure(code: str) -> Procedure:
    return definitions()[("KAZ", code)]


def _t(procedure: Procedure, code: str) -> Transition:
    return next(t for t in procedure.transitions if t.code == code)


def _take(case: Case, actor: User, procedure: Procedure, code: str, on: dt.date) -> CaseStep:
    case.refresh_from_db()
    return case_step(
        actor=actor, case=case, version=case.version, step=step_input(_t(procedure, code), on)
    )


def _statuses(person: Person) -> list[tuple[str, dt.date, dt.date | None]]:
    return [
        (p.status, p.effective_from, p.effective_to)
        for p in person.status_periods.order_by("effective_from")
    ]


def _asylum_case(actor: User, agency: Organisation, person: Person) -> Case:
    return case_open(
        actor=actor, organisation=agency, procedure="asylum", person=person, opened_on=START
    )


def test_recognition_starts_a_refugee_period_on_the_decision_date(
    actor: User, agency: Organisation, person: Person
) -> None:
    asylum = _procedure("asylum")
    case = _asylum_case(actor, agency, person)
    days = iter(dt.date(2025, 1, 10) + dt.timedelta(days=n) for n in range(1, 100))
    for code in ("register", "fingerprint", "interview", "recognise", "notify", "grant"):
        _take(case, actor, asylum, code, next(days))
    registered, granted = dt.date(2025, 1, 11), dt.date(2025, 1, 16)
    assert _statuses(person) == [("ASY", registered, granted), ("REF", granted, None)]
    certificates = person.documents.order_by("issued_on")
    assert [(d.type, d.issued_on, d.expires_on) for d in certificates] == [
        ("asylum_seeker_certificate", registered, dt.date(2025, 4, 11)),
        ("refugee_certificate", granted, dt.date(2026, 1, 16)),
    ]
    case.refresh_from_db()
    assert (case.stage, case.closed_on, case.decided_on) == (
        "recognised",
        granted,
        START + dt.timedelta(days=4),
    )


def test_a_rejection_upheld_ends_the_asylum_seeker_period(
    actor: User, agency: Organisation, person: Person
) -> None:
    asylum = _procedure("asylum")
    case = _asylum_case(actor, agency, person)
    for day, code in enumerate(
        ("register", "fingerprint", "interview", "reject", "notify", "uphold_rejection"), start=1
    ):
        _take(case, actor, asylum, code, START + dt.timedelta(days=day))
    assert [s for s, _, _ in _statuses(person)] == ["ASY", "DEP"]


def test_border_referral_then_asylum_keeps_one_asylum_seeker_period(
    actor: User, agency: Organisation, person: Person
) -> None:
    border = _procedure("border_referral")
    referral = case_open(
        actor=actor,
        organisation=agency,
        procedure="border_referral",
        person=person,
        opened_on=START,
    )
    _take(referral, actor, border, "refer", START)
    _take(referral, actor, border, "register", START + dt.timedelta(days=1))
    case = _asylum_case(actor, agency, person)
    _take(case, actor, _procedure("asylum"), "register", START + dt.timedelta(days=2))
    assert _statuses(person) == [("ASY", START + dt.timedelta(days=1), None)]


def test_a_status_change_dated_before_the_current_status_rolls_the_step_back(
    actor: User, agency: Organisation, person: Person, clerk: User
) -> None:
    from qorgau.people.services.status import status_period_record

    status_period_record(
        actor=clerk, organisation=agency, person=person, status="STA",
        effective_from=dt.date(2025, 6, 1),
    )  # fmt: skip
    case = _asylum_case(actor, agency, person)
    with pytest.raises(ValidationError):
        _take(case, actor, _procedure("asylum"), "register", dt.date(2025, 2, 1))
    case.refresh_from_db()
    assert (case.stage, case.steps.count(), person.documents.count()) == ("application", 1, 0)


def test_deadlines_follow_the_steps_extensions_and_pauses(
    actor: User, agency: Organisation, person: Person
) -> None:
    asylum = _procedure("asylum")
    case = _asylum_case(actor, agency, person)
    registered = dt.date(2025, 1, 31)
    _take(case, actor, asylum, "register", registered)
    case.refresh_from_db()
    assert (case.due_deadline, case.due_on) == ("fingerprint", dt.date(2025, 2, 3))
    _take(case, actor, asylum, "fingerprint", dt.date(2025, 2, 2))
    case.refresh_from_db()
    # 31 January + 3 months = 30 April (no 31 April).
    assert (case.due_deadline, case.due_on) == ("decide", dt.date(2025, 4, 30))
    case_extend(
        actor=actor, case=case, version=case.version, deadline="decide",
        until=dt.date(2025, 10, 31), occurred_on=dt.date(2025, 4, 1), reasons="Complex claim",
    )  # fmt: skip
    case.refresh_from_db()
    assert case.due_on == dt.date(2025, 10, 31)
    with pytest.raises(ValidationError) as caught:
        case_extend(
            actor=actor, case=case, version=case.version, deadline="decide",
            until=dt.date(2026, 2, 1), occurred_on=dt.date(2025, 4, 2), reasons="More",
        )  # fmt: skip
    assert caught.value.error_dict["until"][0].code == "extension_too_long"
    with pytest.raises(ValidationError) as caught:
        case_extend(
            actor=actor, case=case, version=case.version, deadline="fingerprint",
            until=dt.date(2025, 5, 1), occurred_on=dt.date(2025, 4, 2), reasons="More",
        )  # fmt: skip
    assert caught.value.error_dict["deadline"][0].code == "not_extendable"
    case_pause(
        actor=actor, case=case, version=case.version, occurred_on=dt.date(2025, 5, 1),
        reasons="Applicant in hospital", resume=False,
    )  # fmt: skip
    case.refresh_from_db()
    assert case.due_on is None
    case_pause(
        actor=actor, case=case, version=case.version, occurred_on=dt.date(2025, 5, 11),
        reasons="", resume=True,
    )  # fmt: skip
    case.refresh_from_db()
    assert (case.paused_days, case.due_on) == (10, dt.date(2025, 11, 10))


def test_a_deadline_that_no_step_ahead_can_meet_does_not_run(
    actor: User, agency: Organisation, person: Person
) -> None:
    """After a positive decision is notified, the appeal window is not a deadline of the case."""
    asylum = _procedure("asylum")
    case = _asylum_case(actor, agency, person)
    for day, code in enumerate(
        ("register", "fingerprint", "interview", "recognise", "notify"), start=1
    ):
        _take(case, actor, asylum, code, START + dt.timedelta(days=day))
    case.refresh_from_db()
    assert case.due_on is None


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_steps_on_one_case_cannot_both_succeed(
    agency: Organisation, make_person: Callable[..., Person], clerk: User
) -> None:
    actor = all_roles_user("all-roles", agency)
    person = make_person(clerk, agency)
    asylum = _procedure("asylum")
    case = _asylum_case(actor, agency, person)
    version = case.version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(code: str) -> None:
        try:
            barrier.wait()
            case_step(
                actor=actor,
                case=Case.objects.get(pk=case.pk),
                version=version,
                step=step_input(_t(asylum, code), START + dt.timedelta(days=1)),
            )
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.error_dict["version"][0].code)
        except OperationalError:
            # SQLite's shared in-memory test database refuses the second writer outright
            # ("table is locked") instead of making it wait: refused all the same.
            outcomes.append("locked")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(c,)) for c in ("register", "close")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = "stale_case" if connection.vendor == "postgresql" else {"stale_case", "locked"}
    assert outcomes.count("ok") == 1
    assert len(outcomes) == 2
    assert next(o for o in outcomes if o != "ok") in refused
    case.refresh_from_db()
    assert case.version == version + 1
    assert case.steps.count() == 2
