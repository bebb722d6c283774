"""Recovery codes are kept only as a keyed digest (ADR 0039): HMAC-SHA256 of the normalised code
under a key derived from ``SECRET_KEY`` (Django's ``salted_hmac`` with this module's salt),
the first 80 bits written in lowercase base32, 16 characters: the width of django-otp's
``StaticToken.token`` column, twice the length of a code (eight characters), so a digest is
never taken for a code. A code has 40 random bits and is used once, under django-otp's
throttling, so a slow password hash would add nothing but time; the key means that a copy of
the database alone does not even allow an offline search. After a rotation of ``SECRET_KEY``,
codes made before it still work while the old key is in ``SECRET_KEY_FALLBACKS``."""

from __future__ import annotations

from base64 import b32encode

from django.conf import settings
from django.utils.crypto import salted_hmac

SALT = "qorgau.twofactor.recovery-code"
DIGEST_LENGTH = 16


def code_normalised(code: str) -> str:
    """A code as typed, without spaces or dashes, in lower case (as they are shown)."""
    return "".join(code.split()).replace("-", "").lower()


def recovery_code_digest(code: str, secret: str | None = None) -> str:
    """The stored form of a recovery code, under ``secret`` (by default ``SECRET_KEY``)."""
    mac = salted_hmac(SALT, code_normalised(code), secret=secret, algorithm="sha256")
    return b32encode(mac.digest()[:10]).decode().lower()


def recovery_code_digests(code: str) -> list[str]:
    """The forms a code made under the current key or an earlier one (fallbacks) is kept in."""
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [recovery_code_digest(code, key) for key in keys]
