import pytest

from qorgau.names import fold
from qorgau.names.equivalents import equivalent, equivalents_table


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
