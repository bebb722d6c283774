"""API tokens (django-rest-knox, docs/adr/0035-sign-in-sessions-tokens-proxies.md): stored
hashed, expiring after ``QORGAU_API_TOKEN_HOURS``, revoked at log-out, on a password change
and at deactivation. The endpoints are in ``token_views.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication
from rest_framework import exceptions

TOKEN_REFUSED = _(
    "The token is unknown, has expired or was revoked (log-out, password change or "
    "deactivation): request a new one."
)
USER_INACTIVE = _("This account is deactivated.")
PASSWORD_ALONE_REFUSED = _(
    "This account signs in with a second factor: log in on the page with your code, then ask "
    "for a token from that session."
)

#: Checks of whether a user may get a token with their password alone (HTTP Basic), each
#: answering True when allowed. Registered by the apps that know (two-factor sign-in registers
#: its own at start-up: ``twofactor/apps.py``), since this floor may not import them.
password_token_checks: list[Callable[[Any], bool]] = []


def password_token_allowed(user: Any) -> bool:
    return all(check(user) for check in password_token_checks)


class ExpiringTokenAuthentication(TokenAuthentication):
    """Knox's authentication with one clear, translated message for every refused token."""

    def authenticate_credentials(self, token: bytes) -> tuple[Any, Any]:
        try:
            return super().authenticate_credentials(token)
        except exceptions.AuthenticationFailed as exc:
            raise exceptions.AuthenticationFailed(TOKEN_REFUSED) from exc

    def validate_user(self, auth_token: Any) -> tuple[Any, Any]:
        if not auth_token.user.is_active:
            raise exceptions.AuthenticationFailed(USER_INACTIVE)
        return (auth_token.user, auth_token)


class ExpiringTokenScheme(KnoxTokenScheme):
    """The API schema's description of these tokens (``Authorization: Token …``)."""

    target_class = "qorgau.web.tokens.ExpiringTokenAuthentication"
    name = "tokenAuth"
