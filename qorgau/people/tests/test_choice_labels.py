"""A record's choice labels (``get_sex_display`` …), read from labels built once per field."""

from __future__ import annotations

from django.utils import translation

from qorgau.people.models import Person


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
