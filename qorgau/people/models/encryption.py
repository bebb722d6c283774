"""The keys of document numbers, and the model fields that encrypt with them (ADR 0032, 0059).

Numbers are Fernet tokens (``cryptography``'s public API: AES-128-CBC with HMAC-SHA256) under
the keys of ``QORGAU_DOCUMENT_KEYS``: a ``MultiFernet`` whose first key encrypts and whose every
key decrypts, so a new key goes first and the old ones stay until ``qorgau
rotate-document-keys`` has re-encrypted every number. Numbers written before these keys
existed were encrypted by django-fernet-encrypted-fields under keys derived from
``SECRET_KEY`` and ``QORGAU_ENCRYPTION_SALT``: those keys (slow to derive on purpose) are
derived only when a token does not open with the configured ones, and the rotate command
converts such tokens.

The same keys encrypt the other short personal values kept at rest (``EncryptedPersonalField``:
the contacts and names people leave with the hotline); the rotate command finds every column of
either field through the app registry (:func:`encrypted_columns`), so an app above ``people``
needs no registration and ``people`` imports none of them.
"""

from __future__ import annotations

import base64
import hmac
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.apps import apps
from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from encrypted_fields.fields import EncryptedCharField

__all__ = [
    "DocumentCipher",
    "EncryptedNumberField",
    "EncryptedPersonalField",
    "document_cipher",
    "encrypted_columns",
]

_SETTINGS = {"DOCUMENT_KEYS", "SECRET_KEY", "SECRET_KEY_FALLBACKS", "SALT_KEY"}


class DocumentCipher:
    """Encrypts with the first configured key; decrypts with any configured key, and then
    with the keys of the format before ``QORGAU_DOCUMENT_KEYS``."""

    def __init__(self, keys: list[bytes]) -> None:
        self.primary = Fernet(keys[0])
        self.current = MultiFernet([Fernet(key) for key in keys])

    def encrypt(self, data: bytes) -> bytes:
        return self.current.encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        try:
            return self.current.decrypt(token)
        except InvalidToken:
            return MultiFernet(_legacy()).decrypt(token)

    def is_current(self, token: bytes) -> bool:
        """Whether the first key opens the token: the rotation has nothing to do for it."""
        try:
            self.primary.decrypt(token)
        except InvalidToken:
            return False
        return True

    def rotate(self, token: bytes) -> bytes:
        """The token re-encrypted under the first key, its time stamp kept (``MultiFernet.
        rotate``); ``InvalidToken`` if no key, configured or earlier, opens it."""
        try:
            return self.current.rotate(token)
        except InvalidToken:
            return MultiFernet([self.primary, *_legacy()]).rotate(token)


def _development_key() -> bytes:
    """Without ``QORGAU_DOCUMENT_KEYS`` (development only), a key derived from SECRET_KEY."""
    digest = hmac.digest(settings.SECRET_KEY.encode(), b"qorgau-document-keys", "sha256")
    return base64.urlsafe_b64encode(digest)


@cache
def document_cipher() -> DocumentCipher:
    keys = [key.encode() for key in settings.DOCUMENT_KEYS] or [_development_key()]
    return DocumentCipher(keys)


@cache
def _legacy() -> tuple[Fernet, ...]:
    """The keys django-fernet-encrypted-fields derived for the numbers stored before
    ``QORGAU_DOCUMENT_KEYS``: PBKDF2 (100,000 rounds) of every SECRET_KEY, current and
    fallbacks, with every salt, in that order."""
    salts = settings.SALT_KEY if isinstance(settings.SALT_KEY, list) else [settings.SALT_KEY]
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    keys = []
    for secret in secrets:
        for salt in salts:
            kdf = PBKDF2HMAC(
                algorithm=hashes.SHA256(), length=32, salt=salt.encode(), iterations=100_000
            )
            keys.append(Fernet(base64.urlsafe_b64encode(kdf.derive(secret.encode()))))
    return tuple(keys)


@receiver(setting_changed)
def _keys_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in _SETTINGS:
        document_cipher.cache_clear()
        _legacy.cache_clear()


class EncryptedNumberField(EncryptedCharField, models.CharField):
    """django-fernet-encrypted-fields' text field (a token in a text column, decrypted when
    read), with the keys of :func:`document_cipher` instead of keys derived from SECRET_KEY."""

    @property
    def keys(self) -> list[bytes]:
        return [key.encode() for key in settings.DOCUMENT_KEYS] or [_development_key()]

    @property
    def f(self) -> DocumentCipher:
        return document_cipher()


class EncryptedPersonalField(EncryptedNumberField):
    """A short personal value (a phone number, an email address, a name) encrypted under the
    same keys as document numbers. Unlike the library's field, an empty value is stored as an
    empty string (not NULL), so an optional value needs no nullable column; the emptiness of
    an optional name or contact is all it tells. Encrypted columns cannot be filtered on: a
    look-up needs a keyed hash beside the column, as document numbers have."""

    def get_prep_value(self, value: Any) -> Any:
        if value == "":
            return ""
        return super().get_prep_value(value)


def encrypted_columns() -> list[tuple[type[models.Model], list[str]]]:
    """Every installed model (change history included) with the columns of its fields encrypted
    under the document keys, in a stable order: what ``qorgau rotate-document-keys`` walks."""
    found: list[tuple[type[models.Model], list[str]]] = []
    for model in apps.get_models():
        columns = [
            str(f.column)
            for f in model._meta.concrete_fields
            if isinstance(f, EncryptedNumberField)
        ]
        if columns:
            found.append((model, columns))
    return sorted(found, key=lambda pair: pair[0]._meta.db_table)
