"""Document numbers encrypted in bulk: real Fernet tokens the model field reads back."""

import base64

import pytest
from cryptography.fernet import Fernet

from qorgau.people.models import Document
from qorgau.people.services.documents import document_numbers_encrypt, fernet_encrypt_many

NUMBERS = ["N1234567", "", "A" * 15, "B" * 16, "C" * 40, "Ә-12 345"]


def _field():
    return Document._meta.get_field("number")


def test_it_makes_tokens_the_model_field_decrypts():
    tokens = document_numbers_encrypt(NUMBERS)

    assert [_field().f.decrypt(t.encode()).decode() for t in tokens] == NUMBERS


def test_it_uses_a_fresh_iv_for_every_number():
    tokens = document_numbers_encrypt(["N1234567"] * 50)

    ivs = {base64.urlsafe_b64decode(t)[9:25] for t in tokens}
    assert len(ivs) == 50


@pytest.mark.parametrize("message", [m.encode() for m in NUMBERS])
def test_it_gives_exactly_the_token_fernet_gives_for_the_same_iv_and_time(message):
    key = _field().keys[0]
    iv = bytes(range(16))

    token = fernet_encrypt_many(
        base64.urlsafe_b64decode(key), [message], now=1_700_000_000, ivs=[iv]
    )

    assert token[0].encode() == Fernet(key)._encrypt_from_parts(message, 1_700_000_000, iv)
