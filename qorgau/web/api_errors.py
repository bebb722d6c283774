"""API error responses, in one place: a domain error (``qorgau.errors``) answers its own status
with its translated message (a stale version 409 with the current version), Django validation
errors 400 with the fields named, so every client gets the same messages as the web forms."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import NotFound as ApiNotFound
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from qorgau.errors import DomainError, Invalid, NotFound
from qorgau.web.security_log import denial_record
from qorgau.web.throttles import too_many_message

REQUEST_TOO_LARGE = _("The request is larger than this server accepts.")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    if request is not None:  # a refusal goes to the security log first (ADR 0034)
        denial_record(request._request, request.user, exc)
    if isinstance(exc, DomainError) and not (isinstance(exc, Invalid) and exc.status == 400):
        default = ApiNotFound.default_detail if isinstance(exc, NotFound) else None
        message = str(exc) or (default and str(default))
        return Response({"detail": message, **exc.details()}, status=exc.status)
    if isinstance(exc, DjangoValidationError):
        detail: Any = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = ValidationError(detail=detail)
    elif isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": str(REQUEST_TOO_LARGE)}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    elif isinstance(exc, Throttled):
        wait: float | None = getattr(exc, "wait", None)
        response = Response(
            {"detail": too_many_message(wait), "code": "throttled"},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
        )
        if wait is not None:
            response["Retry-After"] = str(max(1, int(wait + 0.999)))
        return response
    elif isinstance(exc, PermissionDenied):
        return Response({"detail": str(exc) or None}, status=status.HTTP_403_FORBIDDEN)
    return drf_exception_handler(exc, context)
