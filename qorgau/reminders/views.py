"""The "My reminders" page and marking a reminder done: parse, gate, one selector or service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from qorgau.audit.services import Reader, access_log_record
from qorgau.organisations.permissions import Perm
from qorgau.people.errors import FIELD_NOT_SHOWN
from qorgau.people.fields import FieldGroup, FieldPolicy, field_policies, shows_name
from qorgau.procedures.registry import procedure_for
from qorgau.reminders.access import access_reminder_to_mark, may_mark_reminder
from qorgau.reminders.forms import ReminderFilterForm
from qorgau.reminders.models import Reminder, ReminderKind
from qorgau.reminders.selectors import (
    COUNT_CAP,
    REMINDER_COLUMNS,
    REMINDER_PREFETCH,
    REMINDER_RELATED,
    reminders_for,
)
from qorgau.reminders.services import reminder_done
from qorgau.web.links import record_link
from qorgau.web.pagination import LateRowsPaginator
from qorgau.web.requests import request_user, requires

PAGE_SIZE = 50


@dataclass(frozen=True)
class Row:
    reminder: Reminder
    what: str
    link: str | None
    days_left: int
    can_mark: bool
    name_shown: bool  # whether the role may read the person's name
    mark: str  # where "mark done" posts
    due: str  # the due date, as the template's ``date`` filter shows it
    when: str  # how far away that is, for an open reminder

    @classmethod
    def of(cls, reminder: Reminder, today: dt.date, **rest: Any) -> Row:
        """A reminder's row, with its dates worded here: the page shows 50, and wording
        each in the template cost more than the rest of its row."""
        days_left = (reminder.due_on - today).days
        return cls(
            reminder=reminder,
            days_left=days_left,
            due=formats.date_format(reminder.due_on),
            when=_when(days_left) if reminder.is_open else "",
            **rest,
        )


def _when(days_left: int) -> str:
    if days_left == 0:
        return _("today")
    days = abs(days_left)
    wording = (
        ngettext("overdue by %(days)s day", "overdue by %(days)s days", days)
        if days_left < 0
        else ngettext("in %(days)s day", "in %(days)s days", days)
    )
    return wording % {"days": formats.localize(days)}


def _what(reminder: Reminder, policies: dict[int, FieldPolicy]) -> str:
    if reminder.ticket is not None:
        return _("Hotline ticket %(reference)s") % {"reference": reminder.ticket.reference}
    if reminder.agreement is not None:
        return _("Data-sharing agreement %(reference)s with %(organisation)s") % {
            "reference": reminder.agreement.reference,
            "organisation": reminder.agreement.recipient,
        }
    if reminder.referral is not None:
        if reminder.kind == ReminderKind.REFERRAL_ESCALATED:
            return _("Referral to %(organisation)s not answered after its deadline") % {
                "organisation": reminder.referral.recipient
            }
        return _("Referral from %(organisation)s awaits your answer") % {
            "organisation": reminder.referral.sender
        }
    if reminder.document is not None:
        policy = policies.get(reminder.person_id or 0)
        if policy is None or not policy.shows(FieldGroup.DOCUMENTS):
            return str(FIELD_NOT_SHOWN)  # that the person holds a document is theirs to read
        return str(reminder.document.get_type_display())
    if reminder.case is None:
        return ""
    try:
        procedure = procedure_for(reminder.case.country.iso3, reminder.case.procedure)
    except KeyError:
        return reminder.deadline
    language = get_language() or "en"
    deadline = next((d for d in procedure.deadlines if d.code == reminder.deadline), None)
    title = deadline.title.get(language) if deadline else reminder.deadline
    return f"{procedure.title.get(language)}: {title}"


LINKS = {
    "referral": "referrals:detail",
    "ticket": "hotline:detail",
    "case": "procedures:detail",
    "person": "people:detail",
}


def _links() -> Callable[[Reminder], str | None]:
    """The case page for a deadline, the person's page for a certificate, the referral's page
    for a referral, the ticket's page for a ticket (each URL reversed once a page)."""
    makers = {field: record_link(name) for field, name in LINKS.items()}

    def link(reminder: Reminder) -> str | None:
        for field, make in makers.items():
            record = getattr(reminder, field)
            if record is not None:
                return make(record.public_id)
        return None

    return link


@requires(Perm.PERSON_VIEW)
@require_GET
def reminder_list(request: HttpRequest) -> HttpResponse:
    """The reminders the user may see, filtered by kind, due date and state."""
    user = request_user(request)
    form = ReminderFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    reminders = reminders_for(
        user,
        today=today,
        kind=filters.get("kind", ""),
        due=filters.get("due", ""),
        state=filters.get("state") or "open",
    )
    page = LateRowsPaginator(
        reminders,
        PAGE_SIZE,
        related=REMINDER_RELATED,
        prefetch=REMINDER_PREFETCH,
        only=REMINDER_COLUMNS,
        cap=COUNT_CAP,
    ).get_page(request.GET.get("page"))
    policies = field_policies(user, [r.person for r in page if r.person is not None])
    link = _links()
    mark = record_link("reminders:done")
    rows = [
        Row.of(
            r,
            today,
            what=_what(r, policies),
            link=link(r),
            can_mark=r.is_open and may_mark_reminder(user, r),
            name_shown=shows_name(policies, r.person_id),
            mark=mark(r.public_id),
        )
        for r in page
    ]
    access_log_record(
        reader=Reader.from_request(request),
        action="list",
        object_type="person",
        object_ids={r.person.public_id for r in page if r.person is not None},
    )
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    return render(
        request,
        "reminders/list.html",
        {
            "page": page,
            "rows": rows,
            "form": form,
            "query": query,
            "filtered": bool(filters),
            # The filters a "mark done" form carries back, the same for every row.
            "kept": [(field.html_name, field.value()) for field in form if field.value()],
        },
    )


@requires(Perm.PERSON_VIEW)
@require_POST
def reminder_mark_done(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    reminder = access_reminder_to_mark(user=user, public_id=public_id)
    reminder_done(actor=user, reminder=reminder)
    messages.success(request, _("The reminder was marked done."))
    # Back to the list as it was filtered (only the known filters' valid values).
    back = ReminderFilterForm(request.POST)
    kept = {k: v for k, v in back.cleaned_data.items() if v} if back.is_valid() else {}
    return redirect(reverse("reminders:list") + (f"?{urlencode(kept)}" if kept else ""))
