"""Staff pages of cases: parse, pass the gate, call one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qorgau.audit.services import Reader, access_log_record
from qorgau.errors import NotFound
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people import access as people_access
from qorgau.people.fields import field_policies, shows_name
from qorgau.procedures import services
from qorgau.procedures.access import (
    access_case,
    access_case_for_step,
    access_case_grant_for_change,
    case_subject_shown,
    is_responsible,
)
from qorgau.procedures.definition import Procedure, Transition
from qorgau.procedures.forms import (
    AccessForm,
    AssignForm,
    ExtendForm,
    OpenCaseForm,
    PauseForm,
    PipelineForm,
    StepForm,
)
from qorgau.procedures.labels import field_value, ground_label, outcome_label
from qorgau.procedures.models import Case
from qorgau.procedures.registry import procedures_for
from qorgau.procedures.selectors import (
    CASE_LIST_COLUMNS,
    CASE_LIST_RELATED,
    COUNT_CAP,
    DUE_FILTERS,
    case_assignees,
    case_list,
    case_page,
    case_rows,
    pipeline,
    pipeline_period_default,
)
from qorgau.procedures.state import allowed_transitions, case_procedure
from qorgau.reference.models import Country
from qorgau.web.links import record_link
from qorgau.web.pagination import LateRowsPaginator
from qorgau.web.requests import request_user, requires

PAGE_SIZE = 25


def _language() -> str:
    return (get_language() or "en")[:2]


def _errors_to_form(form: forms.Form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, problems in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@requires(Perm.PERSON_VIEW)
@require_GET
def case_list_view(request: HttpRequest) -> HttpResponse:
    """Work lists: my cases, cases by procedure and stage, overdue and due this week."""
    user = request_user(request)
    today = timezone.localdate()
    due = request.GET.get("due", "")
    cases = case_list(
        user,
        today=today,
        mine=request.GET.get("mine") == "1",
        procedure=request.GET.get("procedure", ""),
        stage=request.GET.get("stage", ""),
        due=due if due in DUE_FILTERS else "",
    )
    page = LateRowsPaginator(
        cases, PAGE_SIZE, related=CASE_LIST_RELATED, only=CASE_LIST_COLUMNS, cap=COUNT_CAP
    ).get_page(request.GET.get("page"))
    access_log_record(
        reader=Reader.from_request(request),
        action="list",
        object_type="case",
        object_ids=[case.public_id for case in page],
    )
    rows = case_rows(page, _language(), today)
    policies = field_policies(user, [case.person for case in page if case.person])
    link = record_link("procedures:detail")
    for row in rows:
        case = row["case"]
        row["link"] = link(case.public_id)
        row["name_shown"] = shows_name(policies, case.person_id)
    filters = {k: v for k, v in request.GET.items() if k != "page"}
    context = {
        "page": page,
        "rows": rows,
        "filters": filters,
        "query": urlencode(filters),
    }
    return render(request, "procedures/list.html", context)


@requires(Perm.PERSON_VIEW)
@require_GET
def case_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    case = access_case(reader=Reader.from_request(request), public_id=public_id)
    today = timezone.localdate()
    page = case_page(case, user, today)
    responsible = is_responsible(user, case)
    context: dict[str, Any] = {
        "page": page,
        "case": case,
        "language": _language(),
        "today": today,
        "responsible": responsible,
        "policies": field_policies(user, [case.person] if case.person else []),
    }
    if responsible:
        context["access"] = case.access.select_related("organisation")
        extendable = [
            (view.deadline.code, view.deadline.title.get(_language()))
            for view in page.deadlines
            if view.deadline.extension and view.state.due and not view.state.met_on
        ]
        context["extend_form"] = (
            ExtendForm(initial={"version": case.version}, choices=extendable)
            if extendable and case.is_open
            else None
        )
        context["pause_form"] = (
            PauseForm(initial={"version": case.version, "occurred_on": today})
            if case.is_open
            else None
        )
        context["access_form"] = _access_form(case)
        context["assign_form"] = (
            _assign_form(case, initial={"version": case.version, "assignee": case.assigned_to})
            if case.is_open
            else None
        )
    return render(request, "procedures/detail.html", context)


def _assign_form(case: Case, data: Any = None, initial: dict[str, Any] | None = None) -> AssignForm:
    """Whom the case can be assigned to: the users of the organisations acting on it (the
    service checks their roles again)."""
    form = AssignForm(data, initial=initial)
    form.fields["assignee"].queryset = case_assignees(case)  # type: ignore[attr-defined]
    return form


def _access_form(case: Case, data: Any = None) -> AccessForm:
    form = AccessForm(data)
    others = Organisation.objects.exclude(pk=case.organisation_id).order_by("name")
    form.fields["organisation"].queryset = others  # type: ignore[attr-defined]
    return form


def needs_confirmation(procedure: Procedure, transition: Transition) -> bool:
    """A step that records a decision or ends the case is confirmed before it is recorded: it
    cannot be undone, only corrected by a later step."""
    return transition.decision is not None or procedure.stage(transition.target).final


def _summary(form: StepForm, procedure: Procedure, language: str) -> list[tuple[str, str]]:
    """What a step's confirmation shows: each answer under its label, in the page's language."""
    rows: list[tuple[str, str]] = []
    data = form.cleaned_data
    for name, field in form.fields.items():
        value = data.get(name)
        if name == "version" or value in (None, "", []):
            continue
        if name == "grounds":
            shown = "; ".join(ground_label(code) for code in value)
        else:
            shown = field_value(name, value)
        rows.append((str(field.label), shown))
    transition = form.transition
    rows.append((_("Stage afterwards"), procedure.stage(transition.target).title.get(language)))
    return rows


@requires(Perm.PERSON_VIEW)
@require_http_methods(["GET", "POST"])
def case_step_view(request: HttpRequest, public_id: str, transition: str) -> HttpResponse:
    """A step's form. A decision or a step that ends the case is not recorded on the first
    submit: a summary asks for confirmation (a second POST with ``confirm``), without
    JavaScript; ``edit`` goes back to the filled-in form. The API takes such steps in one
    request: its clients send a complete, deliberate request."""
    user = request_user(request)
    case = access_case_for_step(user=user, public_id=public_id)
    procedure = case_procedure(case)
    chosen = next((t for t in allowed_transitions(case, procedure) if t.code == transition), None)
    if chosen is None:
        raise NotFound
    language = _language()
    form = StepForm(request.POST or None, transition=chosen, initial={"version": case.version})
    confirming = needs_confirmation(procedure, chosen)
    context: dict[str, Any] = {
        "case": case,
        "form": form,
        "title": chosen.title.get(language),
        "procedure": procedure.title.get(language),
        "confirming": confirming,
        "policies": field_policies(user, [case.person] if case.person else []),
    }
    # The step page shows the case and its person: a read, logged as the case page's is.
    access_log_record(
        reader=Reader.from_request(request),
        action="view",
        object_type="case",
        object_ids=[case.public_id],
    )
    case_subject_shown(reader=Reader.from_request(request), case=case)
    if request.method == "POST" and "edit" in request.POST:
        form.errors.clear()  # back to the form as filled in, without complaints
        return render(request, "procedures/step.html", context)
    if request.method == "POST" and form.is_valid():
        asked = confirming and request.POST.get("confirm") != "yes"
        service = services.case_step_check if asked else services.case_step
        try:
            service(
                actor=user, case=case, version=form.cleaned_data["version"], step=form.step_input()
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You cannot act on this case."))
        else:
            if asked:
                outcome = chosen.decision.outcome if chosen.decision else ""
                context.update(
                    summary=_summary(form, procedure, language),
                    outcome=outcome_label(outcome) if outcome else "",
                    target=procedure.stage(chosen.target).title.get(language),
                )
                return render(request, "procedures/step_confirm.html", context)
            messages.success(request, _("Saved."))
            return redirect("procedures:detail", public_id=case.public_id)
    return render(request, "procedures/step.html", context)


@requires(Perm.PERSON_CREATE)
@require_http_methods(["GET", "POST"])
def case_open_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """Open a case for a person the user may see, for an organisation where they do case work."""
    user = request_user(request)
    person = people_access.access_person(reader=Reader.from_request(request), public_id=public_id)
    language = _language()
    procedures = [p for p in procedures_for(person.country_office.iso3) if p.subject == "person"]
    organisations = Organisation.objects.filter(
        pk__in=user_scope(user, Perm.PERSON_CREATE).organisation_ids
    ).order_by("name")
    form = OpenCaseForm(
        request.POST or None,
        procedures=procedures,
        organisations=organisations,
        language=language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(
                actor=user,
                organisation=form.cleaned_data["organisation"],
                procedure=form.cleaned_data["procedure"],
                person=person,
                opened_on=form.cleaned_data["opened_on"],
                assigned_to=user,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You cannot act on this case."))
        else:
            messages.success(request, _("Case opened."))
            return redirect("procedures:detail", public_id=case.public_id)
    return render(
        request,
        "procedures/form.html",
        {"form": form, "title": _("Open a case"), "person": person, "case": None},
    )


def _manage(
    request: HttpRequest,
    public_id: str,
    make_form: Callable[[Case, Any], forms.Form],
    save: Callable[[User, Case, dict[str, Any]], object],
) -> HttpResponse:
    """A POST that changes the case itself (extension, pause, access), by its responsible
    organisation; the service checks everything again. Problems are shown on the case page."""
    user = request_user(request)
    case = access_case_for_step(user=user, public_id=public_id)
    form = make_form(case, request.POST)
    problems: list[str] = []
    if form.is_valid():
        try:
            save(user, case, form.cleaned_data)
        except ValidationError as exc:
            problems = exc.messages
        except PermissionDenied as exc:
            problems = [str(exc) or _("You cannot act on this case.")]
    else:
        problems = [str(problem) for errors in form.errors.values() for problem in errors]
    for problem in problems:
        messages.error(request, problem)
    if not problems:
        messages.success(request, _("Saved."))
    return redirect("procedures:detail", public_id=case.public_id)


@requires(Perm.PERSON_VIEW)
@require_POST
def case_extend_view(request: HttpRequest, public_id: str) -> HttpResponse:
    def make_form(case: Case, data: Any) -> forms.Form:
        deadlines = case_procedure(case).deadlines
        return ExtendForm(data, choices=[(d.code, d.code) for d in deadlines if d.extension])

    def save(user: User, case: Case, data: dict[str, Any]) -> object:
        return services.case_extend(actor=user, case=case, **data)

    return _manage(request, public_id, make_form, save)


@requires(Perm.PERSON_VIEW)
@require_POST
def case_pause_view(request: HttpRequest, public_id: str) -> HttpResponse:
    def save(user: User, case: Case, data: dict[str, Any]) -> object:
        return services.case_pause(
            actor=user, case=case, resume=case.paused_since is not None, **data
        )

    return _manage(request, public_id, lambda _case, data: PauseForm(data), save)


@requires(Perm.PERSON_VIEW)
@require_POST
def case_access_view(request: HttpRequest, public_id: str) -> HttpResponse:
    def save(user: User, case: Case, data: dict[str, Any]) -> object:
        return services.case_access_grant(actor=user, case=case, **data)

    return _manage(request, public_id, _access_form, save)


@requires(Perm.PERSON_VIEW)
@require_POST
def case_assign_view(request: HttpRequest, public_id: str) -> HttpResponse:
    def save(user: User, case: Case, data: dict[str, Any]) -> object:
        return services.case_assign(
            actor=user, case=case, version=data["version"], assignee=data["assignee"]
        )

    return _manage(request, public_id, lambda case, data: _assign_form(case, data), save)


@requires(Perm.PERSON_VIEW)
@require_POST
def case_access_revoke_view(request: HttpRequest, public_id: str, grant_id: str) -> HttpResponse:
    user = request_user(request)
    case = access_case_for_step(user=user, public_id=public_id)
    grant = access_case_grant_for_change(user=user, public_id=grant_id)
    if grant.case_id != case.pk:
        raise NotFound
    services.case_access_revoke(actor=user, access=grant)
    messages.success(request, _("Access revoked."))
    return redirect("procedures:detail", public_id=case.public_id)


@requires(Perm.STATISTICS_VIEW)
@require_GET
def pipeline_view(request: HttpRequest) -> HttpResponse:
    """Managers' figures per procedure for a period: aggregates only."""
    user = request_user(request)
    scope = user_scope(user, Perm.STATISTICS_VIEW)
    countries = Country.objects.filter(
        pk__in={*scope.agency_country_ids}
        | set(
            Organisation.objects.filter(pk__in=scope.organisation_ids).values_list(
                "country_id", flat=True
            )
        )
    ).order_by("iso3")
    country = countries[0].iso3 if countries else ""
    date_from, date_to = pipeline_period_default(user, country)
    initial = {"country": country, "date_from": date_from, "date_to": date_to}
    form = PipelineForm(request.GET or initial, countries=[(c.iso3, str(c)) for c in countries])
    rows = None
    if form.is_valid():
        try:
            rows = pipeline(
                user,
                country=form.cleaned_data["country"],
                date_from=form.cleaned_data["date_from"],
                date_to=form.cleaned_data["date_to"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(
        request,
        "procedures/pipeline.html",
        {"form": form, "rows": rows, "language": _language()},
        status=400 if form.errors else 200,
    )
