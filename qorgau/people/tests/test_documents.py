"""Documents: numbers encrypted at rest, found through a keyed hash of the normalised number."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from qorgau.people import errors
from qorgau.people.models import Document, DocumentType
from qorgau.people.services.documents import document_add, document_update
from qorgau.people.tests.searching import found as _found

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(clerk, agency)


def _add(clerk, person, number="ab123456", **fields):
    return document_add(
        actor=clerk, person=person, type=DocumentType.REFUGEE_CERTIFICATE, number=number, **fields
    )


def _raw_number(document):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT number FROM {Document._meta.db_table} WHERE id = %s",  # noqa: S608
            [document.pk],
        )
        (value,) = cursor.fetchone()
    return value if isinstance(value, str) else bytes(value).decode("latin-1")


def test_it_stores_the_number_encrypted(clerk, person):
    document = _add(clerk, person, number="ab123456")

    raw = _raw_number(document)
    assert raw
    assert "ab123456" not in raw.lower()
    assert "123456" not in raw
    assert Document.objects.get(pk=document.pk).number == "ab123456"


@pytest.mark.parametrize("query", ["AB 123 456", "ab123456", "Ab-123-456", " ab 12 34 56 "])
def test_it_finds_the_person_by_document_number_in_any_spelling(clerk, agency, person, query):
    _add(clerk, person, number="ab123456")

    assert _found(clerk, query) == [person]


def test_it_does_not_find_a_different_number(clerk, person):
    _add(clerk, person, number="ab123456")

    assert not _found(clerk, "AB 123 457")


def test_it_refuses_an_expiry_before_the_issue(clerk, person):
    with pytest.raises(ValidationError) as caught:
        _add(clerk, person, issued_on=dt.date(2024, 3, 1), expires_on=dt.date(2024, 2, 1))

    assert caught.value.message_dict["expires_on"] == [str(errors.DATE_ORDER)]
    assert not Document.objects.exists()


def test_it_updates_a_document_and_its_search_hash(clerk, person):
    document = _add(clerk, person, number="ab123456", issued_on=dt.date(2024, 3, 1))

    updated = document_update(
        actor=clerk, document=document, number="CD 765 432", expires_on=dt.date(2027, 3, 1)
    )

    stored = Document.objects.get(pk=document.pk)
    assert updated.number == stored.number == "CD 765 432"
    assert stored.issued_on == dt.date(2024, 3, 1)
    assert stored.expires_on == dt.date(2027, 3, 1)
    assert _found(clerk, "cd765432") == [person]
    assert not _found(clerk, "AB 123 456")


def test_it_refuses_an_update_ending_before_the_issue(clerk, person):
    document = _add(clerk, person, issued_on=dt.date(2024, 3, 1), expires_on=dt.date(2027, 3, 1))

    with pytest.raises(ValidationError) as caught:
        document_update(actor=clerk, document=document, expires_on=dt.date(2020, 1, 1))

    assert caught.value.message_dict["expires_on"] == [str(errors.DATE_ORDER)]
    assert Document.objects.get(pk=document.pk).expires_on == dt.date(2027, 3, 1)
