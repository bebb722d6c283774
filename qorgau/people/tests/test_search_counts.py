"""Search counts: exact up to a cap, "more than" beyond it, never counted row by row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people import views
from qorgau.people.models import Person
from qorgau.people.selectors import person_search_ordered
from qorgau.web.pagination import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> list[Person]:
    return [
        make_person(clerk, agency, family_name="Сейтқазиев", given_name=given)
        for given in ("Ерлан", "Данияр", "Асель")
    ]


def test_it_counts_exactly_up_to_the_cap(clerk: User, three: list[Person]) -> None:
    paginator = CappedPaginator(person_search_ordered(user=clerk, query="Seitkaziev"), 2, cap=3)

    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (3, False, 2)


def test_beyond_the_cap_it_pages_through_the_first_results_only(
    clerk: User, three: list[Person]
) -> None:
    paginator = CappedPaginator(person_search_ordered(user=clerk, query="Seitkaziev"), 1, cap=2)

    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (2, True, 2)
    assert list(paginator.get_page(2)) == sorted(three, key=lambda p: p.registration_number)[1:2]


def test_the_page_says_more_than_the_cap_in_the_users_language(
    clerk: User,
    three: list[Person],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 2)
    client = login(clerk)

    english = client.get("/people/", {"q": "Seitkaziev"}).content.decode()
    client.cookies["django_language"] = "ru"
    russian = client.get("/people/", {"q": "Seitkaziev"}).content.decode()

    assert "More than 2 people found" in english
    assert "Найдено больше 2 человек" in russian


def test_the_page_counts_exactly_below_the_cap(
    clerk: User, three: list[Person], login: Callable[..., Any]
) -> None:
    page = login(clerk).get("/people/", {"q": "Seitkaziev"}).content.decode()

    assert "3 people found" in page
    assert "More than" not in page
