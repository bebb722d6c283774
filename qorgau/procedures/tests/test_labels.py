"""Every field, outcome and ground the shipped definitions use has a translated name."""

from __future__ import annotations

from qorgau.procedures import labels
from qorgau.procedures.registry import definitions


def test_every_code_of_the_shipped_definitions_has_a_name() -> None:
    used = {"fields": set(), "outcomes": set(), "grounds": set()}
    for procedure in definitions().values():
        for t in procedure.transitions:
            used["fields"] |= set(t.fields)
            if t.decision:
                used["outcomes"].add(t.decision.outcome)
                used["grounds"] |= set(t.decision.grounds)

    assert used["fields"] - set(labels.FIELDS) == set()
    assert used["outcomes"] - set(labels.OUTCOMES) == set()
    assert used["grounds"] - set(labels.GROUNDS) == set()


def test_an_unknown_code_shows_as_words() -> None:
    assert labels.field_label("border_crossing_point") == "Border crossing point"
    assert labels.ground_label("a_new_ground") == "a new ground"
