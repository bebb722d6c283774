"""Refusals and exports on the security log, in one place for pages and API (ADR 0034).

A 403 or 404 that domain code raised (an access gate refusing another organisation's record, a
view-only share asking to write, a permission held nowhere), or the API's 403 for a permission
held nowhere (``ActionPermission``), is written as a security event
``denied``: who, the record's type and the id asked for when the refusal names them, the
route, the status and the refusal's code, and the client's address. The answer itself does not
change: a missing record and another organisation's still get the same 404."""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.exceptions import PermissionDenied as ApiPermissionDenied

from qorgau.audit.services import security_event_record
from qorgau.errors import NotAllowed, NotFound
from qorgau.organisations.models import User

DENIED = "denied"
EXPORT = "export"


def denial_record(request: HttpRequest, user: object, exc: Exception) -> None:
    """Log ``exc`` as a refusal if it is one and the user is logged in (an anonymous visitor
    is sent to log in before any gate is asked)."""
    if not isinstance(user, User):
        return
    if isinstance(exc, NotFound | NotAllowed):
        status, code = exc.status, exc.code
        object_type, object_id = exc.object_type, exc.object_id
    elif isinstance(exc, ApiPermissionDenied):
        status, code = exc.status_code, str(exc.default_code)
        object_type, object_id = "", None
    else:
        return
    route = request.resolver_match.view_name if request.resolver_match else ""
    detail: dict[str, object] = {
        "status": status,
        "code": code,
        "route": route,
        "method": request.method or "",
    }
    if object_type and object_id is None:
        detail["id"] = "malformed"
    security_event_record(
        actor=user,
        event=DENIED,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
        address=request.META.get("REMOTE_ADDR"),
    )


def export_record(request: HttpRequest, user: User, what: str, **detail: str) -> None:
    """Log a download of figures or records (``what``: ``chart``, ``factsheet``, ``figures``),
    with the codes that say which (country, date, format), never the content."""
    security_event_record(
        actor=user,
        event=EXPORT,
        detail={"what": what, **detail},
        address=request.META.get("REMOTE_ADDR"),
    )
