"""A file encrypted a block at a time (``DocumentCipher.encrypt_stream``, issue 16: the kept
copy of an imported file) is the Fernet token ``encrypt`` gives for the same bytes: every
configured key's ``decrypt`` opens it, whatever the size around the block and padding edges."""

import io
import os

import pytest
from cryptography.fernet import Fernet

from qorgau.people.models import encryption
from qorgau.people.models.encryption import DocumentCipher

FIRST, SECOND = Fernet.generate_key(), Fernet.generate_key()


@pytest.mark.parametrize("size", [0, 1, 2, 3, 15, 16, 17, 47, 48, 49, 95, 96, 97, 1000])
def test_it_streams_the_token_encrypt_gives(monkeypatch, size):
    monkeypatch.setattr(encryption, "STREAM_BLOCK", 48)  # many blocks for a small file
    cipher = DocumentCipher([FIRST, SECOND])
    data = os.urandom(size)
    kept = io.BytesIO()
    cipher.encrypt_stream(io.BytesIO(data), kept)
    token = kept.getvalue()
    assert cipher.decrypt(token) == data
    assert Fernet(FIRST).decrypt(token) == data
    assert len(token) == len(cipher.encrypt(data))
    assert cipher.is_current(token)


def test_it_encrypts_under_the_first_key_only():
    kept = io.BytesIO()
    DocumentCipher([FIRST, SECOND]).encrypt_stream(io.BytesIO(b"row,one\n"), kept)
    assert DocumentCipher([SECOND, FIRST]).decrypt(kept.getvalue()) == b"row,one\n"
    assert not DocumentCipher([SECOND]).is_current(kept.getvalue())
