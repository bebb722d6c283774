"""The figures cost as many queries for twelve people as for two: the dashboard, the charts'
numbers, the fact sheet and the API's figures are computed by aggregates, never row by row.
Each count is of a computation (the statistics cache emptied first), not of a copy read from
the cache."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.people.tests.factories import PersonFactory
from qorgau.statistics.charts import CHARTS

pytestmark = pytest.mark.django_db

AS_OF = {"country": "KAZ", "as_of": "2025-06-01"}
LISTS = [
    (reverse("statistics:dashboard"), AS_OF),
    ("/api/v1/statistics/figures/", AS_OF),
    ("/api/v1/statistics/figures/", {**AS_OF, "since": "2014-01-01"}),
    *((reverse("statistics:chart-data", args=[name]), AS_OF) for name in CHARTS),
    (reverse("statistics:factsheet"), {**AS_OF, "lang": "ru"}),
]


def _people(clerk: User, agency: Organisation, count: int) -> None:
    """``count`` people, half stateless since 2020 and half refugees since 2021."""
    for status, since in (("STA", dt.date(2020, 1, 1)), ("REF", dt.date(2021, 3, 1))):
        PersonFactory.create_batch(
            count // 2, actor=clerk, organisation=agency, status=status, status_from=since
        )


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_the_figures_cost_the_same_queries_for_two_people_as_for_twelve(
    path: str,
    params: dict[str, str],
    clerk: User,
    stats: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    list_queries: Callable[..., tuple[int, int]],
) -> None:
    _people(clerk, agency, 2)

    two, twelve = list_queries(
        login(stats),
        path,
        grow=lambda: _people(clerk, agency, 10),
        fresh=caches["statistics"].clear,
        **params,
    )

    assert twelve == two
