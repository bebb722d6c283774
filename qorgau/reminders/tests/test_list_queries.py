"""The reminders page costs as many queries for twelve reminders as for two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.people.tests.factories import PersonFactory
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import asylum_case_registered, holder

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _reminders(actor: User, organisation: Organisation, count: int) -> None:
    """``count`` people whose certificates expire (half of them already expired), each with a
    registered asylum case whose fingerprinting is overdue."""
    today = dt.date.today()
    for index, person in enumerate(
        PersonFactory.create_batch(count, actor=actor, organisation=organisation)
    ):
        holder(actor, organisation, person, today + (20 if index % 2 else -2) * DAY)
        asylum_case_registered(actor, organisation, person)
    reminders_refresh(today=today)


@pytest.mark.parametrize("params", [{}, {"due": "overdue"}, {"kind": "deadline"}])
def test_the_reminders_cost_the_same_queries_for_two_as_for_twelve(
    params: dict[str, str],
    actor: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    client = login(actor)
    path = reverse("reminders:list")
    _reminders(actor, agency, 2)
    rows_of_two = len(client.get(path, params).context["rows"])

    two, twelve = list_queries(client, path, grow=lambda: _reminders(actor, agency, 10), **params)

    assert len(client.get(path, params).context["rows"]) > rows_of_two > 0
    assert twelve == two
