import pytest

from qorgau.names import fold
from qorgau.names.equivalents import equivalent, equivalents_table, mohammad_key, name_words


@pytest.mark.parametrize(
    "group",
    [
        ["Александр", "Олександр", "Oleksandr", "Alexander", "Aleksandr"],
        ["Мухаммад", "Муҳаммад", "Mohammad", "Muhammad", "Mohammed", "Magomed", "Мухаммед"],
        ["Сергей", "Сергій", "Serhii", "Sergey"],
        ["Юсуф", "Юсуп", "Yusuf"],
        ["Наталья", "Наталія", "Nataliia"],
    ],
)
def test_it_gives_forms_of_one_name_one_key(group):
    keys = {equivalent(fold(name)) for name in group}
    assert len(keys) == 1


def test_it_keeps_related_but_different_names_apart():
    assert equivalent(fold("Асан")) != equivalent(fold("Хасан"))
    assert equivalent(fold("Искандар")) != equivalent(fold("Александр"))


def test_a_name_in_no_group_is_its_own_key():
    assert equivalent("bauirjan") == "bauirjan"


def test_no_spelling_belongs_to_two_groups():
    table = equivalents_table()
    assert table[fold("Magomed")] == table[fold("Мухаммад")]
    assert len(set(table.values())) > 50


def words(text):
    return name_words([fold(word) for word in text.split()])


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Mohammad Habib", "Habib"),  # Mohammad dropped before another name
        ("Мухаммед Башир", "Bashir"),
        ("Muhammad Bashir", "Mohamad Bashir"),
        ("Abdul Rahman", "Abdurrahman"),  # the l assimilated, written apart or joined
        ("Абдул Рахман", "Abdur Rahman"),
        ("Abdel Rahman", "Абдурахман"),
        ("Abdul Karim", "Abdulkarim"),
        ("Mir Wais", "Mirwais"),
        ("Mykola", "Николай"),  # Ukrainian and Russian forms
        ("Oleksii", "Алексей"),
        ("Serhii", "Сергей"),
        ("Olena", "Елена"),
        ("Ahmad", "Ахмед"),
    ],
)
def test_the_words_of_one_name_agree(first, second):
    assert words(first) == words(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Mohammad", "Ahmad"),  # Mohammad alone stays a name
        ("Abdul Rahman", "Abdul Rahim"),
        ("Abdul Karim", "Abdul Rahman"),
        ("Mohammad Habib", "Mohammad Bashir"),
        ("Олена", "Ольга"),
        ("Асан", "Хасан"),
    ],
)
def test_the_words_of_different_names_stay_apart(first, second):
    assert words(first) != words(second)


def test_a_lone_mohammad_is_kept():
    assert words("Mohammad") == [mohammad_key()]
