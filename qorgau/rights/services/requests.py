"""Recording and answering data-subject requests.

Only a user with change rights over the person (the registering organisation, or the agency
office of the person's country) records or answers a request about them: the service checks it
itself, so no view can forget, and a share (view-only) never writes.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.errors import Invalid, NotAllowed, locked_at_version
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import acting_organisation
from qorgau.people.models import Person
from qorgau.rights import errors
from qorgau.rights.access import may_change_person
from qorgau.rights.models import ReceivedVia, RequestKind, RequestStatus, SubjectRequest


def subject_request_due_on(received_on: dt.date) -> dt.date:
    """The legal deadline of the answer: ``QORGAU_RIGHTS_ANSWER_DAYS`` calendar days after the
    request was received."""
    return received_on + dt.timedelta(days=settings.RIGHTS_ANSWER_DAYS)


def _require_change(actor: User, person: Person) -> None:
    if not may_change_person(actor, person):
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")


def _not_in_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise Invalid(errors.IN_FUTURE, code="in_future", field=field)


@transaction.atomic
def subject_request_record(
    *,
    actor: User,
    person: Person,
    kind: str,
    received_on: dt.date,
    received_via: str,
) -> SubjectRequest:
    """Record a request the person made, due ``QORGAU_RIGHTS_ANSWER_DAYS`` after receipt."""
    _require_change(actor, person)
    if kind not in RequestKind.values:
        raise Invalid(code="invalid_choice", field="kind")
    if received_via not in ReceivedVia.values:
        raise Invalid(code="invalid_choice", field="received_via")
    _not_in_future(received_on, "received_on")
    organisation = acting_organisation(actor, Perm.PERSON_CHANGE, person.registered_by_id)
    if organisation is None:  # change rights over the person imply one
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    request = SubjectRequest(
        person=person,
        organisation=organisation,
        country_id=person.country_office_id,
        kind=kind,
        received_on=received_on,
        received_via=received_via,
        due_on=subject_request_due_on(received_on),
        recorded_by=actor,
    )
    history_stamp(request, actor=actor)
    request.save()
    return request


@transaction.atomic
def subject_request_answer(
    *,
    actor: User,
    request: SubjectRequest,
    version: int,
    answer: str,
    answered_on: dt.date,
) -> SubjectRequest:
    """Mark the request answered with the answer given, on ``answered_on``. ``version`` is the
    one the actor's form was based on: a request changed meanwhile is refused."""
    locked = locked_at_version(
        SubjectRequest.objects.select_related("person"), request.pk, version,
        message=errors.STALE_REQUEST, code="stale_version",
        check_first=lambda row: _require_change(actor, row.person),
    )  # fmt: skip
    if not locked.is_open:
        raise Invalid(errors.ALREADY_ANSWERED, code="already_answered", field="answer")
    answer = answer.strip()
    if not answer:
        raise Invalid(errors.ANSWER_REQUIRED, code="required", field="answer")
    _not_in_future(answered_on, "answered_on")
    if answered_on < locked.received_on:
        raise Invalid(errors.ANSWER_BEFORE_RECEIPT, code="before_receipt", field="answered_on")
    locked.status = RequestStatus.ANSWERED
    locked.answer = answer
    locked.answered_on = answered_on
    locked.answered_by = actor
    locked.version += 1
    history_stamp(locked, actor=actor, reason="answered")
    locked.save()
    return locked
