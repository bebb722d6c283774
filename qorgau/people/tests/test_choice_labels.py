"""A record's choice labels (``get_sex_display`` …), read from labels built once per field."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from qorgau.people.models import (
    Document,
    DocumentType,
    LegalStatus,
    LegalStatusPeriod,
    Person,
    PersonAlias,
)
from qorgau.reference.models import _CHOICE_LABELS
from qorgau.rights.models import SubjectRequest


def test_a_label_is_in_the_language_of_the_moment() -> None:
    person = Person(sex="female", relationship="son")

    with translation.override("en"):
        english = (person.get_sex_display(), person.get_relationship_display())
    with translation.override("ru"):
        russian = person.get_sex_display()
    with translation.override("kk"):
        kazakh = person.get_sex_display()

    assert english == ("Female", "Son")
    assert russian == "Женский"
    assert kazakh == "Әйел"


def test_a_value_without_a_label_shows_as_it_is() -> None:
    assert Person(sex="unheard-of").get_sex_display() == "unheard-of"
    assert Person(sex="").get_sex_display() == ""


@pytest.mark.parametrize(
    ("record", "display"),
    [
        (Document(type=DocumentType.PASSPORT), "get_type_display"),
        (LegalStatusPeriod(status=LegalStatus.REFUGEE), "get_status_display"),
        (PersonAlias(kind="spelling"), "get_kind_display"),
        (SubjectRequest(kind="access"), "get_kind_display"),
    ],
)
def test_the_person_pages_other_records_read_cached_labels_in_each_language(
    record: Any, display: str
) -> None:
    """The documents, status periods, aliases and data-subject requests the person page lists
    take their labels from the same per-field map, and still follow the active language."""
    field = record._meta.get_field(display.removeprefix("get_").removesuffix("_display"))
    labels = {}
    for language in ("en", "ru", "kk"):
        with translation.override(language):
            labels[language] = getattr(record, display)()
            assert labels[language] == str(dict(field.flatchoices)[field.value_from_object(record)])

    assert field in _CHOICE_LABELS
    assert labels["en"] != labels["ru"], labels
