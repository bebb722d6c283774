"""Exports of lists of people (issue 16): only the people the user may see, only the fields the
user may read of each, one access-log row per exported person, a security event, the file
encrypted and downloadable by its requester only until it expires, formulas neutralised, a rate
per user, and a background job for large lists.

The world: the agency office's person (a phone, a specific need) shared with NGO B; two people
of NGO A, one of NGO B."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from qorgau.audit.models import AccessLog, Channel, SecurityEvent
from qorgau.exports import errors
from qorgau.exports.columns import cell_safe
from qorgau.exports.models import Export, ExportStatus
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import persona_user
from qorgau.people.models import Person
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.web.tests.worker import run_worker

NEED = "SM-CI"
PHONE = "+77012345678"
NEW = reverse("exports:new")
LIST = reverse("exports:list")


@dataclass
class World:
    shared: Person  # the agency office's, shared with NGO B
    own_a: Person
    second_a: Person
    own_b: Person


def _person(actor: User, organisation: Organisation, family_name: str, **more: Any) -> Person:
    return person_create(
        actor=actor, organisation=organisation, data=person_input(family_name=family_name, **more)
    )


@pytest.fixture
def world(
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b: User,
    ngo_b_org: Organisation,
    clerk: User,
    agency: Organisation,
) -> World:
    shared = _person(clerk, agency, "Бөлісов", phones=[PHONE], needs=[NEED])
    share_grant_agreed(
        actor=persona_user("officer", agency),
        recipient=ngo_b_org,
        agreement="DSA 2026/01",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        person=shared,
    )
    return World(
        shared=shared,
        own_a=_person(ngo_a, ngo_a_org, "Өзіндікова", address='=HYPERLINK("x")'),
        second_a=_person(ngo_a, ngo_a_org, "Екіншіева"),
        own_b=_person(ngo_b, ngo_b_org, "Бекова"),
    )


def _export(client: Client, *fields: str, format: str = "csv", **filters: str) -> Any:
    return client.post(NEW, {"format": format, "columns": list(fields), **filters})


def _download(client: Client, user: User) -> Any:
    export = Export.objects.filter(requested_by=user).latest("created_at")
    return client.get(reverse("exports:download", args=[export.public_id]))


def _csv_rows(response: Any) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_a_partners_export_holds_only_its_people_and_logs_each(
    world: World, ngo_a: User, login: Any
) -> None:
    client = login(ngo_a)

    assert _export(client, "registration_number", "family_name").status_code == 302
    response = _download(client, ngo_a)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="qorgau-people-')
    rows = _csv_rows(response)
    assert {r["family_name"] for r in rows} == {"Өзіндікова", "Екіншіева"}
    logged = AccessLog.objects.filter(user=ngo_a, channel=Channel.EXPORT, action="export")
    assert sorted(logged.values_list("object_id", flat=True)) == sorted(
        [world.own_a.public_id, world.second_a.public_id]
    )
    events = SecurityEvent.objects.filter(user=ngo_a)
    assert set(events.values_list("event", flat=True)) >= {"export", "export_downloaded"}
    asked = events.get(event="export")
    assert asked.detail["fields"] == ["registration_number", "family_name"]


@pytest.mark.django_db
def test_a_share_never_carries_fields_outside_its_scope(
    world: World, ngo_b: User, login: Any
) -> None:
    client = login(ngo_b)

    _export(client, "family_name", "phones", "needs")
    rows = {r["family_name"]: r for r in _csv_rows(_download(client, ngo_b))}

    assert set(rows) == {"Бөлісов", "Бекова"}
    assert rows["Бөлісов"]["phones"] == f"'{PHONE}"  # contact is in a share's scope
    assert rows["Бөлісов"]["needs"] == ""  # specific needs never are


@pytest.mark.django_db
def test_a_role_cannot_export_a_field_it_may_not_read(
    world: World, liaison: User, login: Any
) -> None:
    client = login(liaison)
    translation.activate("ru")

    response = client.post(
        NEW,
        {"format": "csv", "columns": ["family_name", "needs"]},
        headers={"accept-language": "ru"},
    )

    assert response.status_code == 400
    assert Export.objects.count() == 0
    page = response.content.decode()
    assert str(errors.FIELD_NOT_READABLE) % {"field": "needs"} in page  # in Russian
    assert 'value="needs"' not in page  # never offered
    assert SecurityEvent.objects.filter(user=liaison, event="export_refused").exists()


@pytest.mark.django_db
def test_the_service_refuses_a_field_no_role_of_the_user_reads(world: World, liaison: User) -> None:
    from qorgau.errors import Invalid
    from qorgau.exports.services import export_request

    with pytest.raises(Invalid) as refused:
        export_request(actor=liaison, format="csv", fields=["family_name", "needs"])

    assert refused.value.code == "field_not_readable"
    assert SecurityEvent.objects.get(user=liaison, event="export_refused").detail == {
        "fields": ["needs"]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("other", ["ngo_b", "clerk"])
def test_no_one_but_the_requester_downloads_an_export(
    world: World, ngo_a: User, other: str, login: Any, request: pytest.FixtureRequest
) -> None:
    _export(login(ngo_a), "family_name")
    export = Export.objects.get(requested_by=ngo_a)

    response = login(request.getfixturevalue(other)).get(
        reverse("exports:download", args=[export.public_id])
    )

    assert response.status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(world: World, ngo_a: User, login: Any) -> None:
    _export(login(ngo_a), "family_name")
    export = Export.objects.get(requested_by=ngo_a)
    anonymous = Client()

    for response in (
        anonymous.get(LIST),
        anonymous.post(NEW, {"format": "csv", "columns": ["family_name"]}),
        anonymous.get(reverse("exports:download", args=[export.public_id])),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert Export.objects.count() == 1


@pytest.mark.django_db
def test_a_statistics_viewer_cannot_export_people(stats: User, login: Any) -> None:
    assert login(stats).get(LIST).status_code == 403
    assert login(stats).post(NEW, {"format": "csv", "columns": ["family_name"]}).status_code == 403


@pytest.mark.django_db
def test_formulas_are_neutralised_in_csv_and_xlsx(world: World, ngo_a: User, login: Any) -> None:
    client = login(ngo_a)

    _export(client, "family_name", "address")
    rows = {r["family_name"]: r for r in _csv_rows(_download(client, ngo_a))}
    assert rows["Өзіндікова"]["address"] == '\'=HYPERLINK("x")'

    _export(client, "family_name", "address", format="xlsx")
    sheet = load_workbook(io.BytesIO(_download(client, ngo_a).content)).active
    assert sheet is not None
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("x")' in values
    assert all(not str(v).startswith("=") for v in values if v is not None)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    assert cell_safe(f"{start}1+1") == f"'{start}1+1"
    assert cell_safe("Алматы") == "Алматы"


@pytest.mark.django_db
def test_the_file_is_encrypted_at_rest(world: World, ngo_a: User, login: Any) -> None:
    _export(login(ngo_a), "family_name")

    stored = bytes(Export.objects.get(requested_by=ngo_a).content or b"")

    assert stored
    assert "Өзіндікова".encode() not in stored


@pytest.mark.django_db
def test_an_export_expires_and_its_file_is_deleted(
    world: World, ngo_a: User, login: Any, settings: Any
) -> None:
    client = login(ngo_a)
    _export(client, "family_name")
    export = Export.objects.get(requested_by=ngo_a)
    kept = export.expires_at - export.created_at
    assert abs(kept - dt.timedelta(hours=settings.LIST_EXPORT_HOURS)) < dt.timedelta(minutes=1)
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = client.get(reverse("exports:download", args=[export.public_id]))
    assert client.get(LIST).status_code == 200  # the page deletes expired files

    assert response.status_code == 404
    export.refresh_from_db()
    assert export.content is None
    assert export.status == ExportStatus.EXPIRED


@pytest.mark.django_db
def test_exports_are_rate_limited_per_user(
    world: World, ngo_a: User, login: Any, settings: Any
) -> None:
    settings.EXPORT_RATE = "1/hour"
    client = login(ngo_a)

    assert _export(client, "family_name").status_code == 302
    assert _export(client, "family_name").status_code == 429
    assert Export.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"format": "csv", "columns": []}, errors.NO_FIELDS),
        ({"format": "pdf", "columns": ["family_name"]}, None),
        ({"format": "csv", "columns": ["family_name"], "sex": "unknown-code"}, None),
    ],
)
def test_bad_input_is_refused_with_a_message_and_stores_nothing(
    world: World, ngo_a: User, login: Any, data: dict[str, Any], message: Any
) -> None:
    response = login(ngo_a).post(NEW, data)

    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    if message is not None:
        assert str(message) in response.content.decode()
    assert Export.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_large_export_runs_in_the_worker_and_the_page_follows_it(
    world: World, ngo_a: User, login: Any, settings: Any
) -> None:
    settings.LIST_EXPORT_INLINE_ROWS = 1
    client = login(ngo_a)

    _export(client, "family_name")
    export = Export.objects.get(requested_by=ngo_a)
    assert export.status == ExportStatus.QUEUED
    polling = client.get(LIST, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 3s"' in polling

    run_worker()

    export.refresh_from_db()
    assert (export.status, export.total, export.done) == (ExportStatus.DONE, 2, 2)
    done = client.get(LIST, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done
    assert reverse("exports:download", args=[export.public_id]) in done
