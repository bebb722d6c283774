"""Until a signed-in session has given its second factor, it reaches only the two-factor steps,
the language switch and log-out: every other page sends it to the code step (or, for a user who
must use two-factor sign-in and has no device yet, to enrolment), and the API answers 403 to it
(a request authenticated by an API token has no session user here and is the token's matter).

Installed after django-otp's ``OTPMiddleware``, which marks ``request.user`` verified when the
session holds a device that accepted a code."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from qorgau.organisations.models import User
from qorgau.twofactor import errors
from qorgau.twofactor.selectors import session_verified, two_factor_step

API_PREFIX = "/api/"
# Open before the second factor: the steps themselves, the language switch, log-out.
OPEN_URL_NAMES = ("twofactor:verify", "twofactor:enrol", "set_language", "logout")


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._open: frozenset[str] | None = None

    def open_paths(self) -> frozenset[str]:
        if self._open is None:
            self._open = frozenset(reverse(name) for name in OPEN_URL_NAMES)
        return self._open

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and request.path_info not in self.open_paths()
            and not session_verified(user)
        ):
            step = two_factor_step(user)
            if step is not None:
                if request.path_info.startswith(API_PREFIX):
                    return JsonResponse({"detail": str(errors.VERIFICATION_NEEDED)}, status=403)
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse(f'twofactor:{step}')}?{query}")
        return self.get_response(request)
