"""Pages of the web import: upload → map the columns → preview → run in the background, with
its progress and summary, and the error report to download."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from qorgau.audit.services import Reader, access_log_record
from qorgau.errors import Invalid
from qorgau.imports import errors
from qorgau.imports.access import access_held_row, access_import_job
from qorgau.imports.documents import documents_suggest
from qorgau.imports.forms import MappingForm, RunForm, UploadForm
from qorgau.imports.mapping import mapping_suggest
from qorgau.imports.models import ImportJob, JobState
from qorgau.imports.selectors import (
    held_rows_review,
    import_job_preview,
    import_job_progress,
    import_jobs_listed,
    saved_mappings,
)
from qorgau.imports.services.held import held_row_register, held_row_same
from qorgau.imports.services.jobs import (
    import_job_file,
    import_job_interrupted,
    import_job_map,
    import_job_report,
    import_job_rerun,
    import_job_start,
    import_job_upload,
)
from qorgau.imports.tasks import import_job_enqueue
from qorgau.organisations.models import Organisation
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.people.access import access_person
from qorgau.web.requests import request_user, requires

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@requires(Perm.PERSON_CREATE)
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    """The upload form, and the user's own imports."""
    user = request_user(request)
    organisations = Organisation.objects.filter(
        pk__in=user_scope(user, Perm.PERSON_CREATE).organisation_ids
    ).order_by("name")
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations,
        initial={"organisation": organisations.first()},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        name = Path(upload.name or "upload").name
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{Path(name).suffix.lower()}"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            try:
                job = import_job_upload(
                    actor=user,
                    organisation=form.cleaned_data["organisation"],
                    path=path,
                    file_name=name,
                    language=get_language() or "",
                )
            except Invalid as error:
                form.add_error("file", str(error))
            else:
                return redirect("imports:map", job.public_id)
    jobs = import_jobs_listed(user)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "jobs": jobs, "max_mb": settings.IMPORT_MAX_FILE_MB}
    return render(request, "imports/list.html", context, status=status)


@requires(Perm.PERSON_CREATE)
@require_http_methods(["GET", "POST"])
def import_map(request: HttpRequest, public_id: str) -> HttpResponse:
    """Which column fills which field: a saved mapping chosen, or the suggestion from the
    headers; saved under a name for the organisation."""
    user = request_user(request)
    job = access_import_job(user=user, public_id=public_id)
    if job.state != JobState.UPLOADED:
        return redirect("imports:detail", job.public_id)
    mappings = saved_mappings(user, job)
    chosen_mapping = mappings.filter(name=request.GET.get("mapping", "")).first()
    if chosen_mapping is not None:
        chosen, name = chosen_mapping.columns, chosen_mapping.name
    else:
        chosen = mapping_suggest(job.columns)
        # A file of documents (a column named as a document number) gets their fields.
        chosen = documents_suggest(job.columns, chosen) or chosen
        name = Path(job.file_name).stem[:100]
    form = MappingForm(
        request.POST or None, columns=job.columns, chosen=chosen, initial={"name": name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            import_job_map(
                actor=user, job=job, name=form.cleaned_data["name"], columns=form.mapped()
            )
        except Invalid as error:
            form.add_error(None, str(error))
        else:
            return redirect("imports:preview", job.public_id)
    context = {"job": job, "form": form, "mappings": mappings, "chosen_mapping": chosen_mapping}
    return render(request, "imports/map.html", context, status=400 if form.errors else 200)


@requires(Perm.PERSON_CREATE)
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, public_id: str) -> HttpResponse:
    """The first rows with what the import would refuse in each; the run starts from here."""
    user = request_user(request)
    job = access_import_job(user=user, public_id=public_id)
    if job.state != JobState.UPLOADED:
        return redirect("imports:detail", job.public_id)
    if not job.mapping_name:
        return redirect("imports:map", job.public_id)
    form = RunForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        job = import_job_start(actor=user, job=job, skip_invalid=form.cleaned_data["skip_invalid"])
        import_job_enqueue(job)
        return redirect("imports:detail", job.public_id)
    mapping = saved_mappings(user, job).filter(name=job.mapping_name).first()
    columns = mapping.columns if mapping is not None else {}
    with import_job_file(job) as path:
        preview = import_job_preview(job, path, columns)
    invalid = sum(1 for row in preview.rows if row.problems)
    context = {"job": job, "form": form, "preview": preview, "invalid": invalid}
    return render(request, "imports/preview.html", context)


def _progress_context(job: ImportJob) -> dict[str, object]:
    done = import_job_progress(job)
    run = job.run
    interrupted = import_job_interrupted(job)
    return {
        "job": job,
        "run": run,
        "done": done,
        "percent": min(100, round(100 * done / job.total)) if job.total else 0,
        "polling": job.state in (JobState.QUEUED, JobState.RUNNING) and not interrupted,
        "interrupted": interrupted,
        "nothing_changed": run is not None
        and run.state == "done"
        and run.rows > 0
        and run.created == run.updated == run.held == run.invalid == 0,
        "failed_message": job.error or errors.FAILED,
        "interrupted_message": errors.INTERRUPTED,
    }


@requires(Perm.PERSON_CREATE)
@require_GET
def import_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """The run's progress (the page asks again every few seconds), then its summary."""
    job = access_import_job(user=request_user(request), public_id=public_id)
    partial = bool(request.headers.get("HX-Request"))
    template = "imports/_progress.html" if partial else "imports/detail.html"
    return render(request, template, _progress_context(job))


@requires(Perm.PERSON_CREATE)
@require_POST
def import_rerun(request: HttpRequest, public_id: str) -> HttpResponse:
    """Run again an import whose worker was interrupted (nothing of it was stored)."""
    user = request_user(request)
    job = access_import_job(user=user, public_id=public_id)
    try:
        job = import_job_rerun(actor=user, job=job)
    except Invalid as error:
        messages.error(request, str(error))
    else:
        import_job_enqueue(job)
    return redirect("imports:detail", job.public_id)


@requires(Perm.PERSON_CREATE)
@require_GET
def import_report(request: HttpRequest, public_id: str, format: str) -> HttpResponse:
    user = request_user(request)
    job = access_import_job(user=user, public_id=public_id)
    data = import_job_report(
        actor=user, job=job, format=format, address=request.META.get("REMOTE_ADDR")
    )
    response = HttpResponse(data, content_type=CONTENT_TYPES[format])
    # Not the uploaded file's name: it is the partner's text, unfit for a header.
    response["Content-Disposition"] = f'attachment; filename="import-errors.{format}"'
    return response


@requires(Perm.PERSON_CREATE)
@require_GET
def held_rows(request: HttpRequest) -> HttpResponse:
    """The rows imports held because they look like someone already registered, each with the
    records it resembles that the user may see (each shown record logged as a read)."""
    rows = held_rows_review(request_user(request))
    access_log_record(
        reader=Reader.from_request(request),
        action="view",
        object_type="person",
        object_ids=[c.person.public_id for row in rows for c in row.candidates],
    )
    return render(request, "imports/held.html", {"rows": rows})


@requires(Perm.PERSON_CREATE)
@require_POST
def held_row_decide(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    held = access_held_row(user=user, public_id=public_id)
    try:
        if request.POST.get("decision") == "new":
            held_row_register(actor=user, held=held)
            messages.success(request, _("The row was registered as a new person."))
        else:
            reader = Reader.from_request(request)
            person = access_person(reader=reader, public_id=request.POST.get("person", ""))
            held_row_same(actor=user, held=held, person=person)
            messages.success(
                request,
                _(
                    "The row was recorded as the same person as the record: later imports of "
                    "this row find that record (and update it where you may change it) instead "
                    "of holding the row again."
                ),
            )
    except Invalid as error:
        messages.error(request, str(error))
    return redirect("imports:held")
