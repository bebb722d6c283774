"""Reads of two-factor sign-in: a user's devices, the step a session still has to take, and the
members whose devices an administrator may reset."""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_scope
from qorgau.twofactor.policy import two_factor_required

VERIFY = "verify"
ENROL = "enrol"


def totp_device(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator (one per user)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(
        device__user=user, device__confirmed=True, device__name=RECOVERY_DEVICE
    ).count()


RECOVERY_DEVICE = "recovery"


def two_factor_enrolled(user: User) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True).exists()
    )


def session_verified(user: object) -> bool:
    """Whether the request's user has given a second factor in this session (django-otp's
    ``OTPMiddleware`` marks it on ``request.user``)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


def two_factor_step(user: User) -> str | None:
    """What a signed-in session that has not given a second factor must do before anything
    else: ``VERIFY`` (the user has a device), ``ENROL`` (required of the user, no device yet),
    or None (neither: the user chose not to)."""
    if two_factor_enrolled(user):
        return VERIFY
    if two_factor_required(user):
        return ENROL
    return None


@dataclass(frozen=True)
class Enrolment:
    """What the enrolment page shows for a new secret: the QR code (an SVG as a data URI, made
    here: no script, no outside service) and the same secret as text, in groups of four."""

    qr_data_uri: str
    secret: str


def enrolment(user: User, key: str) -> Enrolment:
    secret = b32encode(unhexlify(key)).decode()
    label = f"{settings.OTP_TOTP_ISSUER}:{user.get_username()}"
    url = "otpauth://totp/{}?{}".format(
        quote(label),
        urlencode({"secret": secret, "issuer": settings.OTP_TOTP_ISSUER, "digits": 6}),
    )
    qr = segno.make(url, error="m")
    return Enrolment(
        qr_data_uri=qr.svg_data_uri(scale=5, border=2, dark="#000", light="#fff"),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


def members_for_reset(actor: User) -> QuerySet[User]:
    """The users whose two-factor sign-in ``actor`` may reset: members of the organisations
    where the actor holds ``organisation.manage`` (every user for a superuser), each marked
    ``enrolled`` when they have a device."""
    if actor.is_superuser:
        users = User.objects.all()
    else:
        managed = user_scope(actor, Perm.ORGANISATION_MANAGE).organisation_ids
        users = User.objects.filter(memberships__organisation_id__in=managed).distinct()
    return users.annotate(
        enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk")))
        | Exists(StaticDevice.objects.filter(user=OuterRef("pk")))
    ).order_by("username")
