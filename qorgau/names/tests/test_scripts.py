"""Words mixing Latin and Cyrillic letters (issue 14): a look-alike is moved to its word's
script and reported, any other letter of the other script refuses the word; NFC first."""

import pytest

from qorgau.names.scripts import LetterReplaced, name_script_check


@pytest.mark.parametrize(
    ("typed", "stored", "character", "replacement"),
    [
        ("Alexеy", "Alexey", "е", "e"),  # Cyrillic е in a Latin word
        ("Cапаров", "Сапаров", "C", "С"),  # Latin C in a Cyrillic word
        ("Айгерiм", "Айгерім", "i", "і"),  # Latin i: the Kazakh і
        ("Aһmad", "Ahmad", "һ", "h"),  # Cyrillic һ (confusables) in a Latin word
    ],
)
def test_it_moves_a_look_alike_to_the_script_of_its_word(typed, stored, character, replacement):
    checked = name_script_check(typed)

    assert checked.text == stored
    assert checked.replaced == (LetterReplaced(typed, character, replacement),)
    assert not checked.refused_character


@pytest.mark.parametrize(
    ("typed", "word", "character"),
    [
        ("Айгерim", "Айгерim", "m"),  # Latin m: no Cyrillic letter looks like it
        # A tie of telling letters (l, ж) goes to Cyrillic, where the Latin l has no look-alike.
        ("Ерлан Alexеyж", "Alexеyж", "l"),
        ("Smithә", "Smithә", "ә"),  # Kazakh ә in a Latin word
    ],
)
def test_it_refuses_a_word_whose_other_script_letter_has_no_look_alike(typed, word, character):
    checked = name_script_check(typed)

    assert (checked.refused_word, checked.refused_character) == (word, character)
    assert checked.replaced == ()


@pytest.mark.parametrize(
    "name", ["Сейтқазиев", "Seitkaziev", "Қайрат-Ұлы", "O'Brien", "Ivan Иван", "Ле\u0301на", ""]
)
def test_it_leaves_words_of_one_script_alone(name):
    checked = name_script_check(name)

    assert (checked.text, checked.replaced, checked.refused_character) == (name, (), "")


def test_it_checks_every_word_and_keeps_what_separates_them():
    checked = name_script_check("Jоhn O'Brien-Cмит")

    assert checked.text == "John O'Brien-Смит"
    assert [r.character for r in checked.replaced] == ["о", "C"]


def test_it_composes_the_text_first():
    assert name_script_check("Сергеи\u0306").text == "Сергей"  # и + breve: й
    assert name_script_check("Jose\u0301").text == "José"
