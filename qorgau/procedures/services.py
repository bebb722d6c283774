"""The one engine that moves cases: opening, steps, extensions, pauses, access.

Every write locks the case row and checks the version the user saw, so two simultaneous steps
on one case cannot both succeed; the step, its legal-status change and the documents it issues
are stored in one transaction, or none of them is. Each write appends a ``CaseStep``: the
case's timeline is its audit trail, and django-simple-history keeps every version of the case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language

from qorgau.audit.history import history_stamp
from qorgau.errors import NotAllowed, locked_at_version
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm, Role
from qorgau.people.access import visible_households, visible_persons
from qorgau.people.models import Document, Household, Person
from qorgau.people.models.choices import DocumentType
from qorgau.people.services.documents import document_issue
from qorgau.people.services.permissions import refuse_anonymised, require_perm_in
from qorgau.people.services.status import status_period_append
from qorgau.procedures import errors
from qorgau.procedures.access import acting_roles, is_responsible, visible_cases
from qorgau.procedures.deadlines import period_end
from qorgau.procedures.definition import Procedure, Transition
from qorgau.procedures.labels import field_label, ground_label, outcome_label
from qorgau.procedures.models import Case, CaseAccess, CaseStep, StepKind
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.state import allowed_transitions, case_deadlines, case_next_due

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class StepInput:
    """What a user submits to take a step: the transition, its legal date, the fields the
    definition requires, the decision's grounds and reasons, and the numbers of the documents
    the step issues (by document type)."""

    transition: str
    occurred_on: dt.date
    fields: Mapping[str, str] = field(default_factory=dict)
    grounds: Sequence[str] = ()
    reasons: str = ""
    documents: Mapping[str, str] = field(default_factory=dict)


def _language() -> str:
    """The language of the messages being written (the request's)."""
    return (get_language() or "en")[:2]


def _invalid(key: str, message: StrOrPromise, code: str, **params: object) -> ValidationError:
    return ValidationError({key: ValidationError(message, code=code, params=params or None)})


def _date_check(case: Case, occurred_on: dt.date, key: str = "occurred_on") -> None:
    if occurred_on > timezone.localdate():
        raise _invalid(key, errors.DATE_IN_FUTURE, "date_in_future")
    if occurred_on < case.opened_on:
        raise _invalid(
            key, errors.DATE_BEFORE_CASE, "date_before_case", date=case.opened_on.isoformat()
        )
    last = case.steps.order_by("-occurred_on").values_list("occurred_on", flat=True).first()
    if last is not None and occurred_on < last:
        raise _invalid(
            key, errors.DATE_BEFORE_LAST_STEP, "date_before_last_step", date=last.isoformat()
        )


def _visible_check(actor: User, case: Case) -> None:
    """Refuse a case the actor may no longer see (checked here whatever the caller checked:
    a case on a person whose share has ended is gone for the share's recipient)."""
    if not visible_cases(actor).filter(pk=case.pk).exists():
        raise NotAllowed(errors.NO_CASE_PERMISSION, code="no_case_permission")


def _change_check(
    actor: User, persons: Sequence[Person], household: Household | None = None
) -> None:
    """Refuse unless the actor may change every person (and the household) a write touches:
    the registering organisation or the agency office of the record's country. A share of the
    record is view-only, whatever path the write takes."""
    wanted = {person.pk for person in persons}
    allowed = set(
        visible_persons(actor, Perm.PERSON_CHANGE)
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )
    if allowed != wanted or (
        household is not None
        and not visible_households(actor, Perm.PERSON_CHANGE).filter(pk=household.pk).exists()
    ):
        raise NotAllowed(errors.NO_CHANGE_RIGHTS, code="no_change_rights")
    # An anonymised record is read-only: no case is opened on it (or on its household) and no
    # step writes a status or a document to it.
    refuse_anonymised(persons)


def _subject_persons_of(case: Case) -> list[Person]:
    """The people a case covers, unlocked (the person, or every member of the household). Read
    past the access gate on purpose: the caller checks the actor's change rights on each of them,
    and nothing read here is shown."""
    if case.person_id is not None:
        return list(Person.objects.filter(pk=case.person_id))
    if case.household_id is None:
        return []
    return list(Person.objects.filter(household_id=case.household_id))


def _locked(case: Case, version: int, actor: User) -> Case:
    """The case row, locked until the transaction ends, as the user saw it; refused if someone
    else stepped in between (the lock makes the second of two simultaneous steps wait, then
    see the first one's version), or if the actor may no longer see the case."""
    _visible_check(actor, case)
    locked = locked_at_version(
        Case.objects.select_related("country"), case.pk, version,
        message=errors.STALE_CASE, code="stale_case",
    )  # fmt: skip
    if locked.closed_on is not None:
        raise _invalid("transition", errors.CASE_CLOSED, "case_closed")
    return locked


def _subject_persons(case: Case) -> list[Person]:
    if case.person_id is not None:
        return list(Person.objects.select_for_update().filter(pk=case.person_id))
    return list(
        Person.objects.select_for_update()
        .filter(household=case.household)
        .order_by("registration_number")
    )


def _save(case: Case, actor: User, procedure: Procedure, reason: str = "") -> None:
    due = case_next_due(case, procedure, timezone.localdate())
    case.due_on = due.due if due else None
    case.due_deadline = due.code if due else ""
    case.version += 1
    history_stamp(case, actor=actor, reason=reason)
    case.save()


@transaction.atomic
def case_open(
    *,
    actor: User,
    organisation: Organisation,
    procedure: str,
    opened_on: dt.date,
    person: Person | None = None,
    household: Household | None = None,
    assigned_to: User | None = None,
) -> Case:
    """Open a case of ``procedure`` for a person or a household the actor may see, with
    ``organisation`` (where the actor does case work) responsible for it."""
    require_perm_in(actor=actor, perm=Perm.PERSON_CREATE, organisation=organisation)
    subject: Person | Household | None = person or household
    if subject is None or (person is not None and household is not None):
        raise _invalid("person", errors.FIELD_REQUIRED, "required", field="person")
    visible = (
        visible_persons(actor).filter(pk=subject.pk)
        if isinstance(subject, Person)
        else visible_households(actor).filter(pk=subject.pk)
    )
    if not visible.exists():
        raise NotAllowed(errors.NO_CASE_PERMISSION, code="no_case_permission")
    # Opening a case is a write on the people it covers: change rights on each of them, and the
    # responsible organisation must itself be one that may change the record.
    if isinstance(subject, Person):
        _change_check(actor, [subject])
    else:
        _change_check(actor, list(Person.objects.filter(household=subject)), subject)
    if not (
        subject.registered_by_id == organisation.pk
        or (
            organisation.is_operating_agency
            and organisation.country_id == subject.country_office_id
        )
    ):
        raise NotAllowed(errors.NO_CHANGE_RIGHTS, code="no_change_rights")
    country = subject.country_office
    try:
        definition = procedure_for(country.iso3, procedure)
    except KeyError:
        raise _invalid(
            "procedure",
            errors.UNKNOWN_PROCEDURE,
            "unknown_procedure",
            procedure=procedure,
            country=country.iso3,
        ) from None
    kind = "person" if isinstance(subject, Person) else "household"
    if definition.subject != kind:
        raise _invalid(
            "procedure",
            errors.WRONG_SUBJECT,
            "wrong_subject",
            procedure=procedure,
            subject=definition.subject,
        )
    if opened_on > timezone.localdate():
        raise _invalid("opened_on", errors.DATE_IN_FUTURE, "date_in_future")
    case = Case(
        country=country,
        procedure=definition.code,
        person=person,
        household=household,
        organisation=organisation,
        assigned_to=assigned_to,
        stage=definition.initial.code,
        opened_on=opened_on,
        version=0,
    )
    try:
        with transaction.atomic():
            _save(case, actor, definition)
    except IntegrityError:
        raise _invalid("procedure", errors.CASE_ALREADY_OPEN, "case_already_open") from None
    CaseStep.objects.create(
        case=case,
        kind=StepKind.OPENED,
        to_stage=case.stage,
        occurred_on=opened_on,
        actor=actor,
        organisation=organisation,
    )
    return case


def _transition_of(case: Case, procedure: Procedure, code: str) -> Transition:
    transition = next((t for t in procedure.transitions if t.code == code), None)
    if transition is None:
        raise _invalid(
            "transition", errors.TRANSITION_UNKNOWN, "transition_unknown", transition=code
        )
    if transition not in allowed_transitions(case, procedure):
        if case.stage in transition.sources and transition.after_decisions:
            raise _invalid(
                "transition",
                errors.DECISION_REQUIRED,
                "decision_required",
                outcomes=", ".join(outcome_label(o) for o in transition.after_decisions),
                actual=outcome_label(case.decision) if case.decision else "—",
            )
        language = _language()
        allowed = allowed_transitions(case, procedure)
        raise _invalid(
            "transition",
            errors.TRANSITION_NOT_FROM_STAGE,
            "transition_not_from_stage",
            transition=transition.title.get(language),
            stage=procedure.stage(case.stage).title.get(language),
            allowed="; ".join(t.title.get(language) for t in allowed) or "—",
        )
    return transition


def _acting_organisation(actor: User, case: Case, transition: Transition) -> Organisation:
    roles = acting_roles(actor, case)
    if not roles:
        raise NotAllowed(errors.NO_CASE_PERMISSION, code="no_case_permission")
    for organisation, held in roles.items():
        if held & set(transition.roles):
            return organisation
    params = {
        "transition": transition.title.get(_language()),
        "roles": ", ".join(str(Role(role).label) for role in transition.roles),
    }
    raise NotAllowed(errors.TRANSITION_ROLE, code="transition_role", params=params)


def _fields_check(
    transition: Transition, procedure: Procedure, step: StepInput
) -> tuple[dict[str, str], dict[str, dt.date]]:
    """The required fields, stripped; and the event dates given by ``<event>_date`` fields."""
    problems: dict[str, list[ValidationError]] = {}
    values: dict[str, str] = {}
    dates: dict[str, dt.date] = {}
    for name in transition.fields:
        value = str(step.fields.get(name, "") or "").strip()
        if not value:
            problems[name] = [
                ValidationError(
                    errors.FIELD_REQUIRED, code="required", params={"field": field_label(name)}
                )
            ]
            continue
        values[name] = value
        if name.endswith("_date"):
            try:
                date = dt.date.fromisoformat(value)
            except ValueError:
                problems[name] = [
                    ValidationError(
                        errors.FIELD_DATE, code="date", params={"field": field_label(name)}
                    )
                ]
                continue
            if date > step.occurred_on:
                problems[name] = [
                    ValidationError(
                        errors.FIELD_DATE_AFTER_STEP,
                        code="date_after_step",
                        params={"field": field_label(name)},
                    )
                ]
            event = name.removesuffix("_date")
            if event in procedure.events:
                dates[event] = date
    if transition.decision is not None:
        allowed = transition.decision.grounds
        grounds = [g for g in step.grounds if g]
        if not grounds:
            problems["grounds"] = [
                ValidationError(errors.DECISION_GROUNDS_REQUIRED, code="grounds_required")
            ]
        for ground in grounds:
            if ground not in allowed:
                problems.setdefault("grounds", []).append(
                    ValidationError(
                        errors.DECISION_GROUND_UNKNOWN,
                        code="ground_unknown",
                        params={
                            "ground": ground,
                            "allowed": "; ".join(ground_label(g) for g in allowed),
                        },
                    )
                )
        if not step.reasons.strip():
            problems["reasons"] = [
                ValidationError(errors.DECISION_REASONS_REQUIRED, code="reasons_required")
            ]
    for document in transition.issues:
        if not str(step.documents.get(document, "")).strip():
            label = DocumentType(document).label
            problems[f"document_{document}"] = [
                ValidationError(
                    errors.DOCUMENT_NUMBER_REQUIRED,
                    code="document_number_required",
                    params={"document": label},
                )
            ]
    if problems:
        raise ValidationError(problems)
    return values, dates


def _documents_check(persons: list[Person], transition: Transition, on: dt.date) -> None:
    for document in transition.documents:
        for person in persons:
            held = Document.objects.filter(person=person, type=document).exclude(expires_on__lt=on)
            if not held.exists():
                raise _invalid(
                    f"document_{document}",
                    errors.DOCUMENT_REQUIRED,
                    "document_required",
                    document=DocumentType(document).label,
                )


def _issue(
    *,
    actor: User,
    organisation: Organisation,
    case: Case,
    procedure: Procedure,
    transition: Transition,
    persons: list[Person],
    step: StepInput,
) -> list[Document]:
    expires = (
        period_end(step.occurred_on, transition.validity, procedure.settings)
        if transition.validity
        else None
    )
    issued = []
    for document_type in transition.issues:
        number = str(step.documents[document_type])
        for index, person in enumerate(persons):
            issued.append(
                document_issue(
                    actor=actor,
                    person=person,
                    type=document_type,
                    # One number per household member: the members after the first get a suffix.
                    number=number if index == 0 else f"{number}-{index + 1}",
                    issuing_country=case.country,
                    issuer=organisation.name,
                    issued_on=step.occurred_on,
                    expires_on=expires,
                )
            )
    return issued


@transaction.atomic
def case_step(*, actor: User, case: Case, version: int, step: StepInput) -> CaseStep:
    """Take one step of the case's procedure, as its definition allows.

    Refused (``ValidationError`` naming the field, or ``PermissionDenied``) when the step does
    not leave the current stage, the actor's roles do not allow it, a required field, document,
    ground or reason is missing, or its date is in the future, before the case began or before
    the last step. Nothing is stored then.
    """
    locked = _locked(case, version, actor)
    procedure = procedure_for(locked.country.iso3, locked.procedure)
    transition = _transition_of(locked, procedure, step.transition)
    organisation = _acting_organisation(actor, locked, transition)
    _date_check(locked, step.occurred_on)
    values, dates = _fields_check(transition, procedure, step)
    persons = _subject_persons(locked)
    if transition.status or transition.issues:
        # The step writes a legal status or documents to each person the case covers.
        _change_check(actor, persons)
    _documents_check(persons, transition, step.occurred_on)

    events = dict(locked.events)
    events.update({event: date.isoformat() for event, date in dates.items()})
    if transition.records:
        events[transition.records] = step.occurred_on.isoformat()
    record = CaseStep.objects.create(
        case=locked,
        kind=StepKind.TRANSITION,
        transition=transition.code,
        from_stage=locked.stage,
        to_stage=transition.target,
        occurred_on=step.occurred_on,
        actor=actor,
        organisation=organisation,
        fields=values,
        decision=transition.decision.outcome if transition.decision else "",
        grounds=list(dict.fromkeys(g for g in step.grounds if g)),
        reasons=step.reasons.strip(),
    )
    if transition.status:
        basis = f"{procedure.country}/{procedure.code}: {transition.code}"
        for person in persons:
            # A status the person already holds is not restarted (border referral, then asylum).
            current = person.status_periods.filter(effective_to__isnull=True).first()
            if current is not None and current.status == transition.status:
                continue
            record.status_period = status_period_append(
                actor=actor,
                organisation=organisation,
                person=person,
                status=transition.status,
                effective_from=step.occurred_on,
                deciding_authority=organisation if transition.decision else None,
                basis=basis,
            )
        record.save(update_fields=["status_period"])
    issued = _issue(
        actor=actor,
        organisation=organisation,
        case=locked,
        procedure=procedure,
        transition=transition,
        persons=persons,
        step=step,
    )
    record.documents.set(issued)

    locked.stage = transition.target
    locked.events = events
    if transition.decision is not None:
        locked.decision = transition.decision.outcome
        locked.decided_on = locked.decided_on or step.occurred_on
    if procedure.stage(transition.target).final:
        locked.closed_on = step.occurred_on
        locked.paused_since = None
    _save(locked, actor, procedure, f"case step: {transition.code}")
    case.refresh_from_db()
    return record


class _DryRun(Exception):
    """Rolls back a step that was only being checked."""


def case_step_check(*, actor: User, case: Case, version: int, step: StepInput) -> None:
    """Raise what ``case_step`` would raise for this step, and store nothing: the step is
    taken in a savepoint that is then rolled back (with the history rows and the callbacks
    it registered). The page asks for confirmation of a decision only once it would be
    accepted."""
    try:
        with transaction.atomic():
            case_step(actor=actor, case=case, version=version, step=step)
            raise _DryRun
    except _DryRun:
        pass
    finally:
        case.refresh_from_db()


def _responsible_check(actor: User, case: Case) -> Organisation:
    """The organisation in whose name the actor manages the case: the responsible one, or the
    agency office of its country."""
    if not is_responsible(actor, case):
        raise NotAllowed(errors.NO_CASE_PERMISSION, code="no_case_permission")
    # The responsible organisation may change the people the case covers; a case a share
    # recipient opened before shares became view-only is not managed by that recipient.
    _change_check(actor, _subject_persons_of(case))
    roles = acting_roles(actor, case)
    return next(iter(roles))


@transaction.atomic
def case_extend(
    *,
    actor: User,
    case: Case,
    version: int,
    deadline: str,
    until: dt.date,
    occurred_on: dt.date,
    reasons: str,
) -> CaseStep:
    """Extend a running deadline to ``until``, at most to the definition's maximum."""
    locked = _locked(case, version, actor)
    organisation = _responsible_check(actor, locked)
    procedure = procedure_for(locked.country.iso3, locked.procedure)
    _date_check(locked, occurred_on)
    definition = next((d for d in procedure.deadlines if d.code == deadline), None)
    title = definition.title.get(_language()) if definition else deadline
    if definition is None or definition.extension is None:
        raise _invalid("deadline", errors.NOT_EXTENDABLE, "not_extendable", deadline=title)
    if not reasons.strip():
        raise _invalid("reasons", errors.DECISION_REASONS_REQUIRED, "reasons_required")
    state = next(s for s in case_deadlines(locked, procedure, occurred_on) if s.code == deadline)
    start = dict(locked.events).get(definition.starts)
    if state.due is None or start is None or state.met_on is not None:
        raise _invalid("deadline", errors.NOT_EXTENDABLE, "not_extendable", deadline=title)
    limit = period_end(dt.date.fromisoformat(start), definition.extension, procedure.settings)
    if until > limit:
        raise _invalid(
            "until",
            errors.EXTENSION_TOO_LONG,
            "extension_too_long",
            deadline=title,
            limit=limit.isoformat(),
        )
    if until <= state.due:
        raise _invalid(
            "until", errors.EXTENSION_NOT_LATER, "extension_not_later", due=state.due.isoformat()
        )
    locked.extensions = {**locked.extensions, deadline: until.isoformat()}
    record = CaseStep.objects.create(
        case=locked,
        kind=StepKind.EXTENSION,
        occurred_on=occurred_on,
        actor=actor,
        organisation=organisation,
        fields={"deadline": deadline, "until": until.isoformat()},
        reasons=reasons.strip(),
    )
    _save(locked, actor, procedure, f"case deadline extended: {deadline}")
    return record


@transaction.atomic
def case_pause(
    *, actor: User, case: Case, version: int, occurred_on: dt.date, reasons: str, resume: bool
) -> CaseStep:
    """Pause the case's deadlines from ``occurred_on`` (``resume``: restart them; the days
    paused are added to every deadline that was running)."""
    locked = _locked(case, version, actor)
    organisation = _responsible_check(actor, locked)
    procedure = procedure_for(locked.country.iso3, locked.procedure)
    _date_check(locked, occurred_on)
    if resume:
        if locked.paused_since is None:
            raise _invalid("resume", errors.NOT_PAUSED, "not_paused")
        locked.paused_days += (occurred_on - locked.paused_since).days
        locked.paused_since = None
    else:
        if locked.paused_since is not None:
            raise _invalid("resume", errors.ALREADY_PAUSED, "already_paused")
        if not reasons.strip():
            raise _invalid("reasons", errors.DECISION_REASONS_REQUIRED, "reasons_required")
        locked.paused_since = occurred_on
    record = CaseStep.objects.create(
        case=locked,
        kind=StepKind.RESUME if resume else StepKind.PAUSE,
        occurred_on=occurred_on,
        actor=actor,
        organisation=organisation,
        reasons=reasons.strip(),
    )
    _save(locked, actor, procedure, "case resumed" if resume else "case paused")
    return record


@transaction.atomic
def case_assign(*, actor: User, case: Case, version: int, assignee: User | None) -> Case:
    locked = _locked(case, version, actor)
    _responsible_check(actor, locked)
    if assignee is not None and not acting_roles(assignee, locked):
        raise NotAllowed(errors.NO_CASE_PERMISSION, code="no_case_permission")
    locked.assigned_to = assignee
    _save(locked, actor, procedure_for(locked.country.iso3, locked.procedure), "case assigned")
    return locked


@transaction.atomic
def case_access_grant(
    *, actor: User, case: Case, organisation: Organisation, can_act: bool, purpose: str
) -> CaseAccess:
    """Let another organisation work on (``can_act``) or follow a case: this opens the
    person's record to it, so only one who may change every person the case covers grants it."""
    _visible_check(actor, case)
    if not is_responsible(actor, case):
        raise NotAllowed(errors.NO_CASE_PERMISSION, code="no_case_permission")
    _change_check(actor, _subject_persons_of(case))
    if organisation.pk == case.organisation_id:
        raise _invalid("organisation", errors.ACCESS_OWN_ORGANISATION, "own_organisation")
    if not purpose.strip():
        raise _invalid("purpose", errors.FIELD_REQUIRED, "required", field="purpose")
    try:
        with transaction.atomic():
            access = CaseAccess(
                case=case,
                organisation=organisation,
                can_act=can_act,
                purpose=purpose.strip(),
                granted_by=actor,
            )
            history_stamp(access, actor=actor, reason="case access granted")
            access.save()
    except IntegrityError:
        raise _invalid("organisation", errors.ACCESS_EXISTS, "access_exists") from None
    return access


@transaction.atomic
def case_access_revoke(*, actor: User, access: CaseAccess) -> CaseAccess:
    _visible_check(actor, access.case)
    if not is_responsible(actor, access.case):
        raise NotAllowed(errors.NO_CASE_PERMISSION, code="no_case_permission")
    _change_check(actor, _subject_persons_of(access.case))
    locked = CaseAccess.objects.select_for_update().get(pk=access.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        history_stamp(locked, actor=actor, reason="case access revoked")
        locked.save(update_fields=["revoked_at"])
    return locked
