""" "Export these" on the search page (issue 16): the export holds exactly the people the search
finds, as the user may see them (a partner never gets another organisation's namesake, a share
recipient the shared person within the share's scope), one access-log row each; a search that
finds nobody is refused with a translated message and records nothing; anonymous visitors are
sent to log in."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from qorgau.audit.models import AccessLog, Channel, SecurityEvent
from qorgau.exports import errors
from qorgau.exports.models import Export
from qorgau.exports.tests.test_exports import (
    LIST,
    NEW,
    _csv_rows,
    _download,
    _export,
    _person,
)
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_user
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed

pytestmark = pytest.mark.django_db


@pytest.fixture
def others(clerk: User, agency: Organisation, ngo_b: User, ngo_b_org: Organisation) -> Person:
    """The agency office's Бөлісов, shared with NGO B; NGO B's own Бекова."""
    _person(ngo_b, ngo_b_org, "Бекова")
    shared = _person(clerk, agency, "Бөлісов", needs=["SM-CI"])
    share_grant_agreed(
        actor=persona_user("officer", agency),
        recipient=ngo_b_org,
        agreement="DSA 2026/01",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        person=shared,
    )
    return shared


@pytest.fixture
def namesakes(others, ngo_a: User, ngo_a_org: Organisation, ngo_b: User, ngo_b_org: Any):
    """Two Сапарова of NGO A (one female, one male), one of NGO B."""
    return (
        _person(ngo_a, ngo_a_org, "Сапарова", given_name="Әсел", sex="female"),
        _person(ngo_a, ngo_a_org, "Сапаров", given_name="Ерлан", sex="male"),
        _person(ngo_b, ngo_b_org, "Сапарова", given_name="Жанар", sex="female"),
    )


def test_the_search_page_links_to_an_export_of_its_results(namesakes, ngo_a, login):
    client = login(ngo_a)
    page = client.get(reverse("people:search"), {"q": "Сапаров", "sex": "female"})
    link = f"{LIST}?{urlencode({'q': 'Сапаров', 'sex': 'female'})}".replace("&", "&amp;")

    assert f'href="{link}"' in page.content.decode()
    form = client.get(LIST, {"q": "Сапаров", "sex": "female"}).content.decode()
    assert 'name="q" value="Сапаров"' in form
    assert 'id="search-export"' in form


def test_it_exports_exactly_the_people_the_search_finds(namesakes, ngo_a, login):
    mine_f, mine_m, theirs = namesakes
    client = login(ngo_a)
    found = client.get(reverse("people:search"), {"q": "Сапаров"}).content.decode()
    assert mine_f.registration_number in found
    assert mine_m.registration_number in found

    assert _export(client, "registration_number", "given_name", q="Сапаров").status_code == 302
    rows = _csv_rows(_download(client, ngo_a))

    assert sorted(r["given_name"] for r in rows) == ["Ерлан", "Әсел"]  # not NGO B's Жанар
    assert theirs.registration_number not in {r["registration_number"] for r in rows}
    logged = AccessLog.objects.filter(user=ngo_a, channel=Channel.EXPORT, action="export")
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(
        [mine_f.public_id, mine_m.public_id]
    )
    event = SecurityEvent.objects.get(user=ngo_a, event="export")
    assert (event.detail["what"], event.detail["found"]) == ("search", 2)
    assert "Сапаров" not in str(event.detail)  # the query may be a name: never in the log


def test_the_search_filters_narrow_the_export(namesakes, ngo_a, login):
    client = login(ngo_a)
    _export(client, "given_name", q="Сапаров", sex="female")
    assert [r["given_name"] for r in _csv_rows(_download(client, ngo_a))] == ["Әсел"]


def test_a_share_recipient_exports_the_shared_person_within_the_scope(others, ngo_b, login):
    client = login(ngo_b)
    _export(client, "family_name", "needs", q="Бөлісов")
    rows = _csv_rows(_download(client, ngo_b))
    assert [(r["family_name"], r["needs"]) for r in rows] == [("Бөлісов", "")]


def test_a_search_that_finds_nobody_is_refused_and_records_nothing(others, ngo_a, login):
    client = login(ngo_a)
    translation.activate("ru")
    response = client.post(
        NEW, {"format": "csv", "columns": ["family_name"], "q": "Бекова"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    translation.deactivate()

    assert response.status_code == 400
    with translation.override("ru"):
        assert str(errors.SEARCH_FOUND_NOBODY) in response.content.decode()
    assert not Export.objects.exists()  # NGO B's Бекова is not NGO A's to find


def test_an_anonymous_visitor_is_sent_to_log_in(login):
    response = login(None).get(LIST, {"q": "Сапаров"})
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_api_exports_a_search_and_refuses_one_that_finds_nobody(namesakes, ngo_a, login):
    client = login(ngo_a)
    api = reverse("api-exports")

    answer = client.post(
        api,
        {"format": "csv", "columns": ["given_name"], "q": "Сапаров", "filters": {"sex": "male"}},
        content_type="application/json",
    )
    nobody = client.post(
        api,
        {"format": "csv", "columns": ["given_name"], "q": "Жоқова"},
        content_type="application/json",
    )

    assert answer.status_code == 202, answer.content
    rows = _csv_rows(client.get(answer.json()["download"]))
    assert [r["given_name"] for r in rows] == ["Ерлан"]
    assert nobody.status_code == 400
    assert Export.objects.count() == 1
