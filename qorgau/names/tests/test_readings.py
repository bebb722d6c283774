import pytest

from qorgau.names import fold
from qorgau.names.readings import kazakh_latin_2017, readings


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Sergej", "Сергей"),  # German glide j = й
        ("Natalja", "Наталья"),
        ("Jurij", "Юрий"),
        ("Hryhorii", "Григорій"),  # Ukrainian 2010: h = г
        ("Olha", "Ольга"),
        ("Ludmila", "Людмила"),  # iu / yu / u
        ("Lyudmila", "Людмила"),
        ("Liudmila", "Людмила"),
    ],
)
def test_some_reading_of_a_latin_spelling_is_the_cyrillic_key(latin, cyrillic):
    assert readings(latin) & readings(cyrillic)


def test_the_fold_key_is_always_a_reading():
    for name in ("Janar", "Жанар", "Hasan", "Сейтқазиев"):
        assert fold(name) in readings(name)


def test_a_zh_j_name_keeps_its_j():
    assert fold("Janar") == fold("Жанар") == fold("Zhanar")


@pytest.mark.parametrize(
    ("old", "cyrillic"),
    [("S'ynar", "Шынар"), ("C'olpan", "Чолпан"), ("Ag'ylshyn", "Ағылшын"), ("S’ynar", "Шынар")],
)
def test_the_2017_kazakh_latin_apostrophes_read_as_the_letters(old, cyrillic):
    assert fold(kazakh_latin_2017(old)) == fold(cyrillic)


def test_other_apostrophes_are_left_alone():
    assert kazakh_latin_2017("O'tkir G'ulom") == "O'tkir G'ulom"


@pytest.mark.parametrize(
    ("english", "cyrillic"), [("Basheer", "Башир"), ("Naseer", "Насир"), ("Waheed", "Вахид")]
)
def test_an_english_ee_reads_as_i(english, cyrillic):
    assert fold(cyrillic) in readings(english)


def test_a_cyrillic_name_has_no_ee_reading():
    assert readings("Гээ") == frozenset({fold("Гээ")})
