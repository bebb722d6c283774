"""Who reads and who edits pledges, page by page and endpoint by endpoint: every persona, a
manager of another country's office, and the anonymous visitor. Readers: every signed-in user
of the pledge's country; editors: managers (factsheet.edit) of its agency office only. A
refused write stores nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, personas_make
from qorgau.pledges.models import Pledge, PledgeUpdate
from qorgau.pledges.tests.factories import pledge_make

EDITORS = {"officer"}
KAZ_READERS = {"clerk", "officer", "ngo_a", "ngo_b", "liaison", "stats"}


@dataclass
class World:
    users: dict[str, User | None]
    pledge: Pledge


@pytest.fixture
def world(db: None) -> World:
    orgs, users = personas_make()
    users["kgz_manager"] = user_make("kgz-manager", orgs["agency_kgz"], Role.PROTECTION_OFFICER)
    officer = users["officer"]
    assert officer is not None
    return World(users, pledge_make(officer))


ALL = (*PERSONAS, "kgz_manager")


def _read_status(persona: str) -> int:
    if persona == ANONYMOUS:
        return 302
    return 200 if persona in KAZ_READERS else 404


@pytest.mark.parametrize("persona", ALL)
def test_it_lets_every_signed_in_user_of_the_country_read(
    persona: str, world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users[persona])
    detail = reverse("pledges:detail", args=[world.pledge.public_id])

    listed = client.get(reverse("pledges:list"))
    shown = client.get(detail)
    api = client.get(f"/api/v1/pledges/{world.pledge.public_id}/")

    assert listed.status_code == (302 if persona == ANONYMOUS else 200)
    if persona == ANONYMOUS:
        assert listed["Location"].startswith(reverse("login"))
    else:
        assert (world.pledge.title_en in listed.content.decode()) == (persona in KAZ_READERS)
    assert shown.status_code == _read_status(persona)
    assert api.status_code == {302: 401, 200: 200, 404: 404}[_read_status(persona)]


def _progress_status(persona: str) -> int:
    if persona == ANONYMOUS:
        return 302
    if persona in EDITORS:
        return 200
    # factsheet.edit held nowhere → 403; held in another country's office → 404.
    return 404 if persona == "kgz_manager" else 403


@pytest.mark.parametrize("persona", ALL)
def test_it_lets_only_the_countrys_managers_record_progress(
    persona: str, world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users[persona])
    url = reverse("pledges:progress", args=[world.pledge.public_id])
    body = {
        "version": 1, "occurred_on": "2024-05-01", "summary": "Draft rules published.",
        "status": "in_progress", "reason": "", "evidence_url": "",
    }  # fmt: skip

    page = client.get(url)
    posted = client.post(url, body)
    api = client.post(
        f"/api/v1/pledges/{world.pledge.public_id}/progress/",
        json.dumps(body | {"version": world.pledge.version}),
        content_type="application/json",
    )

    assert page.status_code == _progress_status(persona)
    if persona in EDITORS:
        assert posted.status_code == 302
        assert api.status_code == 409  # the page's update moved the version on
        assert PledgeUpdate.objects.count() == 1
    else:
        assert posted.status_code == _progress_status(persona)
        assert api.status_code in (401, 403, 404)
        assert PledgeUpdate.objects.count() == 0
        assert Pledge.objects.get().version == 1
    if persona == ANONYMOUS:
        assert posted["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ALL)
def test_it_lets_only_managers_record_a_pledge(
    persona: str, world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users[persona])
    body = {
        "country": "KAZ", "area": "naturalisation", "made_on": "2023-12-13",
        "title_en": "Naturalisation", "title_ru": "Гражданство", "title_kk": "Азаматтық",
        "text_en": "Text.", "text_ru": "Текст.", "text_kk": "Мәтін.",
    }  # fmt: skip

    api = client.post("/api/v1/pledges/", json.dumps(body), content_type="application/json")
    page = client.post(reverse("pledges:new"), body)

    if persona in EDITORS:
        assert (api.status_code, page.status_code) == (201, 302)
        assert Pledge.objects.count() == 3
    elif persona == "kgz_manager":  # KAZ is not among the page's countries for them
        assert (api.status_code, page.status_code) == (403, 400)
        assert Pledge.objects.count() == 1
    else:
        assert api.status_code in (401, 403, 404)
        assert page.status_code == (302 if persona == ANONYMOUS else _progress_status(persona))
        assert Pledge.objects.count() == 1


def test_it_refuses_a_step_back_without_a_reason_on_the_page(
    world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users["officer"])
    url = reverse("pledges:progress", args=[world.pledge.public_id])
    client.post(url, {"version": 1, "occurred_on": "2024-05-01", "summary": "Law adopted.",
                      "status": "fulfilled"})  # fmt: skip

    response = client.post(url, {"version": 2, "occurred_on": "2024-06-01",
                                 "summary": "Law suspended.", "status": "in_progress"})  # fmt: skip

    assert response.status_code == 400
    assert "give the reason" in response.content.decode()
    assert PledgeUpdate.objects.count() == 1


def test_it_serves_the_indicator_and_its_numbers(
    world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users["stats"])
    pid = world.pledge.public_id

    page = client.get(reverse("pledges:detail", args=[pid]), {"as_of": "2024-05-17"})
    csv = client.get(reverse("pledges:indicator-csv", args=[pid]), {"as_of": "2024-05-17"})
    api = client.get(f"/api/v1/pledges/{pid}/indicator/", {"as_of": "2024-05-17"})

    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Month,Count"
    assert lines[1] == "2022-01,0"
    # Not a manager: the figures are as of the last reference date, never a chosen day.
    assert api.json()["as_of"] != "2024-05-17"
    assert dt.date.fromisoformat(api.json()["as_of"]).day == 1


def test_it_lists_pledges_in_the_openapi_schema(
    world: World, login: Callable[[User | None], Client]
) -> None:
    schema = login(world.users["officer"]).get("/api/schema/", {"format": "json"}).json()
    assert {"/api/v1/pledges/", "/api/v1/pledges/{id}/progress/",
            "/api/v1/pledges/{id}/indicator/"} <= set(schema["paths"])  # fmt: skip


@pytest.mark.parametrize("persona", ALL)
def test_it_serves_the_evidence_only_through_the_pledges_gate(
    persona: str, world: World, login: Callable[[User | None], Client]
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from qorgau.pledges.services import pledge_progress_record

    officer = world.users["officer"]
    assert officer is not None
    update = pledge_progress_record(
        actor=officer, pledge=world.pledge, version=1, occurred_on=dt.date(2024, 5, 1),
        summary="Decree signed.", status="in_progress",
        evidence_document=SimpleUploadedFile("decree.pdf", b"%PDF-1.4 decree"),
    )  # fmt: skip

    response = login(world.users[persona]).get(
        reverse("pledges:evidence", args=[world.pledge.public_id, update.public_id])
    )

    assert response.status_code == _read_status(persona)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"%PDF-1.4 decree"  # type: ignore[attr-defined]
