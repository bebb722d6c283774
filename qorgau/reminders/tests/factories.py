"""Builders of what reminders are about: people with a status and a certificate, and cases with
a running deadline. Everything is made through the registry's and the engine's services."""

from __future__ import annotations

import datetime as dt

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Document, DocumentType, LegalStatus, Person
from qorgau.people.services.documents import document_add
from qorgau.people.services.status import status_period_record
from qorgau.procedures.models import Case
from qorgau.procedures.registry import definitions
from qorgau.procedures.services import case_open, case_step
from qorgau.procedures.tests.factories import START, step_input

TODAY = dt.date(2026, 3, 2)

CERTIFICATE_OF = {
    LegalStatus.ASYLUM_SEEKER: DocumentType.ASYLUM_SEEKER_CERTIFICATE,
    LegalStatus.REFUGEE: DocumentType.REFUGEE_CERTIFICATE,
    LegalStatus.STATELESS: DocumentType.STATELESS_CERTIFICATE,
}


def certificate_add(
    actor: User, person: Person, type_: str, expires_on: dt.date, number: str = "C 0001"
) -> Document:
    return document_add(
        actor=actor,
        person=person,
        type=type_,
        number=number,
        issued_on=expires_on - dt.timedelta(days=90),
        expires_on=expires_on,
    )


def status_record(
    actor: User,
    organisation: Organisation,
    person: Person,
    status: str,
    since: dt.date = TODAY - dt.timedelta(days=200),
) -> None:
    status_period_record(
        actor=actor, organisation=organisation, person=person, status=status, effective_from=since
    )


def holder(
    actor: User,
    organisation: Organisation,
    person: Person,
    expires_on: dt.date,
    status: str = LegalStatus.ASYLUM_SEEKER,
) -> Document:
    """``person`` in ``status`` since before TODAY, with its certificate expiring on the day."""
    status_record(actor, organisation, person, status)
    return certificate_add(actor, person, CERTIFICATE_OF[status], expires_on)


def asylum_case_registered(actor: User, organisation: Organisation, person: Person) -> Case:
    """An asylum case opened on START and registered the day after: fingerprinting is due
    three days after registration (START + 4)."""
    case = case_open(
        actor=actor, organisation=organisation, procedure="asylum", person=person, opened_on=START
    )
    return case_take(case, actor, "register", START + dt.timedelta(days=1))


def case_take(case: Case, actor: User, code: str, on: dt.date) -> Case:
    definition = definitions()[("KAZ", case.procedure)]
    transition = next(t for t in definition.transitions if t.code == code)
    case.refresh_from_db()
    case_step(actor=actor, case=case, version=case.version, step=step_input(transition, on))
    case.refresh_from_db()
    return case
