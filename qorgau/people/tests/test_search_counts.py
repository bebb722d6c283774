"""Search counts: exact up to a cap, "more than" beyond it, never counted row by row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people import views
from qorgau.people.models import Person
from qorgau.people.selectors import person_search
from qorgau.web.pagination import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> list[Person]:
    return [
        make_person(clerk, agency, family_name="Сейтқазиев", given_name=given)
        for given in ("Ерлан", "Данияр", "Асель")
    ]


def _paginator(clerk: User, per_page: int, cap: int) -> CappedPaginator:
    hits = person_search(user=clerk, query="Seitkaziev", cap=cap)
    return CappedPaginator(hits.ids, per_page, cap=cap, more=hits.more)


def test_it_counts_exactly_up_to_the_cap(clerk: User, three: list[Person]) -> None:
    paginator = _paginator(clerk, 2, cap=3)

    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (3, False, 2)


def test_beyond_the_cap_it_pages_through_the_first_results_only(
    clerk: User, three: list[Person]
) -> None:
    paginator = _paginator(clerk, 1, cap=2)

    # The first two found in the order of the name-key index (same key: by record), shown by
    # registration number.
    first_two = sorted(sorted(three, key=lambda p: p.pk)[:2], key=lambda p: p.registration_number)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (2, True, 2)
    assert list(paginator.get_page(2)) == [first_two[1].pk]


def test_a_search_stops_after_the_first_beyond_the_cap(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    for n in range(6):
        make_person(clerk, agency, family_name="Seitkaziev", given_name=f"Dana{'x' * n}")

    hits = person_search(user=clerk, query="Seitkaziev", cap=4)

    assert (len(hits.ids), hits.more) == (4, True)
    assert len(person_search(user=clerk, query="Seitkaziev", cap=6).ids) == 6
    assert person_search(user=clerk, query="Seitkaziev", cap=6).more is False


def test_the_page_says_more_than_the_cap_in_the_users_language(
    clerk: User,
    three: list[Person],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(views, "SEARCH_CAP", 2)
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


def test_the_api_lists_the_first_people_found_and_says_whether_more_match(
    clerk: User,
    three: list[Person],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from qorgau.people.api import views as api_views

    client = login(clerk)
    everyone = client.get("/api/v1/persons/", {"search": "Seitkaziev"}).json()
    monkeypatch.setattr(api_views, "SEARCH_CAP", 2)
    capped = client.get("/api/v1/persons/", {"search": "Seitkaziev", "limit": 1}).json()
    women = client.get("/api/v1/persons/", {"search": "Seitkaziev", "sex": "female"}).json()

    assert (everyone["count"], everyone["more"], len(everyone["results"])) == (3, False, 3)
    assert (capped["count"], capped["more"], len(capped["results"])) == (2, True, 1)
    assert capped["next"] is not None
    assert (women["count"], women["more"]) == (0, False)


def test_the_walk_goes_on_past_people_with_several_keys_of_the_word(
    clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    # Four people hold two keys beginning with "seit" each; the fifth only one, read last.
    for _ in range(4):
        make_person(clerk, agency, family_name="Seitkaziev", given_name="Seitkali")
    last = make_person(clerk, agency, family_name="Seitkaziev", given_name="Dana")

    four = person_search(user=clerk, query="seit", cap=4)
    five = person_search(user=clerk, query="seit", cap=5)

    assert (len(four.ids), four.more, last.pk in four.ids) == (4, True, False)
    assert (len(five.ids), five.more, last.pk in five.ids) == (5, False, True)
