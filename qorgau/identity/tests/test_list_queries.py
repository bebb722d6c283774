"""The identity lists cost as many queries for twelve rows as for two: the searches for
duplicates and the panel of likely records. (The review queue's own test is in
``test_review_page.py``.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.identity.runs import run_start
from qorgau.organisations.models import Organisation, User
from qorgau.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize("headers", [None, HTMX], ids=["page", "table"])
def test_the_runs_cost_the_same_queries_for_two_as_for_twelve(
    headers: dict[str, str] | None,
    clerk: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    client = login(clerk)
    path = reverse("identity:runs")

    def runs(count: int) -> None:
        for _ in range(count):
            run_start(actor=clerk, country=agency.country)

    runs(2)
    two, twelve = list_queries(client, path, grow=lambda: runs(10), headers=headers)

    assert len(client.get(path).context["runs"]) == 12
    assert twelve == two


def test_the_likely_panel_costs_the_same_queries_for_two_records_as_for_twelve(
    clerk: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    client = login(clerk)
    path = reverse("identity:likely")
    typed = {"principal-family_name": "Сейтқазиев", "principal-given_name": "Ерлан"}

    def shown() -> int:
        return client.get(path, typed, headers=HTMX).content.decode().count("Сейтқазиев")

    def people(count: int) -> None:
        PersonFactory.create_batch(count, actor=clerk, organisation=agency, given_name="Ерлан")

    people(2)
    shown_two = shown()
    two, twelve = list_queries(client, path, grow=lambda: people(10), headers=HTMX, **typed)

    assert shown() > shown_two > 0
    assert twelve == two
