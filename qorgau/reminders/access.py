"""The only doors to reminders.

A user sees the reminders of each organisation where they hold ``person.view``, and, in the
agency's office, every reminder of its country (as it sees every record of its country). A
reminder is marked done by whoever may act on it: a user holding ``person.change`` in the
responsible organisation, or in the agency office of the reminder's country (which acts on every
record of its country). A view-only role (government liaison) follows reminders but marks none.
Missing and not-yours give the same 404. Shares of a person, and organisations following a case,
open no reminders: the task stays with the responsible organisation.

An overdue hotline ticket reminds the desk staff (``hotline.answer``) of the ticket's
organisation who are responsible for it now: its assignee, or, while nobody is assigned, the
members of the team (role) it was given to, or the whole desk when it has no team. They alone
see and mark it; the agency office's country-wide view does not extend to tickets (a ticket is
not a record of the registry).
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from qorgau.errors import NotFound
from qorgau.hotline.models import Ticket
from qorgau.organisations.models import Membership, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import record_or_404, visible_persons
from qorgau.reminders.models import Reminder, ReminderKind

TICKET = Q(kind=ReminderKind.TICKET_OVERDUE)


def _reminded_of_tickets(user: User | AnonymousUser) -> Q:
    """The ticket reminders that remind ``user`` (see the module's docstring)."""
    desk = user_scope(user, Perm.HOTLINE_ANSWER).organisation_ids
    if not desk or not isinstance(user, User):
        return Q(pk__in=[])
    # Asked of each reminder's own ticket (EXISTS by primary key), without a join, so that the
    # page's sorted id query stays on the reminders alone.
    in_team = Membership.objects.filter(
        user=user, organisation_id=OuterRef("organisation_id"), role=OuterRef("team")
    )
    theirs = Ticket.objects.filter(pk=OuterRef("ticket_id")).filter(
        Q(assignee=user) | Q(assignee__isnull=True, team="") | Q(Exists(in_team), assignee=None)
    )
    return TICKET & Q(organisation_id__in=desk) & Q(Exists(theirs))


def visible_reminders(user: User | AnonymousUser) -> QuerySet[Reminder]:
    scope = user_scope(user, Perm.PERSON_VIEW)
    tickets = _reminded_of_tickets(user)
    if scope.is_empty:
        return Reminder.objects.filter(tickets)
    # A reminder names its person: an organisation follows it only while it may see the
    # person (it registered them, or holds an active share: the gate's own rule), so that a
    # case a share recipient opened before shares became view-only stops reminding it when the
    # share ends. Asked of each reminder's own person (EXISTS by primary key), never as the
    # list of every person the user sees (a whole country's registry for the agency's office),
    # and without a join, so that the page's sorted id query stays on the reminders alone.
    return Reminder.objects.filter(
        (Q(country_id__in=scope.agency_country_ids) & ~TICKET)
        | tickets
        | Q(
            Q(organisation_id__in=scope.organisation_ids)
            & Q(Exists(visible_persons(user).filter(pk=OuterRef("person_id"))))
        )
        # An agreement's reminder names no person: its organisation follows it.
        | Q(organisation_id__in=scope.organisation_ids, agreement_id__isnull=False)
        # A referral's reminder names the referral (whose page has its own gate), not the
        # person: the receiving partner, then the sender, follows it.
        | Q(organisation_id__in=scope.organisation_ids, referral_id__isnull=False)
    )


def may_mark_reminder(user: User | AnonymousUser, reminder: Reminder) -> bool:
    """Whether ``user`` may mark ``reminder`` done (the service asks again)."""
    if reminder.kind == ReminderKind.TICKET_OVERDUE:
        return Reminder.objects.filter(_reminded_of_tickets(user), pk=reminder.pk).exists()
    scope = user_scope(user, Perm.PERSON_CHANGE)
    return (
        reminder.organisation_id in scope.organisation_ids
        or reminder.country_id in scope.agency_country_ids
    )


def access_reminder_to_mark(*, user: User, public_id: UUID | str) -> Reminder:
    """A reminder the user may mark done; 404 otherwise (missing, not visible, or only
    followed)."""
    reminder = record_or_404(visible_reminders(user), public_id, "reminder")
    if not may_mark_reminder(user, reminder):
        raise NotFound().about("reminder", reminder.public_id)
    return reminder
