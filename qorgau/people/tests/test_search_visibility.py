"""Search starts from the people looked up and checks the gate on each (ADR 0014): what a user
may see is unchanged, by every kind of look-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.people.selectors import search_rows
from qorgau.people.services.shares import share_revoke
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.people.tests.searching import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(
    clerk: User,
    agency: Organisation,
    ngo_a_org: Organisation,
    make_person: Callable[..., Person],
) -> Person:
    person = make_person(
        clerk, agency, family_name="Сейтқазиев", given_name="Ерлан", phones=["+77012345678"]
    )
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    share_grant_agreed(
        actor=officer, recipient=ngo_a_org, person=person,
        agreement="DTA-7", purpose="Legal aid", expires_on=dt.date.today() + dt.timedelta(days=300),
    )  # fmt: skip
    return person


def _queries(person: Person) -> list[str]:
    return ["Seitkaziev", "Сейтқаз Ерлан", person.registration_number.lower(), "+77012345678"]


def test_a_share_recipient_finds_the_shared_person_by_every_kind_of_look_up(
    ngo_a: User, shared: Person
) -> None:
    for query in _queries(shared):
        assert found(ngo_a, query) == [shared], query


def test_another_organisation_finds_nobody_by_any_look_up(ngo_b: User, shared: Person) -> None:
    for query in _queries(shared):
        assert found(ngo_b, query) == [], query


def test_a_revoked_share_finds_nobody(agency: Organisation, ngo_a: User, shared: Person) -> None:
    officer = User.objects.get(username="officer")
    share_revoke(actor=officer, share=shared.shares.get())

    for query in _queries(shared):
        assert found(ngo_a, query) == [], query


def test_an_expired_share_finds_nobody(ngo_a: User, shared: Person) -> None:
    with time_machine.travel(dt.datetime(2099, 1, 2, 12, tzinfo=dt.UTC)):
        for query in _queries(shared):
            assert found(ngo_a, query) == [], query


def test_an_anonymous_visitor_is_sent_to_log_in(shared: Person, login: Callable[..., Any]) -> None:
    response = login(None).get("/people/", {"q": "Seitkaziev"})

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_results_page_shows_only_the_people_the_reader_may_see(
    clerk: User, ngo_a: User, ngo_b: User, shared: Person
) -> None:
    # A page of results is built from ids; it goes through the gate again, with the share
    # look-ups only for an organisation that holds a share (ngo_a) and without for one that
    # holds none (ngo_b): the same people either way.
    def shown(user: User) -> list[Person]:
        fresh = User.objects.get(pk=user.pk)  # a new request: nothing cached on the user
        return [row.person for row in search_rows(user=fresh, ids=[shared.pk])]

    assert shown(clerk) == [shared]
    assert shown(ngo_a) == [shared]
    assert shown(ngo_b) == []

    share_revoke(actor=User.objects.get(username="officer"), share=shared.shares.get())

    assert shown(ngo_a) == []
