"""Demo procedure histories: consistent with the definitions and with the status history."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from qorgau.people.models import Person
from qorgau.population.cases import demo_cases_seed
from qorgau.population.organisations import demo_users_seed, organisations_seed
from qorgau.procedures.models import Case, StepKind
from qorgau.procedures.registry import procedure_for


@pytest.fixture(scope="module")
def tajikistan(django_db_setup: None, django_db_blocker: Any) -> Iterator[int]:
    """Tajikistan's population and demo cases, once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        demo_users_seed(organisations_seed())
        call_command("generate", country=["TJK"], seed=7)
        with _few_parameters_per_statement():
            added = demo_cases_seed("TJK", seed=7)
        yield added
        transaction.set_rollback(True)


@contextmanager
def _few_parameters_per_statement() -> Iterator[None]:
    """On SQLite, no more parameters in one statement than Django's own batches use (999), fewer
    than the country's people: at a million people the cases asked for the people with a status
    history by their ids, more than SQLite takes (``too many SQL variables``)."""
    if connection.vendor != "sqlite":
        yield
        return
    raw = connection.connection
    allowed = raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    try:
        yield
    finally:
        raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, allowed)


@pytest.fixture
def added(tajikistan: int, db: None) -> int:
    return tajikistan


def test_it_adds_cases_once(added: int) -> None:
    assert added == Case.objects.count() > 0
    # More people than the parameters a statement took while they were added.
    assert Person.objects.filter(country_office__iso3="TJK").count() > 999
    assert demo_cases_seed("TJK", seed=7) == 0


def test_every_history_follows_its_definition_and_the_status_history(added: int) -> None:
    today = timezone.localdate()
    for case in Case.objects.select_related("country").prefetch_related("steps__status_period"):
        procedure = procedure_for("TJK", case.procedure)
        stage, decision, last = procedure.initial.code, "", case.opened_on
        for step in case.steps.all():
            assert last <= step.occurred_on <= today
            last = step.occurred_on
            if step.kind == StepKind.OPENED:
                continue
            transition = next(t for t in procedure.transitions if t.code == step.transition)
            assert stage in transition.sources
            assert not transition.after_decisions or decision in transition.after_decisions
            if transition.decision:
                decision = transition.decision.outcome
                assert set(step.grounds) <= set(transition.decision.grounds)
            if step.status_period is not None:
                assert step.status_period.person_id == case.person_id
                assert step.status_period.status == transition.status
                assert step.status_period.effective_from == step.occurred_on
            stage = transition.target
        assert (case.stage, case.decision) == (stage, decision)
        assert (case.closed_on is not None) == procedure.stage(stage).final


def test_open_and_closed_cases_stand_at_many_stages_and_some_are_overdue(added: int) -> None:
    today = timezone.localdate()
    open_stages = set(Case.objects.filter(closed_on__isnull=True).values_list("stage", flat=True))
    closed = Case.objects.filter(closed_on__isnull=False)
    assert len(open_stages) >= 4
    assert closed.exists()
    assert Case.objects.filter(closed_on__isnull=True, due_on__lt=today).exists()
