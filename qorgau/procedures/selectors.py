"""Reads of cases: work lists, one case's page, and the managers' pipeline figures."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from qorgau.errors import Invalid
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import person_held
from qorgau.people.fields import listed_person_columns
from qorgau.people.models import Person
from qorgau.procedures import errors
from qorgau.procedures.access import acting_roles, visible_cases
from qorgau.procedures.deadlines import DeadlineState
from qorgau.procedures.definition import Deadline, Procedure, Transition
from qorgau.procedures.labels import deadline_explanation
from qorgau.procedures.models import Case, CaseAccess, CaseStep
from qorgau.procedures.registry import procedures_for
from qorgau.procedures.state import allowed_transitions, case_deadlines, case_procedure
from qorgau.statistics.access import daily_figures
from qorgau.statistics.disclosure import (
    is_reference_date,
    reference_date_after,
    reference_date_on_or_before,
    reference_months_from_settings,
)

DUE_FILTERS = ("overdue", "week")
# What a work list of cases shows of each, joined for the rows of one page only (see
# ``web.pagination.LateRowsPaginator``): not a case's timeline nor the person's 31 fields.
CASE_LIST_RELATED = ("person", "household", "organisation", "country")
CASE_LIST_COLUMNS = (
    *(
        field.name
        for field in Case._meta.concrete_fields
        if field.name not in ("events", "extensions")
    ),
    *(f"organisation__{field.name}" for field in Organisation._meta.concrete_fields),
    *listed_person_columns("person"),
    "household__registration_number",
    "country__iso3",
)
# A work list is counted no further than this many cases past its page.
COUNT_CAP = 1000


def case_list(
    user: User | AnonymousUser,
    *,
    today: dt.date,
    mine: bool = False,
    procedure: str = "",
    stage: str = "",
    due: str = "",
    open_only: bool = True,
) -> QuerySet[Case]:
    """Cases the user may see, filtered for a work list: assigned to the user, by procedure
    and stage, overdue (a deadline passed) or due within seven days."""
    cases = visible_cases(user).select_related(*CASE_LIST_RELATED)
    if open_only:
        cases = cases.filter(closed_on__isnull=True)
    if mine:
        cases = cases.filter(assigned_to_id=user.pk)
    if procedure:
        cases = cases.filter(procedure=procedure)
    if stage:
        cases = cases.filter(stage=stage)
    if due == "overdue":
        cases = cases.filter(due_on__lt=today)
    elif due == "week":
        cases = cases.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=7))
    return cases.order_by("due_on", "-opened_on", "pk")


@dataclass(frozen=True)
class DeadlineView:
    deadline: Deadline
    state: DeadlineState
    overdue: bool
    days_left: int | None
    running: bool
    explanation: str  # in the active language, for people


def _unverified(deadline: Deadline, procedure: Procedure) -> bool:
    setting = deadline.period.setting
    return setting is not None and procedure.settings[setting].unverified


@dataclass(frozen=True)
class CasePage:
    case: Case
    procedure: Procedure
    steps: list[CaseStep]
    deadlines: list[DeadlineView]
    next_steps: list[Transition]
    other_steps: list[Transition]


def case_page(case: Case, user: User, today: dt.date) -> CasePage:
    """Everything a case page shows: its timeline, deadlines with how they were computed, and
    the next steps (those the user's roles allow first, then the others allowed now)."""
    procedure = case_procedure(case)
    steps = list(
        case.steps.select_related("actor", "organisation", "status_period").prefetch_related(
            "documents"
        )
    )
    by_code = {d.code: d for d in procedure.deadlines}
    deadlines = [
        DeadlineView(
            deadline=by_code[state.code],
            state=state,
            overdue=state.overdue(today) and case.due_deadline == state.code,
            days_left=state.days_left(today),
            running=case.due_deadline == state.code,
            explanation=deadline_explanation(
                state, unverified=_unverified(by_code[state.code], procedure)
            ),
        )
        for state in case_deadlines(case, procedure, today)
    ]
    roles = set().union(*acting_roles(user, case).values())
    allowed = allowed_transitions(case, procedure)
    mine = [t for t in allowed if roles & set(t.roles)]
    return CasePage(
        case=case,
        procedure=procedure,
        steps=steps,
        deadlines=deadlines,
        next_steps=mine,
        other_steps=[t for t in allowed if t not in mine],
    )


@dataclass(frozen=True)
class PipelineRow:
    """One procedure's figures for a period: cases opened and decided in it, the open cases by
    stage at its end, the median days from application to first decision, and the share of
    decisions taken within the legal time limit (the deadline the decision meets)."""

    procedure: Procedure
    opened: int
    decided: int
    open_by_stage: list[tuple[str, int]]
    median_days: float | None
    within_limit: float | None
    limit_known: int


def _statistics_cases(user: User | AnonymousUser) -> QuerySet[Case]:
    scope = user_scope(user, Perm.STATISTICS_VIEW)
    if scope.is_empty:
        return Case.objects.none()
    return Case.objects.filter(
        Q(organisation_id__in=scope.organisation_ids) | Q(country_id__in=scope.agency_country_ids)
    )


def _decision_deadline(procedure: Procedure) -> Deadline | None:
    decision_events = {t.records for t in procedure.transitions if t.decision and t.records}
    return next((d for d in procedure.deadlines if d.met_by in decision_events), None)


def _decision_times(decided: list[Case], procedure: Procedure) -> tuple[list[int], int, int]:
    """Days from application (or registration, or opening) to the first decision, and how many
    decisions met the decision deadline, of how many had one."""
    deadline = _decision_deadline(procedure)
    durations, within, known = [], 0, 0
    for case in decided:
        decided_on = case.decided_on or case.opened_on
        started = case.events.get("application") or case.events.get("registration")
        start = dt.date.fromisoformat(started) if started else case.opened_on
        durations.append((decided_on - start).days)
        if deadline is None:
            continue
        states = case_deadlines(case, procedure, decided_on)
        due = next(state.due for state in states if state.code == deadline.code)
        if due is not None:
            known += 1
            within += decided_on <= due
    return durations, within, known


DAY = dt.timedelta(days=1)


def pipeline_period_default(user: User | AnonymousUser, country: str) -> tuple[dt.date, dt.date]:
    """The period the pipeline page opens with: this year up to today for those who may ask
    for any day; for everyone else the year up to the last period end (ADR 0036)."""
    today = timezone.localdate()
    if daily_figures(user, country):
        return dt.date(today.year, 1, 1), today
    end = reference_date_on_or_before(today, reference_months_from_settings()) - DAY
    return dt.date(end.year, 1, 1), end


def pipeline_period_check(
    user: User | AnonymousUser, *, country: str, date_from: dt.date, date_to: dt.date
) -> None:
    """ADR 0036 for the pipeline: a reader outside the agency office's managers of
    ``country`` gets figures only for periods from a reference date to the day before one, so
    that two periods a day apart (whose difference could be one person's case) cannot be
    asked for. ``Invalid`` on the field, naming the nearest dates allowed."""
    if daily_figures(user, country):
        return
    months = reference_months_from_settings()
    if not is_reference_date(date_from, months):
        before = reference_date_on_or_before(date_from, months)
        after = reference_date_after(date_from, months)
        raise Invalid(
            errors.PERIOD_START_NOT_REFERENCE,
            code="not_a_reference_date",
            field="date_from",
            params={"date": date_from, "before": before, "after": after},
        )
    if not is_reference_date(date_to + DAY, months):
        before = reference_date_on_or_before(date_to, months) - DAY
        after = reference_date_after(date_to, months) - DAY
        raise Invalid(
            errors.PERIOD_END_NOT_REFERENCE,
            code="not_a_period_end",
            field="date_to",
            params={"date": date_to, "before": before, "after": after},
        )


def pipeline(
    user: User | AnonymousUser, *, country: str, date_from: dt.date, date_to: dt.date
) -> list[PipelineRow]:
    """Per-procedure figures for cases of the organisations where the user may see statistics
    (the agency office: its whole country). Aggregates only; no case is named. A period that
    ADR 0036 does not allow the user is refused (``pipeline_period_check``)."""
    pipeline_period_check(user, country=country, date_from=date_from, date_to=date_to)
    cases = _statistics_cases(user).filter(country__iso3=country)
    rows = []
    for procedure in procedures_for(country):
        mine = cases.filter(procedure=procedure.code)
        opened = mine.filter(opened_on__gte=date_from, opened_on__lte=date_to).count()
        decided = list(
            mine.filter(decided_on__gte=date_from, decided_on__lte=date_to).select_related(
                "country"
            )
        )
        still_open = (
            mine.filter(opened_on__lte=date_to)
            .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=date_to))
            .values_list("stage", flat=True)
        )
        counts = Counter(still_open)
        durations, within, known = _decision_times(decided, procedure)
        stages = [(stage.code, counts[stage.code]) for stage in procedure.stages]
        rows.append(
            PipelineRow(
                procedure=procedure,
                opened=opened,
                decided=len(decided),
                open_by_stage=[(code, count) for code, count in stages if count],
                median_days=statistics.median(durations) if durations else None,
                within_limit=within / known if known else None,
                limit_known=known,
            )
        )
    return rows


def case_rows(cases: Iterable[Case], language: str, today: dt.date) -> list[dict[str, Any]]:
    """Cases with their procedure's and stage's titles in ``language``, for lists."""
    rows = []
    for case in cases:
        procedure = case_procedure(case)
        rows.append(
            {
                "case": case,
                "procedure": procedure.title.get(language),
                "stage": procedure.stage(case.stage).title.get(language),
                "overdue": case.due_on is not None and case.due_on < today,
            }
        )
    return rows


def case_assignees(case: Case) -> QuerySet[User]:
    """The active users of the organisations acting on the case: the responsible one and those
    given access to work on it."""
    working = CaseAccess.objects.filter(case=case, can_act=True, revoked_at__isnull=True)
    organisations = [case.organisation_id, *working.values_list("organisation_id", flat=True)]
    return (
        User.objects.filter(is_active=True, memberships__organisation_id__in=organisations)
        .distinct()
        .order_by("username")
    )


def person_cases(user: User | AnonymousUser, person: Person, language: str) -> list[dict[str, Any]]:
    """The person's cases the user may see, for the person page's ``cases`` section (registered
    in ``ProceduresConfig.ready``). No read is logged here: the person page logs the cases it
    lists (``person_cases_shown``), each case page its own read."""
    # Where the user's organisations hold the person's record, every case on it is theirs to
    # see (``visible_cases``' first condition): asked of the record, not of each case.
    held = person_held(user, person)
    cases = (Case.objects.all() if held else visible_cases(user)).filter(person=person)
    return case_rows(cases.select_related("country"), language, timezone.localdate())


def person_cases_shown(rows: list[dict[str, Any]]) -> list[tuple[str, str, UUID]]:
    """The cases the person page's ``cases`` section lists, for its access log."""
    return [("list", "case", row["case"].public_id) for row in rows]
