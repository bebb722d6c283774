"""The only doors to data-subject requests and retention reports.

A request is about one person: a user sees it, answers it and exports the person's record
through it while they may change that person (the registering organisation, or the agency
office of the person's country). A share is view-only by every path, so it opens no request.
Missing and not-yours give the same 404. Retention reports are the agency office's: a user
sees the reports of the countries where they hold ``person.change`` as the agency's office.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from qorgau.audit.services import Reader, access_log_record
from qorgau.errors import NotFound
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import parse_public_id, visible_persons
from qorgau.people.models import Person
from qorgau.rights.models import RetentionReport, SubjectRequest


def may_change_person(user: User | AnonymousUser, person: Person) -> bool:
    """Whether ``user`` holds change rights over ``person`` (the services ask again)."""
    return visible_persons(user, Perm.PERSON_CHANGE).filter(pk=person.pk).exists()


def visible_requests(user: User | AnonymousUser) -> QuerySet[SubjectRequest]:
    """The requests of the people the user may change."""
    changeable = visible_persons(user, Perm.PERSON_CHANGE).filter(pk=OuterRef("person_id"))
    return SubjectRequest.objects.filter(Exists(changeable))


def access_request(*, reader: Reader, public_id: UUID | str) -> SubjectRequest:
    """A request the reader may handle, its person's read logged; 404 otherwise."""
    request = (
        visible_requests(reader.user)
        .filter(public_id=parse_public_id(public_id))
        .select_related("person", "organisation", "answered_by", "recorded_by")
        .first()
    )
    if request is None:
        raise NotFound
    access_log_record(
        reader=reader, action="view", object_type="person", object_ids=[request.person.public_id]
    )
    return request


def access_request_for_change(*, user: User, public_id: UUID | str) -> SubjectRequest:
    """A request the user may answer (the service checks again); 404 otherwise."""
    request = (
        visible_requests(user)
        .filter(public_id=parse_public_id(public_id))
        .select_related("person")
        .first()
    )
    if request is None:
        raise NotFound
    return request


def visible_retention_reports(user: User | AnonymousUser) -> QuerySet[RetentionReport]:
    scope = user_scope(user, Perm.PERSON_CHANGE)
    return RetentionReport.objects.filter(country_id__in=scope.agency_country_ids)
