"""Normalisation on every case the identity-resolution issue lists."""

import pytest

from qorgau.matching.normalise import code_key, normalise_record, skeleton, split_full_name


def norm(**fields):
    return normalise_record({"id": "1", **fields})


def agree(part, first, second):
    """Whether two spellings agree by key or by a shared alternative (the model's levels)."""
    one = norm(**{f"{part}_name" if part != "patronymic" else part: first})
    two = norm(**{f"{part}_name" if part != "patronymic" else part: second})
    return one[f"{part}_key"] == two[f"{part}_key"] or bool(
        set(one[f"{part}_alts"]) & set(two[f"{part}_alts"])
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Сейтқазиев", "Seitkaziev"),  # Kazakh letters
        ("Сейтказиев", "Seytkaziyev"),  # russified
        ("Хасанов", "Hasanov"),  # kh/h
        ("Khasanov", "Hasanov"),
        ("Жумабеков", "Jumabekov"),  # zh/j
        ("Zhumabekov", "Jumabekov"),
        ("Юсупов", "Iusupov"),  # iu/yu/u
        ("Yusupov", "Iusupov"),
        ("Щербаков", "Shcherbakov"),  # shch/sch
        ("Scherbakov", "Shcherbakov"),
        ("Ильин", "Ilyin"),  # y/i
        ("Иванова", "Ivanov"),  # feminine
        ("Ковальская", "Kovalskiy"),
    ],
)
def test_family_name_spellings_agree(first, second):
    assert agree("family", first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Алия", "Aliya"),  # ia/ya
        ("Aliia", "Aliya"),
        ("Людмила", "Ludmila"),  # iu/yu/u
        ("Александр", "Oleksandr"),  # across languages
        ("Олександр", "Aleksandr"),
        ("Мухаммад", "Mohammad"),
        ("Muhammad", "Magomed"),
        ("Sergej", "Сергей"),  # another transliteration of the original
        ("Hryhorii", "Григорий"),
    ],
)
def test_given_name_spellings_agree(first, second):
    assert agree("given", first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Серікович", "Serikuly"),
        ("Сериковна", "Serikkyzy"),
        ("Бахтиёрович", "Baxtiyor o'g'li"),
        ("Бахтиёр угли", "Bakhtiyorovich"),
        ("Бахтиёровна", "Bakhtiyor kizi"),
    ],
)
def test_patronymic_forms_agree(first, second):
    assert agree("patronymic", first, second)


def test_different_names_do_not_agree():
    assert not agree("family", "Асанов", "Хасанов")
    assert not agree("given", "Айгерим", "Айжан")


def test_a_full_name_is_split_when_the_parts_are_missing():
    record = norm(full_name="Сейтқазиев Жанар Болатқызы")
    assert (record["family_key"], record["given_key"], record["patronymic_key"]) == (
        "seitkaziev",
        "janar",
        "bolat",
    )
    assert split_full_name("Karimov Aziz Bakhtiyor ugli") == ("Karimov", "Aziz", "Bakhtiyor ugli")


def test_a_swapped_full_name_has_the_keys_in_the_other_fields():
    one = norm(full_name="Zhanar Seitkaziev")
    two = norm(family_name="Сейтқазиев", given_name="Жанар")
    assert one["family_key"] == two["given_key"]
    assert one["given_key"] == two["family_key"]


def test_the_parts_win_over_a_full_name():
    record = norm(family_name="Ким", given_name="Ольга", full_name="Пак Анна")
    assert record["family_key"] == "kim"


@pytest.mark.parametrize(
    ("text", "dob", "year"),
    [
        ("07.03.1990", "1990-03-07", 1990),
        ("7.3.1990", "1990-03-07", 1990),
        ("1990-03-07", "1990-03-07", 1990),
        ("1990", None, 1990),
        ("", None, None),
    ],
)
def test_dates_keep_their_precision(text, dob, year):
    record = norm(date_of_birth=text)
    assert (record["dob"], record["dob_year"]) == (dob, year)


def test_it_refuses_an_unknown_date_format():
    with pytest.raises(ValueError, match="unknown date format"):
        norm(date_of_birth="03/07/1990")


def test_document_numbers_compare_without_spaces_and_look_alikes():
    assert code_key("N 12345678") == code_key("N12345678") == code_key("№ 12345678")
    assert code_key(" - ") is None


def test_sex_is_read_in_three_languages():
    assert [norm(sex=value)["sex"] for value in ("M", "ж", "female", "?")] == [
        "M",
        "F",
        "F",
        None,
    ]


def test_skeletons_bridge_glide_and_h_readings():
    assert skeleton("khrikhori") == skeleton("grigori")


def test_it_reads_one_digit_iso_days_and_refuses_a_month_without_a_day():
    assert norm(date_of_birth="1990-3-7")["dob"] == "1990-03-07"
    with pytest.raises(ValueError, match="unknown date format '1990-03'"):
        norm(date_of_birth="1990-03")
    with pytest.raises(ValueError, match="unknown date format '31/02/1990'"):
        norm(date_of_birth="31/02/1990")


@pytest.mark.parametrize("written", ["31.02.1990", "1899", "01.01.2999", "2999"])
def test_it_reads_impossible_dates_as_missing(written):
    found = norm(date_of_birth=written)
    assert (found["dob"], found["dob_year"], found["dob_days"]) == (None, None, None)
