"""The Django admin asks for a verified device too (django-otp's ``OTPAdminSite``); its log-in is
the site's own two steps, so that there is one sign-in page, translated, with enrolment."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.admin import OTPAdminSite
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.organisations.models import User
from qorgau.twofactor.selectors import ENROL, session_verified, two_factor_step


class QorgauAdminSite(OTPAdminSite):
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        wanted = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
            wanted = reverse("admin:index")
        query = urlencode({"next": wanted})
        user = request.user
        if not isinstance(user, User):
            return redirect(f"{reverse('login')}?{query}")
        if not session_verified(user):
            step = two_factor_step(user) or ENROL
            return redirect(f"{reverse(f'twofactor:{step}')}?{query}")
        response: HttpResponse = super().login(request, extra_context)
        return response


def admin_site_requires_two_factor() -> None:
    """django-otp's documented way: the default site becomes an OTP admin site. django-otp's own
    device pages leave the admin: they show each user's secret key (anyone reading it could make
    that user's codes) and would change devices past the services and the security log; a reset
    is the members page's (``two_factor_reset``)."""
    admin.site.__class__ = QorgauAdminSite
    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
