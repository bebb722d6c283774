"""Writes of two-factor sign-in (django-otp devices): enrolment, the code step, new recovery
codes and a reset by an administrator. Each writes a security event (``audit.SecurityEvent``)
with codes and ids only, never a code or a secret; a refusal is recorded outside the write's
transaction, so that it is kept (and so is django-otp's count of failures, which throttles the
next try)."""

from __future__ import annotations

import time
from binascii import unhexlify

from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed
from qorgau.organisations.models import Membership, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.twofactor import errors
from qorgau.twofactor.digests import code_normalised, recovery_code_digest, recovery_code_digests
from qorgau.twofactor.selectors import RECOVERY_DEVICE, two_factor_enrolled

RECOVERY_CODES = 10
TOTP_DEVICE = "authenticator"

# Security events (audit.SecurityEvent.event).
ENROLLED = "two_factor_enrolled"
VERIFIED = "two_factor_verified"
CODE_REFUSED = "two_factor_code_refused"
CODES_RENEWED = "two_factor_codes_renewed"
RESET = "two_factor_reset"
RESET_REFUSED = "two_factor_reset_refused"


def enrolment_key_new() -> str:
    """A new TOTP secret (20 random bytes, hex), kept in the session until confirmed."""
    return random_hex(20)


def _record(
    actor: User, event: str, about: User, detail: dict[str, object], address: str | None
) -> None:
    """One security event about ``about``'s two-factor sign-in (codes and ids only)."""
    security_event_record(
        actor=actor,
        event=event,
        object_type="user",
        object_id=about.public_id,
        detail=detail,
        address=address,
    )


def _refused(user: User, stage: str, method: str, reason: str, address: str | None) -> None:
    _record(user, CODE_REFUSED, user, {"stage": stage, "method": method, "reason": reason}, address)


def _recovery_codes_new(device: StaticDevice) -> list[str]:
    """Ten new codes, returned to be shown once; only their digests are stored (ADR 0039)."""
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=recovery_code_digest(c)) for c in codes]
    )
    return codes


def _recovery_code_use(device: StaticDevice, code: str) -> bool:
    """django-otp's ``StaticDevice.verify_token`` against the stored digests: the matching
    code is used up and the throttle reset, or the failure counted."""
    match = device.token_set.filter(token__in=recovery_code_digests(code)).first()
    if match is None:
        device.throttle_increment()
        return False
    match.delete()
    device.throttle_reset(commit=False)
    device.set_last_used_timestamp(commit=False)
    device.save()
    return True


def two_factor_enrol(*, actor: User, key: str, code: str, address: str | None = None) -> list[str]:
    """Set up the actor's authenticator with ``key`` once ``code`` shows the app holds it, and
    give ten single-use recovery codes (returned here, shown once; only their digests are
    stored).

    The code's time step is stored as used (``last_t``), so the same code cannot also pass the
    code step of the next sign-in."""
    token = code_normalised(code)
    totp = TOTP(unhexlify(key.encode()), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    if not (token.isdigit() and totp.verify(int(token), tolerance=1)):
        _refused(actor, "enrol", "totp", "wrong", address)
        raise Invalid(errors.CODE_WRONG, code="code_wrong", field="code")
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=actor.pk).first()  # one enrolment at a time
        if two_factor_enrolled(actor):
            raise Invalid(errors.ALREADY_ENROLLED, code="already_enrolled", field="code")
        TOTPDevice.objects.create(
            user=actor,
            name=TOTP_DEVICE,
            key=key,
            confirmed=True,
            last_t=totp.t(),
            drift=totp.drift,
            last_used_at=timezone.now(),
        )
        recovery = StaticDevice.objects.create(user=actor, name=RECOVERY_DEVICE, confirmed=True)
        codes = _recovery_codes_new(recovery)
        _record(actor, ENROLLED, actor, {"recovery_codes": RECOVERY_CODES}, address)
    return codes


def two_factor_verify(*, user: User, code: str, address: str | None = None) -> Device:
    """The device that accepts ``code`` at the code step: six digits for the authenticator,
    anything else a recovery code (used up by this). A wrong code, a code already used (TOTP
    accepts only a later time step than the last one) and a try while django-otp throttles
    after wrong ones are refused with a message and recorded."""
    token = code_normalised(code)
    method = "totp" if token.isdigit() else "recovery"
    model: type[TOTPDevice] | type[StaticDevice] = TOTPDevice if method == "totp" else StaticDevice
    wait = 0
    with transaction.atomic():
        device = model.objects.devices_for_user(user, confirmed=True).select_for_update().first()
        if device is None:
            outcome = "no_device"
        else:
            allowed, info = device.verify_is_allowed()
            if not allowed:
                outcome = "throttled"
                locked_until = (info or {}).get("locked_until", timezone.now())
                wait = max(1, int((locked_until - timezone.now()).total_seconds() + 0.999))
            elif (
                _recovery_code_use(device, token)
                if isinstance(device, StaticDevice)
                else device.verify_token(token)
            ):
                outcome = "ok"
            else:
                outcome = "wrong"  # django-otp counted the failure (committed with this block)
    if outcome != "ok" or device is None:
        _refused(user, "sign_in", method, outcome, address)
        if outcome == "throttled":
            raise Invalid(
                errors.CODE_THROTTLED, code="throttled", field="code", params={"seconds": wait}
            )
        message = errors.CODE_WRONG if method == "totp" else errors.RECOVERY_CODE_WRONG
        raise Invalid(message, code="code_wrong", field="code")
    detail: dict[str, object] = {"method": method}
    if method == "recovery":
        detail["recovery_codes_left"] = StaticToken.objects.filter(device=device).count()
    _record(user, VERIFIED, user, detail, address)
    return device


def two_factor_recovery_codes_renew(*, actor: User, address: str | None = None) -> list[str]:
    """Ten new recovery codes for the actor; the earlier ones stop working."""
    with transaction.atomic():
        if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
            raise Invalid(errors.NOT_ENROLLED, code="not_enrolled")
        found = StaticDevice.objects.devices_for_user(actor, confirmed=True).select_for_update()
        device = found.first() or StaticDevice.objects.create(
            user=actor, name=RECOVERY_DEVICE, confirmed=True
        )
        codes = _recovery_codes_new(device)
        _record(actor, CODES_RENEWED, actor, {"recovery_codes": RECOVERY_CODES}, address)
    return codes


def _may_reset(actor: User, user: User) -> bool:
    if actor.is_superuser:
        return True
    managed = user_scope(actor, Perm.ORGANISATION_MANAGE).organisation_ids
    return Membership.objects.filter(user=user, organisation_id__in=managed).exists()


def two_factor_reset(*, actor: User, user: User, address: str | None = None) -> int:
    """Remove every device of ``user`` (after a lost phone): their next sign-in sets up a new
    authenticator, and a session verified with the old one is verified no more. The actor must
    hold ``organisation.manage`` in an organisation ``user`` belongs to, or be a superuser.
    Returns how many devices were removed."""
    if not _may_reset(actor, user):
        _record(actor, RESET_REFUSED, user, {"reasons": ["no_permission"]}, address)
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, StaticDevice):
            removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
        _record(actor, RESET, user, {"devices": removed}, address)
    return removed
