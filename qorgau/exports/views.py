"""Pages of list exports: choose the fields and filters, follow the progress, download."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from qorgau.exports import errors
from qorgau.exports.access import access_export
from qorgau.exports.forms import ExportForm
from qorgau.exports.models import ExportFormat, ExportStatus
from qorgau.exports.selectors import export_columns, exports_of
from qorgau.exports.services import export_file, export_request, exports_purge
from qorgau.exports.tasks import export_start
from qorgau.organisations.permissions import Perm
from qorgau.people.lists import PERSON_FILTERS
from qorgau.people.selectors import SEARCH_CAP
from qorgau.web.requests import request_user, requires
from qorgau.web.throttles import export_throttled

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _page(request: HttpRequest, form: ExportForm, status: int = 200) -> HttpResponse:
    user = request_user(request)
    listed = exports_of(user)
    template = "exports/_list.html" if request.headers.get("HX-Request") else "exports/list.html"
    context = {
        "form": form,
        "exports": listed,
        "export_failed": errors.EXPORT_FAILED,
        "hours": settings.LIST_EXPORT_HOURS,
        "search_cap": SEARCH_CAP,
        # The list asks again every few seconds while an export is queued or running.
        "polling": any(e.status in (ExportStatus.QUEUED, ExportStatus.RUNNING) for e in listed),
    }
    return render(request, template, context, status=status)


@requires(Perm.PERSON_VIEW)
@require_GET
def export_list(request: HttpRequest) -> HttpResponse:
    """The export form and the user's exports; from "Export these" on the search page
    (``?q=…`` and the search's filters), the form exports the people that search finds."""
    exports_purge()
    asked = {name: request.GET.get(name, "")[:200] for name in ("q", *PERSON_FILTERS)}
    form = ExportForm(
        columns=export_columns(request_user(request)), initial={k: v for k, v in asked.items() if v}
    )
    return _page(request, form)


@requires(Perm.PERSON_VIEW)
@require_POST
@export_throttled
def export_new(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    form = ExportForm(request.POST, columns=export_columns(user))
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    try:
        export = export_request(
            actor=user,
            format=data["format"],
            fields=data["columns"],
            filters={name: data.get(name, "") for name in PERSON_FILTERS},
            query=data.get("q", ""),
            address=request.META.get("REMOTE_ADDR"),
        )
    except ValidationError as exc:
        for name, problems in exc.error_dict.items():
            name = "columns" if name == "fields" else name
            shown = name in form.fields and not form[name].is_hidden
            form.add_error(name if shown else None, problems)
        return _page(request, form, status=400)
    if export_start(export):
        messages.success(request, _("The export is ready to download."))
    else:
        messages.success(request, _("The export has been queued; this page shows its progress."))
    return redirect("exports:list")


@requires(Perm.PERSON_VIEW)
@require_GET
@export_throttled
def export_download(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    export = access_export(user=user, public_id=public_id)
    data = export_file(actor=user, export=export, address=request.META.get("REMOTE_ADDR"))
    response = HttpResponse(data, content_type=CONTENT_TYPES[ExportFormat(export.format)])
    response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
    return response
