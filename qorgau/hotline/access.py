"""The only doors to the hotline's tickets and answer templates.

A ticket is reached by the desk staff (``hotline.answer``) of the organisation whose hotline
received it: the agency office sees its own hotline's tickets, a partner running a hotline its
own, and no one another organisation's. Missing, not yours and malformed give the same 404.
A ticket names a person who asked (not a registered record), so reads are not written to the
people access log; a ticket linked to a registered person shows that person only to users who
may see them (``hotline.selectors.ticket_page``).
"""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from qorgau.hotline.models import AnswerTemplate, Ticket
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import record_or_404


def desk_organisations(user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations whose hotline desk ``user`` works at."""
    scope = user_scope(user, Perm.HOTLINE_ANSWER)
    return Organisation.objects.filter(pk__in=scope.organisation_ids).order_by("name")


def visible_tickets(user: User | AnonymousUser) -> QuerySet[Ticket]:
    scope = user_scope(user, Perm.HOTLINE_ANSWER)
    if scope.is_empty:
        return Ticket.objects.none()
    return Ticket.objects.filter(organisation_id__in=scope.organisation_ids)


def may_work_on(user: User | AnonymousUser, ticket: Ticket) -> bool:
    """Whether ``user`` works at the desk of the ticket's organisation (services ask again)."""
    return ticket.organisation_id in user_scope(user, Perm.HOTLINE_ANSWER).organisation_ids


def access_ticket(*, user: User | AnonymousUser, public_id: UUID | str) -> Ticket:
    """A ticket of the user's hotline desks; 404 otherwise."""
    return record_or_404(visible_tickets(user), public_id, "ticket")


def visible_answer_templates(user: User | AnonymousUser) -> QuerySet[AnswerTemplate]:
    scope = user_scope(user, Perm.HOTLINE_ANSWER)
    if scope.is_empty:
        return AnswerTemplate.objects.none()
    return AnswerTemplate.objects.filter(organisation_id__in=scope.organisation_ids)


def access_answer_template(*, user: User | AnonymousUser, public_id: UUID | str) -> AnswerTemplate:
    """An answer template of the user's hotline desks; 404 otherwise."""
    return record_or_404(visible_answer_templates(user), public_id, "answer_template")
