"""Search results: exact names first, found by phone number, each line with sex, age, current
status and household, without a query per person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.selectors import person_age
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.searching import found

pytestmark = pytest.mark.django_db


def test_it_puts_whole_names_before_longer_ones(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    longer = make_person(clerk, agency, family_name="Ахмедова", given_name="Дана")
    whole = make_person(clerk, agency, family_name="Ахмедов", given_name="Рустам")

    listed = found(clerk, "Ахмедов")

    assert listed == [whole, longer]


@pytest.mark.parametrize("typed", ["+7 701 234 5678", "87012345678", "8 (701) 234-56-78"])
def test_it_finds_a_person_by_phone_number(
    clerk: User, agency: Organisation, make_person: Callable[..., Person], typed: str
) -> None:
    person = make_person(clerk, agency, phones=["+77012345678"])
    make_person(clerk, agency, phones=["+77017654321"])

    assert found(clerk, typed) == [person]


def test_a_phone_number_of_someone_the_user_may_not_see_finds_nothing(
    clerk: User,
    agency: Organisation,
    ngo_a: User,
    make_person: Callable[..., Person],
) -> None:
    make_person(clerk, agency, phones=["+77012345678"])

    assert found(ngo_a, "+77012345678") == []


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC))
def test_each_line_shows_sex_age_status_and_household(
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    login: Callable[..., Any],
    django_assert_max_num_queries: Any,
) -> None:
    for given in ("Ерлан", "Данияр", "Асель"):
        person = make_person(
            clerk, agency, given_name=given, date_of_birth="1984-09-10", sex="male"
        )
        status_period_record(
            actor=clerk, organisation=agency, person=person, status="STA",
            effective_from=dt.date(2020, 1, 1),
        )  # fmt: skip
    client = login(clerk)
    client.cookies["django_language"] = "ru"
    client.get("/people/", {"q": "Сейтқазиев"})

    with django_assert_max_num_queries(16):
        page = client.get("/people/", {"q": "Сейтқазиев"}).content.decode()

    assert page.count(">41<") == 3
    assert page.count("Лицо без гражданства") == 3
    assert "Мужской" in page


def test_it_counts_age_from_what_is_known() -> None:
    on = dt.date(2026, 6, 1)

    assert person_age(Person(birth_year=1984, birth_month=9, birth_day=10), on) == 41
    assert person_age(Person(birth_year=1984, birth_month=5), on) == 42
    assert person_age(Person(birth_year=1984), on) == 42
    assert person_age(Person(), on) is None


def test_a_page_of_results_costs_the_same_queries_for_two_people_as_for_twenty(
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    login: Callable[..., Any],
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/people/", {"q": query}).status_code == 200
        return len(captured.captured_queries)

    for n in range(20):
        person = make_person(clerk, agency, family_name="Жұмабеков", given_name=f"Ерлан{'а' * n}")
        status_period_record(
            actor=clerk, organisation=agency, person=person, status="STA",
            effective_from=dt.date(2020, 1, 1),
        )  # fmt: skip
    for given in ("Дана", "Әсел"):
        make_person(clerk, agency, family_name="Сейітов", given_name=given)
    client = login(clerk)
    queries("Сейітов")

    assert queries("Жұмабеков") == queries("Сейітов")
