"""The only doors to reminders.

A user sees the reminders of each organisation where they hold ``person.view``, and, in the
agency's office, every reminder of its country (as it sees every record of its country). Only
the responsible organisation's own users mark a reminder done: the agency office follows its
partners' reminders but does not close their tasks. Missing and not-yours give the same 404.
Shares of a person open no reminders: the task stays with the responsible organisation.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import parse_public_id
from qorgau.reminders.models import Reminder


def visible_reminders(user: User | AnonymousUser) -> QuerySet[Reminder]:
    scope = user_scope(user, Perm.PERSON_VIEW)
    if scope.is_empty:
        return Reminder.objects.none()
    return Reminder.objects.filter(
        Q(organisation_id__in=scope.organisation_ids) | Q(country_id__in=scope.agency_country_ids)
    )


def access_reminder_to_mark(*, user: User, public_id: UUID | str) -> Reminder:
    """A reminder of one of the user's own organisations; 404 otherwise."""
    organisations = user_scope(user, Perm.PERSON_VIEW).organisation_ids
    reminder = Reminder.objects.filter(
        public_id=parse_public_id(public_id), organisation_id__in=organisations
    ).first()
    if reminder is None:
        raise Http404
    return reminder
