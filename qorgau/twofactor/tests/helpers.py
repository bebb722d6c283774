"""Signed-in test clients whose session has given its second factor, as after the code step:
the user gets a confirmed authenticator (one is made if they have none) and the session holds
it, exactly what ``django_otp.login`` stores. Used by the shared fixtures (``login``, the
browser tests' session cookie, the page sweeps), so the requirement stays on in every test."""

from __future__ import annotations

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.organisations.models import User
from qorgau.twofactor.services import TOTP_DEVICE

BACKEND = "django.contrib.auth.backends.ModelBackend"


def authenticator_for(user: User) -> TOTPDevice:
    """The user's confirmed authenticator, made when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE, confirmed=True)


def session_verified(client: Client, user: User) -> None:
    """Mark the client's (logged-in) session as verified with ``user``'s authenticator."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()


def verified_login(client: Client, user: User) -> Client:
    """``client.force_login(user)`` and the second factor, as a completed sign-in."""
    client.force_login(user, backend=BACKEND)
    session_verified(client, user)
    return client


def code_now(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app holding ``device``'s key shows now (or ``steps_ahead``
    time steps of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def code_next(device: TOTPDevice) -> str:
    """The first code the device still accepts: the one an app shows now, or, when the
    current time step has already been used (``last_t``), the next step's. Computed from the
    stored device at the moment of the call, so a step boundary crossed since the last
    sign-in cannot make it two steps ahead (beyond the tolerance of one)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return code_of_step(device, max(totp.t(), device.last_t + 1))


def code_of_step(device: TOTPDevice, t: int) -> str:
    """The code of time step ``t`` (counted as ``last_t`` is, drift included)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = device.t0 + (t - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"


def enrolled(user: User) -> tuple[TOTPDevice, list[str]]:
    """Enrol ``user`` through the service, as the enrolment page does; returns the
    authenticator and the recovery codes. The current time step is then used: the next code
    accepted is the one of the next step (``code_now(device, 1)``)."""
    from qorgau.twofactor.services import enrolment_key_new, two_factor_enrol

    key = enrolment_key_new()
    codes = two_factor_enrol(actor=user, key=key, code=code_for_key(key))
    return TOTPDevice.objects.get(user=user, confirmed=True), codes


def code_for_key(key: str) -> str:
    """The code an app shows now for a hex key (as on the enrolment page)."""
    return code_now(TOTPDevice(key=key))
