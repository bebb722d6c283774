"""Argon2id at the OWASP minimum, so that several log-ins at once fit in the server's memory."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import hashers

from qorgau.organisations.hashers import Argon2PasswordHasher


def test_it_hashes_with_19_mib_two_passes_and_one_lane(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["qorgau.organisations.hashers.Argon2PasswordHasher"]
    encoded = hashers.make_password("synthetic-passphrase")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert hashers.check_password("synthetic-passphrase", encoded)


def test_it_reads_djangos_heavier_hashes_and_rehashes_them(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["qorgau.organisations.hashers.Argon2PasswordHasher"]
    old = hashers.Argon2PasswordHasher()
    encoded = old.encode("synthetic-passphrase", old.salt())
    assert hashers.check_password("synthetic-passphrase", encoded)
    assert Argon2PasswordHasher().must_update(encoded)
    assert not Argon2PasswordHasher().must_update(hashers.make_password("synthetic-passphrase"))
