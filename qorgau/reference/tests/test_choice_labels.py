"""Choice labels of the records shown in long lists (reminders, case steps, documents), read
from labels built once per field and translated at each call (``ChoiceLabelsMixin``)."""

from __future__ import annotations

from django.utils import translation

from qorgau.people.models import Document, LegalStatusPeriod, Person
from qorgau.procedures.models import CaseStep
from qorgau.reference.models import ChoiceLabelsMixin
from qorgau.reminders.models import Reminder


def _in_each_language(record: object, field: str) -> tuple[str, str, str]:
    display = getattr(record, f"get_{field}_display")
    labels = []
    for language in ("en", "ru", "kk"):
        with translation.override(language):
            labels.append(display())
    return labels[0], labels[1], labels[2]


def test_a_label_follows_the_language_after_it_was_first_read() -> None:
    reminder = Reminder(kind="deadline")

    first = _in_each_language(reminder, "kind")
    again = _in_each_language(reminder, "kind")

    assert first == again == ("Case deadline", "Срок по делу", "Іс бойынша мерзім")


def test_every_record_of_the_lists_reads_labels_once_per_field() -> None:
    """One implementation for every app: the label map is the same mixin's."""
    for model in (Person, Document, LegalStatusPeriod, CaseStep, Reminder):
        assert model._get_FIELD_display is ChoiceLabelsMixin._get_FIELD_display, model

    assert _in_each_language(CaseStep(kind="pause"), "kind") == (
        "Case paused",
        "Дело приостановлено",
        "Іс тоқтатылды",
    )


def test_a_value_without_a_label_shows_as_it_is() -> None:
    assert Reminder(kind="unheard-of").get_kind_display() == "unheard-of"
    assert CaseStep(kind="").get_kind_display() == ""
