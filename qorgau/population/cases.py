"""Procedure histories for the demo population, consistent with its legal-status history.

Each case is cut from a person's status periods: an asylum case registers on the day the
asylum-seeker period starts and is granted on the day the refugee period starts (or rejected on
the day of departure); a statelessness case ends on the day the stateless period starts; and so
on. Steps between those anchors are spread in between, steps before the first anchor a few weeks
apart. Cases whose status period is still open stop at a stage part-way, so the work lists hold
open cases at every stage, many of them overdue. Demo tooling: rows are written in bulk, not
through the engine, because the status history they explain already exists.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.people.models import Document, LegalStatusPeriod, Person
from qorgau.procedures.definition import Procedure, Transition
from qorgau.procedures.models import Case, CaseStep, StepKind
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.routes import route_to, route_to_status
from qorgau.procedures.state import case_next_due
from qorgau.reference.models import Country

# How many cases of each procedure the demo holds per country, at most.
SAMPLE = {
    "asylum": 400,
    "statelessness": 250,
    "nationality_confirmation": 300,
    "naturalisation": 150,
    "border_referral": 40,
}
ROLE_PREFERENCE = (
    Role.PROTECTION_OFFICER,
    Role.PARTNER_CASEWORKER,
    Role.GOVERNMENT_LIAISON,
    Role.REGISTRATION_CLERK,
    Role.ADMINISTRATOR,
)
TEXT_FIELDS = {
    "border_crossing_point": ("Khorgos", "Zhibek Zholy", "Kairak", "Atameken", "Kazygurt"),
    "enquiry_state": ("UZB", "KGZ", "TJK", "RUS", "AFG"),
    "interpreter_language": ("prs", "pus", "rus", "uzb", "ukr"),
    "interviewer": ("Interviewer 1", "Interviewer 2", "Interviewer 3"),
    "registering_authority": ("Department of Employment and Social Programmes",),
    "request_addressee": ("Consulate of Uzbekistan", "Civil registry office", "Archive"),
    "place_of_birth": ("Almaty", "Shymkent", "Turkistan region"),
}


@dataclass(frozen=True)
class Plan:
    """One demo case: a person, the route it takes, and the dates anchored to statuses."""

    person: Person
    route: list[Transition]
    anchors: dict[str, LegalStatusPeriod]


def _periods(country: Country) -> dict[int, list[LegalStatusPeriod]]:
    periods: dict[int, list[LegalStatusPeriod]] = defaultdict(list)
    rows = LegalStatusPeriod.objects.filter(person__country_office=country).order_by(
        "person_id", "effective_from"
    )
    for period in rows.only("id", "person_id", "status", "effective_from", "effective_to"):
        periods[period.person_id].append(period)
    return periods


def _following(history: list[LegalStatusPeriod], index: int) -> LegalStatusPeriod | None:
    return history[index + 1] if index + 1 < len(history) else None


def _open_route(procedure: Procedure, status: str, rng: random.Random) -> list[Transition]:
    """A route to a random stage part-way, through the transition that starts ``status``."""
    routes = []
    for stage in procedure.stages:
        if stage.final:
            continue
        try:
            route = route_to(procedure, stage.code)
        except LookupError:
            continue
        if any(t.status == status for t in route):
            routes.append(route)
    return rng.choice(routes) if routes else []


def _plans(
    procedure: Procedure,
    periods: dict[int, list[LegalStatusPeriod]],
    persons: dict[int, Person],
    rng: random.Random,
) -> list[Plan]:
    """Which people get a case of ``procedure``, along which route, anchored where."""
    starts = {
        "asylum": "ASY",
        "border_referral": "ASY",
        "statelessness": "STA",
        "nationality_confirmation": "UND",
        "naturalisation": "NAT",
    }
    wanted = starts[procedure.code]
    plans = []
    for person_id, history in periods.items():
        for index, period in enumerate(history):
            if period.status != wanted:
                continue
            plan = _plan(procedure, persons[person_id], period, _following(history, index), rng)
            if plan is not None:
                plans.append(plan)
            break
    rng.shuffle(plans)
    return plans[: SAMPLE[procedure.code]]


def _plan(
    procedure: Procedure,
    person: Person,
    period: LegalStatusPeriod,
    after: LegalStatusPeriod | None,
    rng: random.Random,
) -> Plan | None:
    code = procedure.code
    try:
        if code in ("statelessness", "naturalisation"):
            # The procedure ends by starting this period.
            return Plan(person, route_to_status(procedure, period.status), {period.status: period})
        if code == "border_referral":
            return Plan(person, route_to_status(procedure, "ASY"), {"ASY": period})
        if after is None:
            return Plan(person, _open_route(procedure, period.status, rng), {period.status: period})
        route = route_to_status(procedure, after.status)
        return Plan(person, route, {period.status: period, after.status: after})
    except LookupError:
        return None


def _dates(
    route: list[Transition], anchors: dict[str, LegalStatusPeriod], rng: random.Random
) -> list[dt.date]:
    """One date per step: anchored steps on their status's first day, the others in between,
    before the first anchor some weeks apart, after the last one up to today."""
    today = timezone.localdate()
    fixed = {
        i: anchors[t.status].effective_from for i, t in enumerate(route) if t.status in anchors
    }
    if not fixed:
        return []
    dates: list[dt.date | None] = [fixed.get(i) for i in range(len(route))]
    first, last = min(fixed), max(fixed)
    for i in range(first - 1, -1, -1):
        dates[i] = fixed[first] - dt.timedelta(days=rng.randint(7, 40) * (first - i))
    for i in range(last + 1, len(route)):
        previous = dates[i - 1] or fixed[last]
        dates[i] = min(previous + dt.timedelta(days=rng.randint(10, 75)), today)
    for i in range(first, last + 1):
        if dates[i] is None:
            left = max(k for k in fixed if k < i)
            right = min(k for k in fixed if k > i)
            span = (fixed[right] - fixed[left]).days
            dates[i] = fixed[left] + dt.timedelta(days=span * (i - left) // (right - left))
    result = [d for d in dates if d is not None]
    return sorted(result) if len(result) == len(route) else []


def _fields(transition: Transition, on: dt.date, rng: random.Random) -> dict[str, str]:
    values = {}
    for name in transition.fields:
        if name.endswith("_date"):
            values[name] = (on - dt.timedelta(days=3 if name == "arrival_date" else 0)).isoformat()
        else:
            values[name] = rng.choice(TEXT_FIELDS.get(name, ("—",)))
    return values


def _actors(organisations: Iterable[Organisation]) -> dict[int, int]:
    """A demo user of each organisation to sign its steps, by the role that fits casework."""
    chosen: dict[int, int] = {}
    memberships = Membership.objects.filter(
        organisation__in=list(organisations), role__in=ROLE_PREFERENCE
    )
    ranked = sorted(memberships, key=lambda m: ROLE_PREFERENCE.index(Role(m.role)))
    for membership in ranked:
        chosen.setdefault(membership.organisation_id, membership.user_id)
    return chosen


@transaction.atomic
def demo_cases_seed(country_code: str, seed: int) -> int:
    """Add the demo cases of a country once; return how many were added."""
    country = Country.objects.get(iso3=country_code)
    if Case.objects.filter(country=country).exists():
        return 0
    rng = random.Random(f"{seed}:{country_code}:cases")  # noqa: S311 (synthetic demo data)
    periods = _periods(country)
    # The country's people, not ``pk__in=periods``: at a million people that list is longer than
    # SQLite takes as parameters of one statement.
    people = Person.objects.filter(country_office=country).select_related("registered_by")
    persons = {p.pk: p for p in people.iterator(chunk_size=5000) if p.pk in periods}
    actors = _actors({p.registered_by for p in persons.values()})
    cases: list[Case] = []
    steps: list[list[CaseStep]] = []
    used: dict[str, Procedure] = {}
    for code in SAMPLE:
        try:
            procedure = used[code] = procedure_for(country_code, code)
        except KeyError:
            continue
        for plan in _plans(procedure, periods, persons, rng):
            built = _build(procedure, plan, country, actors, rng)
            if built is not None:
                cases.append(built[0])
                steps.append(built[1])
    if not cases:
        return 0
    fallback = User.objects.filter(pk__in=actors.values()).first()
    bulk_create_with_history(cases, Case, default_user=fallback)
    stored = dict(Case.objects.filter(country=country).values_list("public_id", "pk"))
    rows = []
    for case, case_steps in zip(cases, steps, strict=True):
        for step in case_steps:
            step.case_id = stored[case.public_id]
            rows.append(step)
    CaseStep.objects.bulk_create(rows, batch_size=2000)
    _link_documents(cases, steps, used)
    return len(cases)


def _build(
    procedure: Procedure,
    plan: Plan,
    country: Country,
    actors: dict[int, int],
    rng: random.Random,
) -> tuple[Case, list[CaseStep]] | None:
    dates = _dates(plan.route, plan.anchors, rng)
    actor = actors.get(plan.person.registered_by_id)
    if not dates or actor is None:
        return None
    opened = dates[0] - dt.timedelta(days=rng.randint(0, 3))
    case = Case(
        country=country,
        procedure=procedure.code,
        person=plan.person,
        organisation_id=plan.person.registered_by_id,
        stage=procedure.initial.code,
        opened_on=opened,
        version=1,
    )
    organisation = plan.person.registered_by_id
    steps = [
        CaseStep(
            kind=StepKind.OPENED,
            to_stage=case.stage,
            occurred_on=opened,
            actor_id=actor,
            organisation_id=organisation,
        )
    ]
    events: dict[str, str] = {}
    for transition, on in zip(plan.route, dates, strict=True):
        fields = _fields(transition, on, rng)
        for name, value in fields.items():
            event = name.removesuffix("_date")
            if name.endswith("_date") and event in procedure.events:
                events[event] = value
        if transition.records:
            events[transition.records] = on.isoformat()
        decision = transition.decision
        steps.append(
            CaseStep(
                kind=StepKind.TRANSITION,
                transition=transition.code,
                from_stage=case.stage,
                to_stage=transition.target,
                occurred_on=on,
                actor_id=actor,
                organisation_id=organisation,
                fields=fields,
                decision=decision.outcome if decision else "",
                grounds=[rng.choice(decision.grounds)] if decision else [],
                reasons="Synthetic demo decision." if decision else "",
                status_period=plan.anchors.get(transition.status or ""),
            )
        )
        case.stage = transition.target
        if decision is not None:
            case.decision = decision.outcome
            case.decided_on = case.decided_on or on
        if procedure.stage(transition.target).final:
            case.closed_on = on
        case.version += 1
    case.events = events
    due = case_next_due(case, procedure, timezone.localdate())
    case.due_on, case.due_deadline = (due.due, due.code) if due else (None, "")
    return case, steps


def _link_documents(
    cases: list[Case], steps: list[list[CaseStep]], procedures: dict[str, Procedure]
) -> None:
    """Link each step that issues documents to the person's generated document of that type
    issued on the step's date or within the next 90 days."""
    issues = {
        (code, t.code): t.issues
        for code, p in procedures.items()
        for t in p.transitions
        if t.issues
    }
    wanted = [
        (case.person_id, step, issues[(case.procedure, step.transition)])
        for case, case_steps in zip(cases, steps, strict=True)
        for step in case_steps
        if (case.procedure, step.transition) in issues
    ]
    held: dict[tuple[int | None, str], list[tuple[dt.date, int]]] = defaultdict(list)
    documents = Document.objects.filter(
        person_id__in={person for person, _, _ in wanted}, issued_on__isnull=False
    ).values_list("person_id", "type", "issued_on", "pk")
    for person, kind, issued, pk in documents:
        if issued is not None:
            held[(person, kind)].append((issued, pk))
    links = []
    through = CaseStep.documents.through
    for owner, step, kinds in wanted:
        for kind in kinds:
            found = [
                document
                for issued, document in sorted(held[(owner, kind)])
                if 0 <= (issued - step.occurred_on).days <= 90
            ]
            if found and step.pk is not None:
                links.append(through(casestep_id=step.pk, document_id=found[0]))
    through.objects.bulk_create(links, batch_size=2000)
