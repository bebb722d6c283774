"""The hotline desk's pages: parse, gate, one selector or service, render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qorgau.hotline import selectors, services
from qorgau.hotline.access import access_answer_template, access_ticket, desk_organisations
from qorgau.hotline.forms import (
    AnswerTemplateForm,
    AssignForm,
    CloseForm,
    LinkForm,
    QueueFilterForm,
    TextForm,
    TicketLogForm,
    TriageForm,
)
from qorgau.hotline.models import Channel, Language, Ticket, Topic
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.statistics.disclosure import policy_from_settings
from qorgau.web.forms import MonthFiguresForm
from qorgau.web.requests import request_user, requires

PAGE_SIZE = 50


@requires(Perm.HOTLINE_ANSWER)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The desks' tickets, filterable by state, urgency, topic, assignee and overdue."""
    user = request_user(request)
    form = QueueFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    filters = selectors.QueueFilters(**{k: v for k, v in chosen.items() if v})
    page = Paginator(selectors.ticket_queue(user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    rows = [(ticket, selectors.is_overdue(ticket, now)) for ticket in page]
    query = urlencode({k: v for k, v in request.GET.items() if k != "page"})
    context = {"form": form, "page": page, "rows": rows, "query": query, "filtered": bool(chosen)}
    return render(request, "hotline/queue.html", context)


@requires(Perm.HOTLINE_ANSWER)
@require_http_methods(["GET", "POST"])
def ticket_log(request: HttpRequest) -> HttpResponse:
    """Log a phone call, an email or a walk-in as a ticket."""
    user = request_user(request)
    form = TicketLogForm(request.POST or None, organisations=desk_organisations(user))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                ticket = services.ticket_log(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(
                    request, _("Ticket %(reference)s was logged.") % {"reference": ticket}
                )
                return redirect("hotline:detail", public_id=ticket.public_id)
    return render(request, "hotline/log.html", {"form": form}, status=status)


def _forms(
    page: selectors.TicketPage, bound: tuple[str, forms.Form] | None = None
) -> dict[str, forms.Form]:
    ticket = page.ticket
    initial = {"version": ticket.version}
    made: dict[str, forms.Form] = {
        "triage": TriageForm(initial=initial | {"topic": ticket.topic, "urgency": ticket.urgency}),
        "assign": AssignForm(
            initial=initial
            | {
                "assignee": str(ticket.assignee.public_id) if ticket.assignee else "",
                "team": ticket.team,
            },
            members=page.desk_members,
        ),
        "note": TextForm(initial=initial, prefix="note"),
        "answer": TextForm(initial=initial, prefix="answer"),
        "close": CloseForm(initial=initial),
        "link": LinkForm(initial=initial),
    }
    if bound is not None:
        made[bound[0]] = bound[1]
    return made


def _detail(request: HttpRequest, user: User, ticket: Ticket, **kwargs: Any) -> HttpResponse:
    page = selectors.ticket_page(user, ticket)
    status = kwargs.pop("status", 200)
    context = {"page": page, "forms": _forms(page, kwargs.get("bound"))}
    return render(request, "hotline/detail.html", context, status=status)


@requires(Perm.HOTLINE_ANSWER)
@require_GET
def ticket_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    return _detail(request, user, access_ticket(user=user, public_id=public_id))


def _triage(user: User, ticket: Ticket, form: forms.Form) -> Ticket:
    return services.ticket_triage(actor=user, ticket=ticket, **form.cleaned_data)


def _assign(user: User, ticket: Ticket, form: forms.Form) -> Ticket:
    assert isinstance(form, AssignForm)  # noqa: S101 (a programming error)
    return services.ticket_assign(
        actor=user,
        ticket=ticket,
        version=form.cleaned_data["version"],
        assignee=form.chosen(),
        team=form.cleaned_data["team"],
    )


def _text(service: Callable[..., Ticket]) -> Callable[[User, Ticket, forms.Form], Ticket]:
    def act(user: User, ticket: Ticket, form: forms.Form) -> Ticket:
        return service(actor=user, ticket=ticket, **form.cleaned_data)

    return act


# action: (form class, prefix, service call, message)
ACTIONS: dict[str, tuple[type[forms.Form], str | None, Callable[..., Ticket], Any]] = {
    "triage": (TriageForm, None, _triage, gettext_lazy("The ticket was triaged.")),
    "assign": (AssignForm, None, _assign, gettext_lazy("The ticket was assigned.")),
    "note": (
        TextForm,
        "note",
        _text(services.ticket_note_add),
        gettext_lazy("The note was added."),
    ),
    "answer": (
        TextForm,
        "answer",
        _text(services.ticket_answer),
        gettext_lazy("The answer was recorded."),
    ),
    "close": (
        CloseForm,
        None,
        _text(services.ticket_close),
        gettext_lazy("The ticket was closed."),
    ),
    "link": (
        LinkForm,
        None,
        _text(services.ticket_link_person),
        gettext_lazy("The ticket was linked to the person."),
    ),
}


@requires(Perm.HOTLINE_ANSWER)
@require_POST
def ticket_act(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    """One step on a ticket (``ACTIONS``): the service checks rights, state and version."""
    user = request_user(request)
    ticket = access_ticket(user=user, public_id=public_id)
    if action not in ACTIONS:
        raise Http404
    form_class, prefix, act, done = ACTIONS[action]
    extra: dict[str, Any] = {}
    if form_class is AssignForm:
        extra["members"] = selectors.ticket_page(user, ticket).desk_members
    form = form_class(request.POST, prefix=prefix, **extra)
    if form.is_valid():
        try:
            act(user, ticket, form)
        except ValidationError as exc:  # Invalid and StaleVersion too
            form.add_service_errors(exc)  # type: ignore[attr-defined]
        else:
            messages.success(request, done)
            return redirect("hotline:detail", public_id=ticket.public_id)
    return _detail(request, user, ticket, bound=(action, form), status=400)


@requires(Perm.HOTLINE_ANSWER)
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    rows = selectors.answer_templates(user)
    return render(request, "hotline/templates.html", {"templates": rows})


@requires(Perm.HOTLINE_ANSWER)
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, public_id: str = "") -> HttpResponse:
    """A new answer template (for the user's first desk organisation) or an existing one."""
    user = request_user(request)
    template = access_answer_template(user=user, public_id=public_id) if public_id else None
    organisation = template.organisation if template else desk_organisations(user).first()
    if organisation is None:
        raise Http404
    initial: dict[str, Any] = {"version": template.version if template else 0}
    if template is not None:
        initial |= {k: getattr(template, k) for k in ("topic", "language", "title", "body")}
    form = AnswerTemplateForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.answer_template_save(
                    actor=user, organisation=organisation, template=template, **form.cleaned_data
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The answer template was saved."))
                return redirect("hotline:templates")
    context = {"form": form, "template": template}
    return render(request, "hotline/template_edit.html", context, status=status)


@requires(Perm.HOTLINE_ANSWER)
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """The month's figures of each of the user's desks, exact or as they would be published."""
    user = request_user(request)
    form = MonthFiguresForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    month: dt.date = chosen.get("month") or timezone.localdate().replace(day=1)
    policy = policy_from_settings() if chosen.get("published") else None
    desks = [
        (organisation, selectors.monthly_figures(user, organisation, month, policy))
        for organisation in desk_organisations(user)
    ]
    context = {
        "form": form,
        "desks": desks,
        "month": month,
        "channels": Channel.choices,
        "topics": Topic.choices,
        "languages": Language.choices,
    }
    return render(request, "hotline/figures.html", context)
