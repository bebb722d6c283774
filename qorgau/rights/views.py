"""Pages of data-subject requests and retention: parse, gate, one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qorgau.audit.services import Reader, access_log_record
from qorgau.organisations.permissions import Perm
from qorgau.people.access import access_person_for_change
from qorgau.rights.access import (
    access_request,
    access_request_for_change,
    visible_retention_reports,
)
from qorgau.rights.export import subject_access_export
from qorgau.rights.forms import AnonymiseForm, AnswerForm, RequestForm
from qorgau.rights.models import Anonymisation, RequestKind, SubjectRequest
from qorgau.rights.selectors import open_requests, request_rows
from qorgau.rights.services.anonymise import REASON_REQUEST, legal_holds, person_anonymise
from qorgau.rights.services.requests import subject_request_answer, subject_request_record
from qorgau.web.requests import request_user, requires
from qorgau.web.throttles import export_throttled

PAGE_SIZE = 50


def _form_errors(form: Any, exc: ValidationError) -> None:
    for name, problems in exc.error_dict.items() if hasattr(exc, "error_dict") else []:
        form.add_error(name if name in form.fields else None, problems)
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)


@requires(Perm.PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, public_id: str) -> HttpResponse:
    """Record a data-subject request on a person the user may change."""
    user = request_user(request)
    person = access_person_for_change(user=user, public_id=public_id)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = subject_request_record(actor=user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The request was recorded."))
            return redirect("rights:detail", public_id=recorded.public_id)
    context = {"form": form, "person": person, "answer_days": settings.RIGHTS_ANSWER_DAYS}
    return render(request, "rights/new.html", context)


def _detail(
    request: HttpRequest,
    subject_request: SubjectRequest,
    answer_form: AnswerForm | None = None,
    anonymise_form: AnonymiseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    person = subject_request.person
    anonymisation = Anonymisation.objects.filter(person=person).first()
    erasable = subject_request.kind in (RequestKind.DELETION, RequestKind.OBJECTION)
    context = {
        "subject_request": subject_request,
        "person": person,
        "today": timezone.localdate(),
        "answer_form": answer_form or AnswerForm(initial={"version": subject_request.version}),
        "anonymise_form": anonymise_form or AnonymiseForm(),
        "can_anonymise": erasable and anonymisation is None and person.merged_into_id is None,
        "legal_hold": erasable and anonymisation is None and legal_holds(person).exists(),
        "anonymisation": anonymisation,
        "is_correction": subject_request.kind == RequestKind.CORRECTION,
    }
    return render(request, "rights/detail.html", context, status=status)


@requires(Perm.PERSON_CHANGE)
@require_GET
def request_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    subject_request = access_request(reader=Reader.from_request(request), public_id=public_id)
    return _detail(request, subject_request)


@requires(Perm.PERSON_CHANGE)
@require_POST
def request_answer(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    subject_request = access_request_for_change(user=user, public_id=public_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            subject_request_answer(actor=user, request=subject_request, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The request was marked answered."))
            return redirect("rights:detail", public_id=subject_request.public_id)
    return _detail(request, subject_request, answer_form=form, status=400)


@requires(Perm.PERSON_CHANGE)
@require_POST
def request_anonymise(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    subject_request = access_request_for_change(user=user, public_id=public_id)
    form = AnonymiseForm(request.POST)
    if form.is_valid():
        try:
            person_anonymise(
                actor=user,
                person=subject_request.person,
                request=subject_request,
                reason=REASON_REQUEST,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The person's record was anonymised."))
            return redirect("rights:detail", public_id=subject_request.public_id)
    return _detail(request, subject_request, anonymise_form=form, status=400)


@requires(Perm.PERSON_CHANGE)
@export_throttled
@require_GET
def request_export(request: HttpRequest, public_id: str, format: str) -> HttpResponse:
    """The person's whole record, for an access request (logged as an export)."""
    user = request_user(request)
    subject_request = access_request_for_change(user=user, public_id=public_id)
    content, content_type, name = subject_access_export(
        reader=Reader.from_request(request),
        request=subject_request,
        format=format,
        language=get_language() or "en",
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@requires(Perm.PERSON_CHANGE)
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    """The open requests the user may handle, the earliest deadline first, overdue flagged."""
    user = request_user(request)
    page = Paginator(open_requests(user), PAGE_SIZE).get_page(request.GET.get("page"))
    access_log_record(
        reader=Reader.from_request(request),
        action="list",
        object_type="person",
        object_ids={r.person.public_id for r in page},
    )
    rows = request_rows(list(page), timezone.localdate())
    return render(request, "rights/list.html", {"page": page, "rows": rows})


@requires(Perm.PERSON_CHANGE)
@require_GET
def retention_reports(request: HttpRequest) -> HttpResponse:
    """The kept reports of the retention job, for the agency office."""
    user = request_user(request)
    reports = visible_retention_reports(user).select_related("country")
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "rights/retention.html", {"page": page})
