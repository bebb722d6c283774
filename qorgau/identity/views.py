"""Staff pages of identity resolution: the review queue, decisions, and undoing them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from qorgau.audit.services import Reader, access_log_record
from qorgau.errors import NotFound
from qorgau.identity import errors, services
from qorgau.identity.access import access_candidate_for_change, access_decision_for_change
from qorgau.identity.models import MatchRun, RunStatus, Verdict
from qorgau.identity.runs import run_start
from qorgau.identity.selectors import review_pairs, review_queue
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import parse_public_id
from qorgau.people.dates import PartialDate
from qorgau.people.likely import likely_matches
from qorgau.people.services.persons import PersonInput
from qorgau.reference.models import Country
from qorgau.web.requests import request_user, requires

PAGE_SIZE = 10


@requires(Perm.PERSON_CHANGE)
@require_GET
def review(request: HttpRequest) -> HttpResponse:
    """Candidate pairs side by side with the evidence, most probable first. Each side shows
    what the person page shows of the record (household, documents, current status), so each
    record shown is logged as a read of the person, as the person page logs it."""
    user = request_user(request)
    page = Paginator(review_queue(user), PAGE_SIZE).get_page(request.GET.get("page"))
    pairs = review_pairs(user, list(page))
    access_log_record(
        reader=Reader.from_request(request),
        action="view",
        object_type="person",
        object_ids=[side.person.public_id for p in pairs for side in (p.first, p.second)],
    )
    context = {"page": page, "pairs": pairs, "today": timezone.localdate()}
    return render(request, "identity/review.html", context)


@requires(Perm.PERSON_CHANGE)
@require_POST
def decide(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    candidate = access_candidate_for_change(user=user, public_id=public_id)
    verdict = request.POST.get("verdict", "")
    kept = None
    if verdict == Verdict.SAME:
        chosen = parse_public_id(request.POST.get("kept", ""))
        kept = next((p for p in (candidate.first, candidate.second) if p.public_id == chosen), None)
    try:
        services.pair_decide(
            actor=user,
            candidate=candidate,
            verdict=verdict,
            kept=kept,
            reasons=request.POST.get("reasons", ""),
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("identity:review")


@requires(Perm.PERSON_CHANGE)
@require_POST
def undo(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    decision = access_decision_for_change(user=user, public_id=public_id)
    try:
        services.decision_undo(actor=user, decision=decision)
    except PermissionDenied:
        raise NotFound from None
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The merge was undone."))
    target = decision.merged or decision.first
    return redirect("people:detail", public_id=target.public_id)


#: The registration form's fields the panel of likely existing records reads, by name.
LIKELY_FIELDS = ("family_name", "given_name", "patronymic", "date_of_birth")


@requires(Perm.PERSON_CREATE)
@require_GET
def likely(request: HttpRequest) -> HttpResponse:
    """The panel of likely existing records beside the registration form's names, fetched by
    htmx as the clerk types (one request per pause in typing). Only records the user's
    organisations registered or hold as the agency's country office: a record seen through a
    view-only share is not offered. The records shown, with their names, are logged as read
    (as the panel shown after submitting is)."""
    user = request_user(request)
    typed = {name: request.GET.get(f"principal-{name}", "").strip()[:100] for name in LIKELY_FIELDS}
    try:
        birth = PartialDate.parse(typed["date_of_birth"])
    except ValidationError:
        birth = PartialDate.unknown()  # the form says what is wrong with it on submit
    data = PersonInput(
        family_name=typed["family_name"],
        given_name=typed["given_name"],
        patronymic=typed["patronymic"],
        birth=birth,
        sex="",
        citizenship_status="",
    )
    found = likely_matches(user, data, Perm.PERSON_CREATE)
    if found:
        access_log_record(
            reader=Reader.from_request(request),
            action="match",
            object_type="person",
            object_ids=[match.person.public_id for match in found],
        )
    asked = bool(typed["family_name"] and typed["given_name"])
    return render(request, "identity/_likely.html", {"likely": found, "asked": asked})


@requires(Perm.PERSON_CHANGE)
@require_GET
def runs(request: HttpRequest) -> HttpResponse:
    """Searches for duplicates over the registries of the countries whose agency office the
    user works for, with their progress; the table refreshes itself while one runs."""
    user = request_user(request)
    countries = Country.objects.filter(
        pk__in=user_scope(user, Perm.PERSON_CHANGE).agency_country_ids
    ).order_by("iso3")
    listed = list(MatchRun.objects.filter(country__in=countries).select_related("country")[:20])
    template = "identity/_runs.html" if request.headers.get("HX-Request") else "identity/runs.html"
    context = {
        "runs": listed,
        "countries": countries,
        "run_failed": errors.RUN_FAILED,
        # The table asks again every few seconds while a search is queued or running.
        "polling": any(run.status in (RunStatus.QUEUED, RunStatus.RUNNING) for run in listed),
    }
    return render(request, template, context)


@requires(Perm.PERSON_CHANGE)
@require_POST
def run_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    country = Country.objects.filter(iso3=request.POST.get("country", "")).first()
    if country is None:
        raise NotFound
    try:
        run_start(actor=user, country=country)
    except PermissionDenied:
        raise NotFound from None
    messages.success(request, _("The search for duplicates has been queued."))
    return redirect("identity:runs")
