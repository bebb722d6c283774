"""No search term in clear in the access log, the security log or the server's log lines: the
access log keeps a query's values as keyed hashes (ADR 0034), on every channel."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

import pytest
from django.test import Client

from qorgau.audit.models import AccessLog, SecurityEvent
from qorgau.audit.terms import logged_path, query_term_hash
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import DocumentType, Person
from qorgau.people.services.documents import document_add

pytestmark = pytest.mark.django_db

TERM = "N18594777"


@pytest.fixture
def person(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> Person:
    person = make_person(clerk, agency)
    document_add(actor=clerk, person=person, type=DocumentType.PASSPORT, number=TERM)
    return person


def _nowhere(caplog: pytest.LogCaptureFixture) -> None:
    assert not AccessLog.objects.filter(path__icontains=TERM).exists()
    assert TERM not in str(list(SecurityEvent.objects.values()))
    assert TERM.casefold() not in caplog.text.casefold()


def test_it_keeps_a_web_search_as_a_keyed_hash(
    person: Person, clerk: User, login: Callable[[User | None], Client], caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    response = login(clerk).get("/people/", {"q": TERM, "page": "1"})

    assert response.status_code == 200
    row = AccessLog.objects.get(object_id=person.public_id, action="search")
    assert row.path == f"/people/?q={query_term_hash(TERM)}&page=1"
    _nowhere(caplog)


def test_it_keeps_an_api_search_as_a_keyed_hash(
    person: Person, clerk: User, login: Callable[[User | None], Client], caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    response = login(clerk).get("/api/v1/persons/", {"search": TERM, "limit": "10"})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(person.public_id)]
    row = AccessLog.objects.get(object_id=person.public_id, channel="api")
    assert row.path == f"/api/v1/persons/?search={query_term_hash(TERM)}&limit=10"
    _nowhere(caplog)


def test_it_logs_no_term_of_a_refused_or_missing_request(
    person: Person, ngo_b: User, login: Callable[[User | None], Client], caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    client = login(ngo_b)

    assert client.get(f"/people/{person.public_id}/", {"q": TERM}).status_code == 404
    assert client.get(f"/people/{uuid.uuid4()}/", {"q": TERM}).status_code == 404
    assert client.get(f"/api/v1/persons/{person.public_id}/", {"q": TERM}).status_code == 404

    _nowhere(caplog)


def test_the_same_term_always_gives_the_same_hash() -> None:
    assert query_term_hash(f" {TERM.lower()} ") == query_term_hash(TERM)
    assert query_term_hash(TERM) != query_term_hash("N18594778")
    assert TERM not in query_term_hash(TERM)


def test_it_hashes_a_term_sent_as_a_parameter_name() -> None:
    path = logged_path("/people/", f"{TERM}&%D0%90%D0%B9%D0%B3%D2%AF%D0%BB=1")

    assert (
        path
        == f"/people/?{query_term_hash(TERM)}=&{query_term_hash('Айгүл')}={query_term_hash('1')}"
    )


def test_it_keeps_paging_and_codes_in_clear() -> None:
    path = logged_path("/cases/", "page=2&mine=1&stage=interview&principal-given_name=Ерлан")

    assert path == (
        f"/cases/?page=2&mine=1&stage=interview&principal-given_name={query_term_hash('Ерлан')}"
    )
