"""Document numbers under the keys of QORGAU_DOCUMENT_KEYS, through cryptography's Fernet API
(issue 14): the first key encrypts, every key decrypts, numbers of the format before (keys
derived from SECRET_KEY by django-fernet-encrypted-fields) still read, and
``qorgau rotate-document-keys`` moves every number to the first key."""

import base64
import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from encrypted_fields.fields import EncryptedCharField

from qorgau.audit.models import SecurityEvent
from qorgau.people.models import Document, DocumentType
from qorgau.people.services.documents import (
    DOCUMENT_KEYS_ROTATED,
    document_add,
    document_keys_rotate,
    document_numbers_encrypt,
    document_update,
)

pytestmark = pytest.mark.django_db

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
NUMBERS = ["N1234567", "A" * 15, "B" * 16, "C" * 40, "Ә-12 345"]


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(clerk, agency)


def _add(clerk, person, number="N18594777"):
    return document_add(
        actor=clerk, person=person, type=DocumentType.REFUGEE_CERTIFICATE, number=number
    )


def _raw(model, pk):
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {table} WHERE {column} = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def _store_raw(token, document):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Document._meta.db_table} SET number = %s WHERE id = %s",  # noqa: S608
            [token, document.pk],
        )


def _old_format(number):
    """A token as the code before this change wrote it: django-fernet-encrypted-fields' own
    field, keys derived from SECRET_KEY and QORGAU_ENCRYPTION_SALT."""
    return EncryptedCharField(max_length=64).get_prep_value(number)


def test_it_encrypts_with_the_first_key_and_decrypts_with_any():
    with override_settings(DOCUMENT_KEYS=[OLD_KEY]):
        old = document_numbers_encrypt(["N1"])[0]
    with override_settings(DOCUMENT_KEYS=[NEW_KEY, OLD_KEY]):
        token = document_numbers_encrypt(["N2"])[0]
        field = Document._meta.get_field("number")

        assert Fernet(NEW_KEY).decrypt(token.encode()) == b"N2"
        assert field.to_python(old) == "N1"


def test_it_makes_bulk_tokens_the_model_field_decrypts():
    tokens = document_numbers_encrypt(NUMBERS)

    field = Document._meta.get_field("number")
    assert [field.to_python(t) for t in tokens] == NUMBERS


def test_it_uses_a_fresh_iv_for_every_number():
    tokens = document_numbers_encrypt(["N1234567"] * 50)

    ivs = {base64.urlsafe_b64decode(t)[9:25] for t in tokens}
    assert len(ivs) == 50


def test_it_reads_a_number_stored_in_the_old_format(clerk, person):
    document = _add(clerk, person)
    _store_raw(_old_format("N18594777"), document)

    with override_settings(DOCUMENT_KEYS=[NEW_KEY]):
        assert Document.objects.get(pk=document.pk).number == "N18594777"


@override_settings(DOCUMENT_KEYS=[NEW_KEY, OLD_KEY])
def test_it_rotates_old_format_and_old_key_numbers_to_the_first_key(clerk, person):
    legacy = _add(clerk, person, number="N18594777")
    _store_raw(_old_format("N18594777"), legacy)
    with override_settings(DOCUMENT_KEYS=[OLD_KEY]):
        older = _add(clerk, person, number="AB 123 456")
        document_update(actor=clerk, document=older, issuer="Migration Service")
    current = _add(clerk, person, number="KZ0000001")
    before = _raw(Document, current.pk)

    result = document_keys_rotate(batch_size=2)

    for document, number in [(legacy, "N18594777"), (older, "AB 123 456")]:
        assert Fernet(NEW_KEY).decrypt(_raw(Document, document.pk).encode()) == number.encode()
    assert _raw(Document, current.pk) == before
    history = Document.history.model
    for row in history.objects.all():
        assert Fernet(NEW_KEY).decrypt(_raw(history, row.pk).encode())
    # Two documents, and the two history rows written under the old key.
    assert (result.rotated, result.unreadable) == (4, 0)
    with override_settings(DOCUMENT_KEYS=[NEW_KEY]):
        assert sorted(Document.objects.values_list("number", flat=True)) == [
            "AB 123 456",
            "KZ0000001",
            "N18594777",
        ]


@override_settings(DOCUMENT_KEYS=[NEW_KEY, OLD_KEY])
def test_a_second_rotation_changes_nothing(clerk, person):
    document = _add(clerk, person)
    _store_raw(_old_format("N18594777"), document)
    document_keys_rotate()
    after_first = _raw(Document, document.pk)

    again = document_keys_rotate()

    assert again.rotated == 0
    assert _raw(Document, document.pk) == after_first


@override_settings(DOCUMENT_KEYS=[NEW_KEY])
def test_it_leaves_a_number_no_key_opens_and_says_so(clerk, person):
    document = _add(clerk, person)
    stray = Fernet(Fernet.generate_key()).encrypt(b"N1").decode()
    _store_raw(stray, document)
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 values could not be decrypted"):
        call_command("rotate_document_keys", stdout=out)

    assert _raw(Document, document.pk) == stray
    assert "opened by no key" in out.getvalue()


@override_settings(DOCUMENT_KEYS=[NEW_KEY, OLD_KEY])
def test_the_command_shows_progress_and_logs_counts_only(clerk, person):
    for number in ["N1", "N2", "N3"]:
        document = _add(clerk, person, number=number)
        _store_raw(_old_format(number), document)
    out = io.StringIO()

    call_command("rotate_document_keys", "--batch-size", "2", stdout=out)

    text = out.getvalue()
    assert "people_document: 2 of 3" in text
    assert "people_document: 3 of 3" in text
    assert "3 re-encrypted" in text
    event = SecurityEvent.objects.get(event=DOCUMENT_KEYS_ROTATED)
    assert event.detail == {"rotated": 3, "current": 3, "unreadable": 0}  # 3 history rows


def test_the_command_prints_a_new_key():
    out = io.StringIO()

    call_command("rotate_document_keys", "--new-key", stdout=out)

    Fernet(out.getvalue().strip())  # a valid key
    assert Document.objects.count() == 0
