"""Tests for the repair of Latin/Cyrillic look-alike letters."""

import pytest

from qorgau.names.homoglyphs import CYRILLIC_TO_LATIN, LATIN_TO_CYRILLIC, repair_homoglyphs


@pytest.mark.parametrize(
    ("token", "repaired"),
    [
        ("Cапаров", "Сапаров"),  # Latin C in a Cyrillic word
        ("Сейтказиeв", "Сейтказиев"),  # Latin e
        ("ЖAНAР", "ЖАНАР"),  # Latin A twice
        ("Сейтqазиев", "Сейтqазиев"),  # q has no look-alike: left as typed
        ("Sеitkaziev", "Seitkaziev"),  # Cyrillic е in a Latin word
        ("Ahmеdоva", "Ahmedova"),  # Cyrillic е and о
        ("Cое", "Сое"),  # only look-alikes: Cyrillic wins the tie
    ],
)
def test_it_moves_look_alikes_to_the_script_of_the_word(token: str, repaired: str) -> None:
    assert repair_homoglyphs(token) == repaired


@pytest.mark.parametrize("token", ["", "Сапаров", "Saparov", "Şyñğys", "Сейтқазиев", "123"])
def test_it_leaves_single_script_tokens_alone(token: str) -> None:
    assert repair_homoglyphs(token) == token


@pytest.mark.parametrize(("latin", "cyrillic"), sorted(LATIN_TO_CYRILLIC.items()))
def test_it_pairs_letters_in_both_directions(latin: str, cyrillic: str) -> None:
    assert CYRILLIC_TO_LATIN[cyrillic] == latin
    assert latin.isascii()
    assert not cyrillic.isascii()
