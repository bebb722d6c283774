"""The second step of sign-in, enrolment, recovery codes and the administrators' reset page:
parse, gate, one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from qorgau.errors import NotAllowed
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere
from qorgau.twofactor import selectors, services
from qorgau.twofactor.access import access_member_for_reset
from qorgau.twofactor.forms import CodeForm, SignInCodeForm
from qorgau.twofactor.policy import two_factor_required
from qorgau.web.requests import request_user

SESSION_KEY = "twofactor_enrolment_key"


def _address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _next(request: HttpRequest) -> str:
    """Where to go once the step is done: the page asked for, if it is one of this site's."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("home")


def _verified(request: HttpRequest, user: User) -> None:
    """Mark the session verified with the user's authenticator, under a new session key."""
    device = selectors.totp_device(user)
    if device is not None:
        otp_login(request, device)
        request.session.cycle_key()


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The code step of sign-in: an authenticator code or a recovery code."""
    user = request_user(request)
    if selectors.session_verified(user):
        return redirect(_next(request))
    if not selectors.two_factor_enrolled(user):
        return redirect(f"{reverse('twofactor:enrol')}?{request.GET.urlencode()}")
    form = SignInCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_verify(
                user=user, code=form.cleaned_data["code"], address=_address(request)
            )
        except ValidationError as exc:
            form.add_error("code", exc.messages)
        else:
            otp_login(request, device)
            request.session.cycle_key()
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code; %(left)s are left. "
                        "Make new ones on your account page if you are running out."
                    )
                    % {"left": selectors.recovery_codes_left(user)},
                )
            return redirect(_next(request))
    return render(
        request,
        "twofactor/verify.html",
        {"form": form, "next": _next(request), "two_factor_pending": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator: a secret as a QR code and as text, confirmed with its first
    code; then the recovery codes, shown once."""
    user = request_user(request)
    if selectors.two_factor_enrolled(user):
        return redirect(
            "twofactor:account" if selectors.session_verified(user) else "twofactor:verify"
        )
    key = request.session.get(SESSION_KEY) or services.enrolment_key_new()
    request.session[SESSION_KEY] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_enrol(
                actor=user, key=key, code=form.cleaned_data["code"], address=_address(request)
            )
        except ValidationError as exc:
            form.add_error("code", exc.messages)
        else:
            del request.session[SESSION_KEY]
            _verified(request, user)
            return render(request, "twofactor/codes.html", {"codes": codes, "next": _next(request)})
    return render(
        request,
        "twofactor/enrol.html",
        {
            "form": form,
            "enrolment": selectors.enrolment(user, key),
            "required": two_factor_required(user),
            "next": _next(request),
            "two_factor_pending": not selectors.session_verified(user),
        },
    )


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    return render(
        request,
        "twofactor/account.html",
        {
            "enrolled": selectors.two_factor_enrolled(user),
            "required": two_factor_required(user),
            "codes_left": selectors.recovery_codes_left(user),
            "manages": _manages(user),
        },
    )


@login_required
@require_POST
def codes_renew(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    codes = services.two_factor_recovery_codes_renew(actor=user, address=_address(request))
    return render(
        request, "twofactor/codes.html", {"codes": codes, "next": reverse("twofactor:account")}
    )


def _manages(user: User) -> bool:
    return user.is_superuser or user_has_perm_somewhere(user, Perm.ORGANISATION_MANAGE)


@login_required
@require_GET
def members(request: HttpRequest) -> HttpResponse:
    """The members an administrator manages, whether each has set up two-factor sign-in, and a
    reset for one who lost their phone."""
    user = request_user(request)
    if not _manages(user):
        raise NotAllowed
    return render(request, "twofactor/members.html", {"members": selectors.members_for_reset(user)})


@login_required
@require_POST
def member_reset(request: HttpRequest, public_id: str) -> HttpResponse:
    user = request_user(request)
    if not _manages(user):
        raise NotAllowed
    member = access_member_for_reset(user=user, public_id=public_id)
    services.two_factor_reset(actor=user, user=member, address=_address(request))
    messages.success(
        request,
        _("Two-factor sign-in of %(user)s was reset: they set it up again at their next sign-in.")
        % {"user": member.get_username()},
    )
    return redirect("twofactor:members")
