"""Tests for Cyrillic → Latin transliteration of names."""

import unicodedata

import iuliia
import pytest

from qorgau.names import transliterate

#: ICAO Doc 9303, written out here so that a change in iuliia is noticed.
RUSSIAN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "ie",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

KAZAKH = {
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
}

UKRAINIAN = {"ї": "i", "є": "ie", "ґ": "g", "і": "i"}

OTHER_REGIONAL = {"ў": "u", "ҳ": "h", "ӣ": "i", "ӯ": "u", "ҷ": "j", "җ": "zh"}

ALL_LETTERS = {**RUSSIAN, **KAZAKH, **UKRAINIAN, **OTHER_REGIONAL}


@pytest.mark.parametrize(("letter", "latin"), sorted(ALL_LETTERS.items()))
def test_it_transliterates_each_lower_case_letter(letter: str, latin: str) -> None:
    assert transliterate(letter) == latin


@pytest.mark.parametrize(("letter", "latin"), sorted(ALL_LETTERS.items()))
def test_it_capitalises_a_lone_capital_letter(letter: str, latin: str) -> None:
    assert transliterate(letter.upper()) == latin.capitalize()


@pytest.mark.parametrize(("letter", "latin"), sorted(ALL_LETTERS.items()))
def test_it_keeps_a_capital_letter_in_capitals_inside_a_capitalised_word(
    letter: str, latin: str
) -> None:
    assert transliterate(f"А{letter.upper()}А") == f"A{latin.upper()}A"


@pytest.mark.parametrize(("letter", "latin"), sorted(ALL_LETTERS.items()))
def test_it_writes_a_capital_letter_as_title_case_before_small_letters(
    letter: str, latin: str
) -> None:
    # For "Ь", which has no Latin value, this leaves "ab": iuliia does the same.
    assert transliterate(f"{letter.upper()}аб") == f"{latin.capitalize()}ab"


@pytest.mark.parametrize(("letter", "latin"), sorted(RUSSIAN.items()))
def test_it_matches_the_icao_table_written_out_in_the_brief(letter: str, latin: str) -> None:
    assert iuliia.ICAO_DOC_9303.translate(letter) == latin


@pytest.mark.parametrize("letter", sorted(RUSSIAN))
@pytest.mark.parametrize(
    "template",
    ["{}", "{}аб", "а{}б", "аб{}", "аб{}а", "аба{}", "ба{}ов", "{}{}"],
)
@pytest.mark.parametrize("capitalise", [False, True])
def test_it_agrees_with_iuliia_in_every_word_position(
    letter: str, template: str, capitalise: bool
) -> None:
    """ICAO Doc 9303 in iuliia has no initial, previous-letter or ending rules.

    That is what lets us use iuliia's output as a letter table; if a future
    iuliia added context rules, this test would say so.
    """
    word = template.format(letter, letter)
    if capitalise:
        word = word.capitalize()
    assert transliterate(word) == iuliia.ICAO_DOC_9303.translate(word)


@pytest.mark.parametrize(("cyrillic", "latin"), iuliia.ICAO_DOC_9303.samples)
def test_it_reproduces_iuliias_own_icao_samples(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


def test_it_replaces_kazakh_letters_that_iuliia_leaves_in_place() -> None:
    assert "қ" in iuliia.ICAO_DOC_9303.translate("Сейтқазиев")
    assert transliterate("Сейтқазиев") == "Seitkaziev"


def test_it_writes_all_capitals_words_in_capitals_unlike_iuliia() -> None:
    assert iuliia.ICAO_DOC_9303.translate("ЖАНАР") == "ZhANAR"
    assert transliterate("ЖАНАР") == "ZHANAR"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Сейтқазиев", "Seitkaziev"),
        ("ЖАНАР", "ZHANAR"),
        ("Жанар", "Zhanar"),
        ("жанар", "zhanar"),
        ("Сейтқазиев Жанар Болатқызы", "Seitkaziev Zhanar Bolatkyzy"),
        ("Нұрсұлтан Әбішұлы Назарбаев", "Nursultan Abishuly Nazarbaev"),
        ("ҮМБЕТОВА Өмірзақ Ұлжан", "UMBETOVA Omirzak Ulzhan"),
        ("Ғалым Шыңғысұлы", "Galym Shyngysuly"),
        ("Һарон", "Haron"),
        ("ЩЕРБАКОВ Юрий Фёдорович", "SHCHERBAKOV Iurii Fedorovich"),
        ("Наталья Цой", "Natalia Tsoi"),
        ("Хадижа Мухаммад", "Khadizha Mukhammad"),
        ("Подъячев", "Podieiachev"),
        ("Оксана Ґонта", "Oksana Gonta"),
        ("ЄВГЕНІЯ Київська", "IEVGENIIA Kiivska"),
        ("Ўткир Раҳмонов", "Utkir Rahmonov"),
        ("Ҷамшед Шарифӣ", "Jamshed Sharifi"),
        ("Сейтқазиев-Ким", "Seitkaziev-Kim"),
        ("Ж. Б. Сейтқазиев", "Zh. B. Seitkaziev"),
        ("ЖШ", "ZHSH"),
    ],
)
def test_it_transliterates_full_names(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


@pytest.mark.parametrize(
    "text",
    ["", "Seitkaziev", "John O'Neil-Smith", "José", "Jose\u0301", "Şyñğys", "123 / 45", "李"],
)
def test_it_passes_text_without_cyrillic_through_unchanged(text: str) -> None:
    assert transliterate(text) == text


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("Жанар Smith", "Zhanar Smith"),
        ("Zhanar (Жанар)", "Zhanar (Zhanar)"),
        ("Сейтқазиев 1990-01-02", "Seitkaziev 1990-01-02"),
        ("ЖАНАР Şyñğys", "ZHANAR Şyñğys"),
    ],
)
def test_it_handles_mixed_script_text(text: str, latin: str) -> None:
    assert transliterate(text) == latin


def test_it_recognises_decomposed_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Андрей Ёлкин Їжакевич")
    assert decomposed != "Андрей Ёлкин Їжакевич"
    assert transliterate(decomposed) == "Andrei Elkin Izhakevich"


def test_it_leaves_no_cyrillic_letter_of_the_supported_alphabets() -> None:
    text = "".join(ALL_LETTERS) + "".join(ALL_LETTERS).upper()
    assert transliterate(text).isascii()
