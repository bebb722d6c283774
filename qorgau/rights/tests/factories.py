"""Builders for the rights tests: people with a status history, documents, phones, needs and
cases, made through the registry's and the engine's services (synthetic data only)."""

from __future__ import annotations

import datetime as dt

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import DocumentType, LegalStatus, Person
from qorgau.people.services.documents import document_add
from qorgau.people.services.persons import person_create
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input
from qorgau.rights.models import ReceivedVia, RequestKind, SubjectRequest
from qorgau.rights.services.requests import subject_request_record


def rich_person(
    actor: User,
    organisation: Organisation,
    *,
    given_name: str = "Ерлан",
    birth: str = "1990-03-09",
    since: dt.date = dt.date(2015, 5, 4),
    status: str = LegalStatus.STATELESS,
) -> Person:
    """A person with a patronymic, an address, a place of birth, a phone, an alias, a need, a
    document and a status since ``since``."""
    from qorgau.people.services.persons import AliasInput

    person = person_create(
        actor=actor,
        organisation=organisation,
        data=person_input(
            given_name=given_name,
            date_of_birth=birth,
            birth_place="Шымкент",
            address="Абай көшесі 10, Алматы",
            phones=["+77011234567"],
            needs=["SM-MI"],
            languages=["kk", "ru"],
            aliases=[AliasInput(family_name="Seitkaziev", given_name="Erlan")],
        ),
        source_id=f"NGO-{given_name}-1",
    )
    document_add(
        actor=actor,
        person=person,
        type=DocumentType.STATELESS_CERTIFICATE,
        number="SC 7654321",
        issuer="Migration Service",
        issued_on=since,
        expires_on=since + dt.timedelta(days=5 * 365),
    )
    status_period_record(
        actor=actor,
        organisation=organisation,
        person=person,
        status=status,
        effective_from=since,
        basis="Decision 42 of the commission",
    )
    return person


def closed_person(
    actor: User, organisation: Organisation, *, closed_on: dt.date, given_name: str = "Данияр"
) -> Person:
    """A stateless person naturalised on ``closed_on``: their record closed then."""
    person = rich_person(
        actor, organisation, given_name=given_name, since=closed_on - dt.timedelta(days=900)
    )
    status_period_record(
        actor=actor,
        organisation=organisation,
        person=person,
        status=LegalStatus.NATURALISED,
        effective_from=closed_on,
    )
    return person


def request_record(
    actor: User,
    person: Person,
    kind: str = RequestKind.ACCESS,
    received_on: dt.date | None = None,
) -> SubjectRequest:
    return subject_request_record(
        actor=actor,
        person=person,
        kind=kind,
        received_on=received_on or dt.date.today(),
        received_via=ReceivedVia.LETTER,
    )
