"""The one audit write path (docs/adr/0020-one-audit-write-path.md): every kind of write keeps a
history row carrying who made it and, where the service knows, why; and no code but
``audit/history.py`` writes simple-history's private attributes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import models
from django.utils import timezone

from qorgau.audit.history import REASON_MAX, history_stamp
from qorgau.identity.models import Candidate, Verdict
from qorgau.identity.services import ScoredPair, candidates_store, decision_undo, pair_decide
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Document, DocumentType, Household, Person, Relationship
from qorgau.people.services.documents import document_add, document_update
from qorgau.people.services.households import household_create, household_member_remove
from qorgau.people.services.persons import person_input_from, person_update
from qorgau.people.services.shares import share_revoke
from qorgau.people.services.status import status_period_correct, status_period_record
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.procedures.models import Case
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.services import (
    case_access_grant,
    case_access_revoke,
    case_assign,
    case_open,
    case_pause,
    case_step,
)
from qorgau.procedures.tests.factories import START, all_roles_user, step_input

ROOT = Path(__file__).resolve().parents[2]


def _newest(record: models.Model) -> Any:
    """The newest history row of ``record``."""
    return record.history.order_by("-history_id").first()  # type: ignore[attr-defined]


def _stamped(record: models.Model, actor: User, reason: str | None) -> None:
    row = _newest(record)
    assert row.history_user == actor
    assert row.history_change_reason == reason


@pytest.fixture
def person(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> Person:
    return make_person(clerk, agency)


def test_it_stamps_registry_writes(
    clerk: User, agency: Organisation, person: Person, make_person: Callable[..., Person]
) -> None:
    _stamped(person, clerk, None)  # created: the kind of row says why

    person = person_update(
        actor=clerk,
        person=person,
        expected_version=person.version,
        data=dataclasses.replace(person_input_from(person), given_name="Ерлан-Бек"),
    )
    _stamped(person, clerk, None)

    document = document_add(
        actor=clerk, person=person, type=DocumentType.PASSPORT, number="N 0000001"
    )
    _stamped(document, clerk, None)
    document_update(actor=clerk, document=document, issuer="Synthetic issuer")
    _stamped(Document.objects.get(pk=document.pk), clerk, None)

    first = status_period_record(
        actor=clerk, organisation=agency, person=person, status="ASY",
        effective_from=dt.date(2024, 1, 1),
    )  # fmt: skip
    _stamped(first, clerk, None)
    status_period_record(
        actor=clerk, organisation=agency, person=person, status="REF",
        effective_from=dt.date(2024, 6, 1),
    )  # fmt: skip
    first.refresh_from_db()
    _stamped(first, clerk, "ended by a later status")
    corrected = status_period_correct(
        actor=clerk, period=first, deciding_authority=agency, basis="Decision 1"
    )
    _stamped(corrected, clerk, "corrected")


def test_it_stamps_household_writes(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    principal = make_person(clerk, agency, given_name="Айгүл")
    child = make_person(clerk, agency, given_name="Дәурен")
    household = household_create(
        actor=clerk,
        organisation=agency,
        members=[(principal, Relationship.PRINCIPAL), (child, Relationship.SON)],
    )
    child.refresh_from_db()
    _stamped(child, clerk, "joined household")

    household_member_remove(actor=clerk, person=child)

    child.refresh_from_db()
    _stamped(child, clerk, "left household")
    _stamped(Household.objects.get(pk=household.pk), clerk, "membership changed")


def test_it_stamps_a_share_and_its_revocation(
    agency: Organisation, ngo_a_org: Organisation, person: Person
) -> None:
    admin = all_roles_user("all-roles", agency)
    share = share_grant_agreed(
        actor=admin,
        recipient=ngo_a_org,
        person=person,
        agreement="DTA 2024/07",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
    )
    _stamped(share, admin, "share granted")

    share_revoke(actor=admin, share=share)

    _stamped(share, admin, "share revoked")


def test_it_stamps_case_writes_with_the_step(
    agency: Organisation, ngo_a_org: Organisation, person: Person
) -> None:
    actor = all_roles_user("all-roles", agency)
    case = case_open(
        actor=actor, organisation=agency, procedure="asylum", person=person, opened_on=START
    )
    _stamped(case, actor, None)
    procedure = procedure_for("KAZ", "asylum")
    transition = next(
        t for t in procedure.transitions if case.stage in t.sources and not t.after_decisions
    )

    case_step(
        actor=actor,
        case=case,
        version=case.version,
        step=step_input(transition, START + dt.timedelta(days=1)),
    )
    _stamped(case, actor, f"case step: {transition.code}")

    case.refresh_from_db()
    case_pause(
        actor=actor, case=case, version=case.version, occurred_on=START + dt.timedelta(days=2),
        reasons="Applicant in hospital.", resume=False,
    )  # fmt: skip
    _stamped(case, actor, "case paused")

    case = Case.objects.get(pk=case.pk)
    case_assign(actor=actor, case=case, version=case.version, assignee=actor)
    _stamped(case, actor, "case assigned")

    access = case_access_grant(
        actor=actor, case=case, organisation=ngo_a_org, can_act=False, purpose="Follow"
    )
    _stamped(access, actor, "case access granted")
    case_access_revoke(actor=actor, access=access)
    _stamped(access, actor, "case access revoked")


def test_it_stamps_a_merge_and_its_undoing(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    kept = make_person(clerk, agency, given_name="Ерлан")
    duplicate = make_person(clerk, agency, given_name="Erlan")
    candidates_store([ScoredPair(kept.pk, duplicate.pk, 0.97, [])])
    candidate = Candidate.objects.get()

    decision = pair_decide(actor=clerk, candidate=candidate, verdict=Verdict.SAME, kept=kept)

    _stamped(decision, clerk, "pair decided: same")
    _stamped(duplicate, clerk, "merged")

    decision_undo(actor=clerk, decision=decision)

    _stamped(decision, clerk, "decision undone")
    _stamped(duplicate, clerk, "merge undone")


def test_a_reason_does_not_carry_over_to_the_next_save(clerk: User, person: Person) -> None:
    history_stamp(person, actor=clerk, reason="merged")
    person.save()
    history_stamp(person, actor=clerk)
    person.save()

    _stamped(person, clerk, None)


def test_a_long_reason_is_cut_to_the_column(clerk: User, person: Person) -> None:
    history_stamp(person, actor=clerk, reason="x" * 300)
    person.save()

    assert _newest(person).history_change_reason == "x" * REASON_MAX


# simple-history's private attributes, written anywhere but the helper.
PRIVATE = re.compile(r"\._history_user\b|\._change_reason\b|\b_history_user\s*=")


def test_only_the_helper_sets_the_history_user() -> None:
    helper = ROOT / "audit" / "history.py"
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in ROOT.rglob("*.py")
        if path not in (helper, Path(__file__).resolve()) and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PRIVATE.search(line)
    ]

    assert found == [], "use qorgau.audit.history.history_stamp: " + ", ".join(found)
