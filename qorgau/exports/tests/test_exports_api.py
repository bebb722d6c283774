"""List exports on the API: the same rules as the page (people the user may see, fields the
role reads, the requester's file only, anonymous refused, rate per user)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.audit.models import AccessLog, Channel
from qorgau.exports.models import Export
from qorgau.organisations.models import Organisation, User
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input

pytestmark = pytest.mark.django_db
EXPORTS = reverse("api-exports")


@pytest.fixture
def people(ngo_a: User, ngo_a_org: Organisation, clerk: User, agency: Organisation) -> None:
    for actor, organisation, name in ((ngo_a, ngo_a_org, "Апиева"), (clerk, agency, "Агентов")):
        person_create(actor=actor, organisation=organisation, data=person_input(family_name=name))


def _ask(client: Client, **body: Any) -> Any:
    return client.post(EXPORTS, body, content_type="application/json")


def test_a_partner_exports_its_people_and_downloads_the_file(
    people: None, ngo_a: User, login: Any
) -> None:
    client = login(ngo_a)

    answer = _ask(client, format="csv", columns=["family_name"], filters={"sex": "male"})
    assert answer.status_code == 202, answer.content
    body = answer.json()
    assert body["status"] == "done"
    assert client.get(reverse("api-export", args=[body["id"]])).json()["done"] == 1
    file = client.get(body["download"])

    assert file.status_code == 200
    rows = list(csv.DictReader(io.StringIO(file.content.decode("utf-8-sig"))))
    assert [r["family_name"] for r in rows] == ["Апиева"]
    assert AccessLog.objects.filter(user=ngo_a, channel=Channel.EXPORT).count() == 1
    assert [e["id"] for e in client.get(EXPORTS).json()] == [body["id"]]


def test_another_user_gets_404(people: None, ngo_a: User, ngo_b: User, login: Any) -> None:
    body = _ask(login(ngo_a), format="xlsx", columns=["family_name"]).json()
    other = login(ngo_b)

    assert other.get(reverse("api-export", args=[body["id"]])).status_code == 404
    assert other.get(reverse("api-export-download", args=[body["id"]])).status_code == 404
    assert other.get(EXPORTS).json() == []


def test_a_role_cannot_export_a_field_it_may_not_read(people: None, liaison: User, login: Any):
    answer = _ask(login(liaison), format="csv", columns=["family_name", "phones"])

    assert answer.status_code == 400
    assert "phones" in str(answer.json())
    assert Export.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"format": "csv", "columns": []},
        {"format": "pdf", "columns": ["family_name"]},
        {"format": "csv", "columns": ["no_such_field"]},
        {"format": "csv", "columns": ["family_name"], "filters": {"sex": "x"}},
    ],
)
def test_bad_input_is_a_400_and_stores_nothing(
    people: None, ngo_a: User, login: Any, body: dict[str, Any]
) -> None:
    assert _ask(login(ngo_a), **body).status_code == 400
    assert Export.objects.count() == 0


def test_anonymous_requests_are_refused(people: None) -> None:
    assert _ask(Client(), format="csv", columns=["family_name"]).status_code == 401
    assert Client().get(EXPORTS).status_code == 401


def test_a_statistics_viewer_is_refused(stats: User, login: Any) -> None:
    assert _ask(login(stats), format="csv", columns=["registration_number"]).status_code == 403


def test_new_exports_are_rate_limited(people: None, ngo_a: User, login: Any, settings: Any) -> None:
    settings.EXPORT_RATE = "1/hour"
    client = login(ngo_a)

    assert _ask(client, format="csv", columns=["family_name"]).status_code == 202
    assert _ask(client, format="csv", columns=["family_name"]).status_code == 429
    assert client.get(EXPORTS).status_code == 200  # following them is not an export
