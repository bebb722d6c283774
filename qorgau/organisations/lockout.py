"""The log-in lock-out (django-axes): one account from one address, and one address across
every account, each with its own limit.

Axes compares the largest count of its lock-out parameters with one limit; an office behind one
address needs more room than a single account, so each parameter set here has its own limit
(``QORGAU_LOGIN_FAILURE_LIMIT`` for account and address together,
``QORGAU_LOGIN_ADDRESS_FAILURE_LIMIT`` for the address alone), in the order of
``AXES_LOCKOUT_PARAMETERS``.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, which ``qorgau serve`` takes from the trusted
    proxy's X-Forwarded-For and from nothing a client sends directly (docs/operations.md)."""
    return request.META.get("REMOTE_ADDR") or None


def failure_limits() -> list[int]:
    """The limit of each lock-out parameter set, in the order of ``AXES_LOCKOUT_PARAMETERS``."""
    return [settings.AXES_FAILURE_LIMIT, settings.LOGIN_ADDRESS_FAILURE_LIMIT]


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per parameter set."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """Failures on axes' scale: its limit when any set has reached its own limit, else
        the largest count below it, so that axes' single comparison locks exactly then."""
        attempts_list = self.get_user_attempts(request, credentials)
        limit = settings.AXES_FAILURE_LIMIT
        scaled = 0
        for attempts, own_limit in zip(attempts_list, failure_limits(), strict=True):
            count = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            if count >= own_limit:
                return limit
            scaled = max(scaled, count * limit // own_limit)
        return min(scaled, limit - 1)
