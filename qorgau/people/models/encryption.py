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
import os
import struct
import time
from functools import cache
from typing import IO, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
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
#: What ``DocumentCipher.encrypt_stream`` reads at a time (a multiple of 3 and of 16 bytes).
STREAM_BLOCK = 3 << 18


class DocumentCipher:
    """Encrypts with the first configured key; decrypts with any configured key, and then
    with the keys of the format before ``QORGAU_DOCUMENT_KEYS``."""

    def __init__(self, keys: list[bytes]) -> None:
        self.primary = Fernet(keys[0])
        self.current = MultiFernet([Fernet(key) for key in keys])
        self._primary_key = base64.urlsafe_b64decode(keys[0])

    def encrypt(self, data: bytes) -> bytes:
        return self.current.encrypt(data)

    def encrypt_stream(self, source: IO[bytes], target: IO[bytes]) -> None:
        """Write to ``target`` the Fernet token of everything ``source`` holds, under the first
        key, a block at a time: the very token ``encrypt`` would give (``decrypt`` opens it),
        without the five copies of the data ``Fernet.encrypt`` holds at once (an imported
        file of 16 MB cost 120 MB of peak memory). The format is Fernet's specification:
        base64url of version, time stamp, IV, AES-128-CBC ciphertext (PKCS7), HMAC-SHA256."""
        signing, encryption = self._primary_key[:16], self._primary_key[16:]
        iv = os.urandom(16)
        encryptor = Cipher(algorithms.AES(encryption), modes.CBC(iv)).encryptor()
        padder = padding.PKCS7(algorithms.AES.block_size).padder()
        signer = crypto_hmac.HMAC(signing, hashes.SHA256())
        pending = b""  # bytes not yet base64-encoded (fewer than three)

        def emit(part: bytes) -> None:
            nonlocal pending
            signer.update(part)
            part, pending = pending + part, b""
            cut = len(part) - len(part) % 3
            target.write(base64.urlsafe_b64encode(part[:cut]))
            pending = part[cut:]

        emit(b"\x80" + struct.pack(">Q", int(time.time())) + iv)
        while block := source.read(STREAM_BLOCK):
            emit(encryptor.update(padder.update(block)))
        emit(encryptor.update(padder.finalize()) + encryptor.finalize())
        tail = pending + signer.finalize()
        target.write(base64.urlsafe_b64encode(tail))

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
