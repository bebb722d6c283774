"""Names written by others (issue 15, "Missed"): the pairs must meet in a blocking rule and
agree on a name level; namesakes' and siblings' names must still tell them apart."""

import pytest

from qorgau.matching.comparisons import RULES
from qorgau.matching.normalise import normalise, normalise_record

FIELDS = ("family_name", "given_name", "patronymic", "date_of_birth")


def record(family="", given="", patronymic="", born=""):
    return normalise_record(
        {"id": "1", **dict(zip(FIELDS, (family, given, patronymic, born), strict=False))}
    )


def blocked(one, two):
    """Whether some blocking rule (broad or narrowed) pairs the two records."""

    def rules(rule):
        yield rule
        for narrower in rule.narrower:
            yield from rules(narrower)

    for rule in (found for top in RULES for found in rules(top)):
        left = [one[column] for column in rule.left]
        right = [two[column] for column in rule.right_columns]
        absent = all(one[column] is None or two[column] is None for column in rule.missing)
        if all(value is not None for value in left) and left == right and absent:
            return True
    return False


def names_agree(one, two):
    """Whether family and given names agree as the model's levels see them: by key, by a
    shared alternative, or as the same names in another order (``names_key``)."""
    if one["names_key"] == two["names_key"]:
        return True
    return all(
        one[f"{part}_key"] is not None
        and (
            one[f"{part}_key"] == two[f"{part}_key"]
            or bool(set(one[f"{part}_alts"]) & set(two[f"{part}_alts"]))
        )
        for part in ("family", "given")
    )


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # swapped order together with a missing patronymic, feminine family name
        (("Бекова", "Айгерим", "Ерланқызы", "12.03.1990"), ("Aigerim", "Bekova", "", "")),
        (("Мельник", "Екатерина", "Павловна", "18.05.2010"), ("Ekaterina", "Melnik", "", "")),
        # the whole name in the family-name field
        (("Бекова", "Айгерим", "Ерланқызы", ""), ("Bekova Aigerim Erlanovna", "", "", "")),
        # Ukrainian forms against Russian ones
        (("Коваленко", "Николай", "", ""), ("Kovalenko", "Mykola", "", "")),
        (("Шевченко", "Алексей", "", ""), ("Shevchenko", "Oleksii", "", "")),
        (("Бондаренко", "Сергей", "", ""), ("Bondarenko", "Serhii", "", "")),
        (("Ткаченко", "Елена", "", ""), ("Tkachenko", "Olena", "", "")),
        (("Ткаченко", "Елена", "", ""), ("Olena", "Tkachenko", "", "")),
        # Afghan names in several spellings, Mohammad dropped, family name absent
        (("Вахид", "Мухаммед Башир", "", ""), ("Vahid", "Bashir", "", "")),
        (("", "Мухаммед Хабиб", "", ""), ("", "MOHAMAD HABIB", "", "")),
        (("", "Абдул Рахман", "", "24.08.1957"), ("Abdurrahman", "", "", "")),
        (("Амири", "Ахмед", "", ""), ("Amiri", "Ahmad", "", "")),
        # Kazakh Latin 2021, the 2017 apostrophes, Cyrillic typed without Kazakh letters
        (("Имангалиев", "Ақжол", "", ""), ("Imanğaliev", "Aqjol", "", "")),
        (("Оспанова", "Шынар", "", ""), ("Ospanova", "S'ynar", "", "")),
        (("Нұрпейісова", "Әсел", "", ""), ("Нурпейисова", "Асел", "", "")),
        (("Сағындықов", "Өтеғали", "", ""), ("Сагындыков", "Отегали", "", "")),
        # a typo together with a missing date, in the other order
        (("Жақсылықов", "Бауыржан", "Саматұлы", "08.11.1951"), ("Bauyrzhan", "Zhakyslykov")),
    ],
)
def test_it_pairs_and_agrees_on_names_written_by_others(one, two):
    left, right = record(*one), record(*two)
    assert blocked(left, right)
    if "Zhakyslykov" not in two:  # the typo is left to the similarity levels
        assert names_agree(left, right)


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # siblings: same family name and patronymic, different given names
        (("Бекова", "Айгерим", "Ерланқызы", ""), ("Bekova", "Aizhan", "", "")),
        (("Karimi", "Amin", "", ""), ("Amina", "Karimi", "", "")),  # brother and sister
        (("Коваленко", "Николай", "", ""), ("Kovalenko", "Mykhailo", "", "")),
        (("Ткаченко", "Елена", "", ""), ("Tkachenko", "Olha", "", "")),
    ],
)
def test_siblings_names_still_differ(one, two):
    assert not names_agree(record(*one), record(*two))


def test_namesakes_share_names_so_only_dates_tell_them_apart():
    """Three men of one name: the names agree (the date rule, not the names, must
    separate them: that is match15b's part of issue 15)."""
    one = record("Ержанов", "Нұрлан", "Серікұлы", "03.04.1961")
    two = record("Yerzhanov", "Nurlan", "Serikuly", "11.09.1974")
    assert one["names_key"] == two["names_key"]
    assert one["dob"] != two["dob"]


def test_the_frame_and_the_record_agree():
    rows = [
        {"id": "1", "family_name": "Bekova Aigerim Erlanovna"},
        {"id": "2", "family_name": "Aigerim", "given_name": "Bekova"},
        {"id": "3", "family_name": "Оспанова", "given_name": "S'ynar"},
        {"id": "4", "full_name": "Бекова Айгерим"},
    ]
    frame = normalise(rows)
    for index, row in enumerate(rows):
        single = normalise_record(row)
        for column in ("family_key", "given_key", "patronymic_key", "names_key", "names_skel"):
            assert frame[column][index] == single[column], (row, column)


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (("Вардак", "Мохаммед Джавад", "", "19.06.1995"), ("", "Mohamad Jawad", "", "1995")),
        (("Джавад", "Башир", "", "28.03.1982"), ("", "Basheer", "", "1982-03-28")),
        (("Карим", "Абдул Рахман", "", "02.02.2001"), ("", "Abdurrahman", "", "2001-01-01")),
    ],
)
def test_a_given_name_alone_pairs_with_the_same_year(one, two):
    """Afghan records without a family name on one side, Mohammad on one side only."""
    left, right = record(*one), record(*two)
    assert blocked(left, right)
    assert set(left["given_alts"]) & set(right["given_alts"])


def test_a_given_name_alone_does_not_pair_another_year_or_name():
    one = record("Вардак", "Мохаммед Джавад", "", "19.06.1995")
    assert not blocked(one, record("", "Mohamad Jawad", "", "1975"))
    assert not blocked(one, record("", "Mohamad Nasir", "", "1995"))
