import pytest

from qorgau.names import fold
from qorgau.names.readings import readings


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
