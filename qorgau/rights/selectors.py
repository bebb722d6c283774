"""Reads of data-subject requests: the person page's section and the list of open requests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import person_visible
from qorgau.people.models import Person
from qorgau.rights.access import visible_requests
from qorgau.rights.models import Anonymisation, RequestStatus, SubjectRequest


@dataclass(frozen=True)
class RequestsSection:
    """The person page's section: shown only to users who may change the person."""

    requests: list[SubjectRequest]
    anonymisation: Anonymisation | None
    today: dt.date


def person_requests_section(
    user: User | AnonymousUser, person: Person, language: str
) -> RequestsSection | None:
    """The person's data-subject requests for the person page (registered in
    ``RightsConfig.ready``); None for a user who may not change the person (a share, a
    liaison): they are neither listed nor offered."""
    from django.utils import timezone

    if not person_visible(user, person, Perm.PERSON_CHANGE):
        return None
    return RequestsSection(
        requests=list(person.subject_requests.select_related("answered_by")),
        # One at most; read with the person by the person page (``PERSON_PAGE_READ``).
        anonymisation=getattr(person, "anonymisation", None),
        today=timezone.localdate(),
    )


def open_requests(user: User | AnonymousUser) -> QuerySet[SubjectRequest]:
    """The open requests the user may handle, the earliest deadline first."""
    return (
        visible_requests(user)
        .filter(status=RequestStatus.OPEN)
        .select_related("person", "organisation")
        .order_by("due_on", "id")
    )


def request_rows(requests: list[SubjectRequest], today: dt.date) -> list[dict[str, Any]]:
    """Each request with the days left to its deadline (negative: overdue)."""
    return [
        {
            "request": r,
            "days_left": (r.due_on - today).days,
            "days_overdue": (today - r.due_on).days,
            "overdue": r.due_on < today,
        }
        for r in requests
    ]
