"""A search of several words walks the name keys of the rarest word; a word found common (its
keys counted at the limit) is remembered for an hour and not counted again (issue 12)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from qorgau.organisations.models import Organisation, User
from qorgau.people import selectors
from qorgau.people.models import Person
from qorgau.people.selectors import person_search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # Three Omarovs make "omarov" common; one Aliia (key "alia") keeps that word rare.
    monkeypatch.setattr(selectors, "_KEY_COUNT_LIMIT", 3)
    monkeypatch.setattr(selectors, "_COMMON_WORDS", {})


@pytest.fixture
def omarovs(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> list[Person]:
    return [
        make_person(clerk, agency, family_name="Omarov", given_name=given)
        for given in ("Aliia", "Bolat", "Timur")
    ]


def _counted(user: User, query: str) -> tuple[list[int], list[Any]]:
    """The people found, and the words whose keys the search counted."""
    counted: list[Any] = []

    def record(execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any) -> Any:
        if "COUNT(*)" in sql:
            counted.extend(p for p in params if isinstance(p, str) and p.isalpha())
        return execute(sql, params, many, ctx)

    with connection.execute_wrapper(record):
        found = person_search(user=user, query=query).ids
    return found, counted


def test_a_common_word_is_counted_once_and_then_known(clerk: User, omarovs: list[Person]) -> None:
    found, counted = _counted(clerk, "Omarov Aliia")
    assert found == [omarovs[0].pk]
    assert "omarov" in counted
    assert "alia" in counted

    found, counted = _counted(clerk, "Bolat Omarov")
    assert found == [omarovs[1].pk]
    assert "omarov" not in counted
    assert "bolat" in counted


def test_a_rare_word_is_counted_every_time(clerk: User, omarovs: list[Person]) -> None:
    _counted(clerk, "Omarov Aliia")
    _, counted = _counted(clerk, "Omarov Aliia")
    assert counted.count("alia") == 1


def test_a_common_word_is_counted_again_after_an_hour(
    clerk: User, omarovs: list[Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: now[0])
    _counted(clerk, "Omarov Aliia")
    now[0] += 3599
    assert "omarov" not in _counted(clerk, "Omarov Timur")[1]
    now[0] += 2
    found, counted = _counted(clerk, "Omarov Timur")
    assert "omarov" in counted
    assert found == [omarovs[2].pk]


def test_the_words_remembered_are_bounded(
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    omarovs: list[Person],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(selectors, "_COMMON_WORDS_MAX", 1)
    for _ in range(3):
        make_person(clerk, agency, family_name="Ivanova", given_name="Aliia")
    _counted(clerk, "Omarov Ivanova")
    assert len(selectors._COMMON_WORDS) <= 2
    _counted(clerk, "Omarov Ivanova Aliia")
    assert len(selectors._COMMON_WORDS) <= 3
    assert "alia" in selectors._COMMON_WORDS
    assert "omarov" not in selectors._COMMON_WORDS
