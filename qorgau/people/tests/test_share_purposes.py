"""Which share purposes an agreement covers (``people.policy.purpose_covered``, ADR 0061): one
of the agreement's purposes (split at semicolons and new lines) named in full, as whole words,
whatever the case, the punctuation and ``ё``; details may come before or after it."""

import pytest

from qorgau.people.policy import agreement_purposes, purpose_covered


@pytest.mark.parametrize(
    ("agreement", "purpose"),
    [
        ("Legal aid", "Legal aid"),
        ("Legal aid", "legal  AID"),
        ("Legal aid", "Legal aid: appeal hearing on 12 March"),
        ("Legal aid", "Appeal hearing (legal aid)"),
        ("Legal aid; Medical care", "Medical care follow-up"),
        ("Legal aid\nDocumentation assistance", "Documentation assistance"),
        ("Правовая помощь", "правовая помощь — апелляция"),
        ("Объём медицинской помощи", "объем медицинской помощи"),
        ("Құқықтық көмек", "Құқықтық көмек, апелляция"),
        ("Mental health and psychosocial support", "mental-health and psychosocial support"),
    ],
)
def test_it_covers_a_purpose_that_names_one_of_the_agreements(agreement, purpose):
    assert purpose_covered(agreement, purpose)


@pytest.mark.parametrize(
    ("agreement", "purpose"),
    [
        ("Legal aid to asylum-seekers", "Legal aid"),  # broader than what was signed
        ("Legal aid", "Medical care"),
        ("Legal aid", "Illegal aidfund"),  # words, not letters
        ("Legal aid; Medical care", "Legal care"),
        ("", "Legal aid"),
        (" ; ", "Legal aid"),
    ],
)
def test_it_does_not_cover_anything_else(agreement, purpose):
    assert not purpose_covered(agreement, purpose)


def test_it_reads_the_agreements_purposes_without_blanks():
    assert agreement_purposes(" Legal aid ;; Medical care\n\n") == ["Legal aid", "Medical care"]
