"""Reads of reminders. Every function starts from the access gate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from qorgau.hotline.models import Ticket
from qorgau.organisations.models import Organisation, User
from qorgau.partners.models import Agreement
from qorgau.people.fields import listed_person_columns
from qorgau.referrals.models import Referral
from qorgau.reminders.access import visible_reminders
from qorgau.reminders.models import OPEN, Reminder, ReminderKind

DUE_FILTERS = ("overdue", "soon")
STATE_FILTERS = ("open", "done")
SOON_DAYS = 7
# What a list of reminders shows of each: joined for the rows of one page only.
REMINDER_RELATED = ("organisation", "person", "document", "case", "case__country")
# The columns a list of reminders shows (with those the field policy and the links read): not
# the person's 31, nor a case's timeline, nor a document's number, which is decrypted when read.
REMINDER_COLUMNS = (
    *(field.name for field in Reminder._meta.concrete_fields),
    *(f"organisation__{field.name}" for field in Organisation._meta.concrete_fields),
    *listed_person_columns("person"),
    "document__type",
    "document__person",
    "case__public_id",
    "case__procedure",
    "case__country__iso3",
)
# What only some reminders name: read for those of one page, a statement each (none when no
# reminder of the page names one), not joined (see ``LateRowsPaginator``).
REMINDER_PREFETCH: tuple[Prefetch[Any], ...] = (
    Prefetch("agreement", Agreement.objects.select_related("recipient")),
    Prefetch("referral", Referral.objects.select_related("sender", "recipient")),
    Prefetch("ticket", Ticket.objects.all()),
    Prefetch("done_by", User.objects.all()),
)
# Open reminders are counted no further than this many past a page (a country's agency office
# has tens of thousands): the page then says there are more pages.
COUNT_CAP = 1000


def reminders_for(
    user: User | AnonymousUser,
    *,
    today: dt.date | None = None,
    kind: str = "",
    due: str = "",
    state: str = "open",
) -> QuerySet[Reminder]:
    """The reminders the user may see: open ones (the most overdue first) or those marked done
    (the latest first), of one kind, overdue, or due within ``SOON_DAYS`` days of ``today``.
    Without their related records: a page joins ``REMINDER_RELATED`` for its own rows
    and reads ``REMINDER_PREFETCH``."""
    reminders = visible_reminders(user)
    if kind in ReminderKind.values:
        reminders = reminders.filter(kind=kind)
    if today is not None and due == "overdue":
        reminders = reminders.filter(due_on__lt=today)
    elif today is not None and due == "soon":
        reminders = reminders.filter(
            due_on__gte=today, due_on__lte=today + dt.timedelta(days=SOON_DAYS)
        )
    if state == "done":
        return reminders.filter(done_at__isnull=False).order_by("-done_at", "-id")
    return reminders.filter(OPEN).order_by("due_on", "id")
