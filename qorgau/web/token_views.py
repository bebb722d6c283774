"""The API's token endpoints (docs/adr/0035-sign-in-sessions-tokens-proxies.md): issue,
revoke, revoke all.

``POST /api/v1/auth/token/`` issues a token to a user who signs in with their session or with
their username and password (HTTP Basic, checked through the same back-ends and lock-out as
the log-in form); ``/api/v1/auth/logout/`` revokes the token used, ``/api/v1/auth/logout-all/``
every token and every session of the user.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from knox.views import LoginView, LogoutAllView, LogoutView
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.request import Request
from rest_framework.response import Response

from qorgau.audit.services import security_event_record
from qorgau.errors import NotAllowed
from qorgau.organisations.lockout import client_address
from qorgau.organisations.services import user_sessions_end
from qorgau.web.requests import request_user
from qorgau.web.tokens import (
    PASSWORD_ALONE_REFUSED,
    ExpiringTokenAuthentication,
    password_token_allowed,
)


class TokenIssueView(LoginView):
    """A new API token for the signed-in user (by session, or username and password)."""

    # Basic first: its WWW-Authenticate header makes a request without credentials 401.
    authentication_classes = [BasicAuthentication, SessionAuthentication]

    @extend_schema(tags=["auth"], request=None, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request, format: str | None = None) -> Response:
        by_password = isinstance(request.successful_authenticator, BasicAuthentication)
        if by_password and not password_token_allowed(request_user(request)):
            # A password alone never yields a token to someone who signs in with a second
            # factor: the session route, which has given the code, is theirs (issue 14).
            security_event_record(
                actor=request_user(request),
                event="token_refused",
                detail={"reason": "second_factor"},
                address=client_address(request),
            )
            raise NotAllowed(PASSWORD_ALONE_REFUSED, code="second_factor_required")
        response = super().post(request, format)
        if response.status_code == 200:
            security_event_record(
                actor=request_user(request),
                event="token_created",
                detail={"hours": int(self.get_token_ttl().total_seconds() // 3600)},
                address=client_address(request),
            )
        return response


class TokenRevokeView(LogoutView):
    """Revoke the token this request is made with."""

    authentication_classes = [ExpiringTokenAuthentication]

    @extend_schema(tags=["auth"], request=None, responses={204: None})
    def post(self, request: Request, format: str | None = None) -> Response:
        request.auth.delete()
        security_event_record(
            actor=request_user(request), event="token_revoked", address=client_address(request)
        )
        return Response(status=204)


class TokenRevokeAllView(LogoutAllView):
    """Revoke every token of the user and end every session of theirs."""

    authentication_classes = [ExpiringTokenAuthentication]

    @extend_schema(tags=["auth"], request=None, responses={204: None})
    def post(self, request: Request, format: str | None = None) -> Response:
        user_sessions_end(
            user=request_user(request), reason="logout_all", address=client_address(request)
        )
        return Response(status=204)
