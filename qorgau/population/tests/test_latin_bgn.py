"""The BGN/PCGN habit is iuliia's BGN_PCGN as lists type it, with the Kazakh letters added."""

import random

import iuliia

from qorgau.names.transliteration import KAZAKH_LETTERS, RUSSIAN_LETTERS
from qorgau.population.naming import LatinHabit, spell_latin
from qorgau.population.naming.latin import _BGN_LETTERS, _PLAIN_KEYBOARD

RNG = random.Random(0)  # the BGN habit draws nothing from it


def test_its_russian_letters_are_iuliias_but_for_marks_a_plain_keyboard_lacks():
    for letter in RUSSIAN_LETTERS:
        expected = _PLAIN_KEYBOARD.get(letter, iuliia.BGN_PCGN.translate(letter))
        assert _BGN_LETTERS[letter] == expected, letter
    assert set(_PLAIN_KEYBOARD) == set("еёъь")


def test_it_writes_russian_names_as_iuliia_does_without_apostrophes():
    for name in ("Сергеев", "Юрий", "Евгений", "Вячеслав", "Андреевич", "Щукин"):
        assert spell_latin(RNG, name, LatinHabit.BGN) == iuliia.BGN_PCGN.translate(name), name
    assert iuliia.BGN_PCGN.translate("Наталья") == "Natal’ya"
    assert spell_latin(RNG, "Наталья", LatinHabit.BGN) == "Natalya"
    assert spell_latin(RNG, "Фёдор", LatinHabit.BGN) == "Fyodor"


def test_it_writes_the_kazakh_letters_iuliia_leaves_in_cyrillic():
    assert iuliia.BGN_PCGN.translate("Сейтқазиев") == "Seytқaziyev"
    assert spell_latin(RNG, "Сейтқазиев", LatinHabit.BGN) == "Seytkaziyev"
    assert spell_latin(RNG, "ӘЛІБЕК Ұлжан", LatinHabit.BGN) == "ALIBEK Ulzhan"
    assert all(_BGN_LETTERS[letter] == latin for letter, latin in KAZAKH_LETTERS.items())
