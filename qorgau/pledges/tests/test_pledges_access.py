"""Who reads and who edits pledges, page by page and endpoint by endpoint (the shared ``Route``
rows of ``organisations/tests/personas.py``): every persona, a manager of another country's
office, and the anonymous visitor. Readers: every signed-in user
of the pledge's country; editors: managers (factsheet.edit) of its agency office only. A
refused write stores nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import (
    ANONYMOUS,
    PERSONAS,
    Route,
    personas_make,
    route_answered,
    route_send,
    url_routes,
)
from qorgau.pledges.models import Pledge, PledgeUpdate
from qorgau.pledges.services import pledge_progress_record
from qorgau.pledges.tests.factories import pledge_make

EDITORS = {"officer"}
KAZ_READERS = {"clerk", "officer", "ngo_a", "ngo_b", "liaison", "stats"}


@dataclass
class World:
    users: dict[str, User | None]
    pledge: Pledge
    update: PledgeUpdate


@pytest.fixture
def world(db: None) -> World:
    orgs, users = personas_make()
    users["kgz_manager"] = user_make("kgz-manager", orgs["agency_kgz"], Role.PROTECTION_OFFICER)
    officer = users["officer"]
    assert officer is not None
    pledge = pledge_make(officer)
    update = pledge_progress_record(
        actor=officer, pledge=pledge, version=1, occurred_on=dt.date(2024, 4, 1),
        summary="Decree signed.", status="in_progress",
        evidence_document=SimpleUploadedFile("decree.pdf", b"%PDF-1.4 decree"),
    )  # fmt: skip
    pledge.refresh_from_db()
    return World(users, pledge, update)


ALL = (*PERSONAS, "kgz_manager")


def _read(ok: int, anonymous: int = 302) -> dict[str, int]:
    """A pledge of Kazakhstan: read by every signed-in user of the country, 404 for others."""
    return {**dict.fromkeys(ALL, 404), **dict.fromkeys(KAZ_READERS, ok), ANONYMOUS: anonymous}


def _everyone(ok: int, anonymous: int = 302) -> dict[str, int]:
    return {**dict.fromkeys(ALL, ok), ANONYMOUS: anonymous}


def _edit(ok: int, *, other_manager: int = 404, anonymous: int = 302) -> dict[str, int]:
    """A manager's write: the country's manager; 403 without ``factsheet.edit``; another
    country's manager ``other_manager``; log-in (401 from the API) for nobody signed in."""
    return {
        **dict.fromkeys(ALL, 403),
        "kgz_manager": other_manager,
        **dict.fromkeys(EDITORS, ok),
        ANONYMOUS: anonymous,
    }


def _pledge(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[w.pledge.public_id])


def _api(action: str) -> Callable[[World], str]:
    return lambda w: f"/api/v1/pledges/{w.pledge.public_id}/{action}"


def _progress(w: World) -> dict[str, Any]:
    return {"version": w.pledge.version, "occurred_on": "2024-05-01",
            "summary": "Draft rules published.", "status": "in_progress", "reason": "",
            "evidence_url": ""}  # fmt: skip


_NEW = {
    "country": "KAZ", "area": "naturalisation", "made_on": "2023-12-13",
    "title_en": "Naturalisation", "title_ru": "Гражданство", "title_kk": "Азаматтық",
    "text_en": "Text.", "text_ru": "Текст.", "text_kk": "Мәтін.",
}  # fmt: skip


def _listed(w: World, response: Any) -> bool:
    return w.pledge.title_en in response.content.decode()


ROUTES: list[Route[World]] = [
    Route("list", "pledges:list", "GET", lambda w: reverse("pledges:list"), _everyone(200),
          listed=_listed),
    Route("detail", "pledges:detail", "GET", _pledge("pledges:detail"), _read(200)),
    Route("indicator-csv", "pledges:indicator-csv", "GET",
          lambda w: f"{reverse('pledges:indicator-csv', args=[w.pledge.public_id])}"
                    "?as_of=2024-05-17", _read(200)),
    Route("evidence", "pledges:evidence", "GET",
          lambda w: reverse("pledges:evidence", args=[w.pledge.public_id, w.update.public_id]),
          _read(200)),
    Route("progress-get", "pledges:progress", "GET", _pledge("pledges:progress"), _edit(200)),
    Route("progress-post", "pledges:progress", "POST", _pledge("pledges:progress"), _edit(302),
          body=_progress),
    # Another country's manager has the form, without Kazakhstan among its countries.
    Route("new-get", "pledges:new", "GET", lambda w: reverse("pledges:new"),
          _edit(200, other_manager=200)),
    Route("new-post", "pledges:new", "POST", lambda w: reverse("pledges:new"),
          _edit(302, other_manager=400), body=lambda w: _NEW),
    Route("api-list", "pledge-list", "GET", lambda w: "/api/v1/pledges/", _everyone(200, 401),
          listed=_listed),
    Route("api-create", "pledge-list", "POST", lambda w: "/api/v1/pledges/",
          _edit(201, other_manager=403, anonymous=401), body=lambda w: _NEW),
    Route("api-detail", "pledge-detail", "GET", _api(""), _read(200, 401)),
    Route("api-indicator", "pledge-indicator", "GET", _api("indicator/"), _read(200, 401)),
    Route("api-updates", "pledge-updates", "GET", _api("updates/"), _read(200, 401)),
    Route("api-progress", "pledge-progress", "POST", _api("progress/"),
          _edit(201, anonymous=401), body=_progress),
]  # fmt: skip


def _counts() -> tuple[int, int, int]:
    return (
        Pledge.objects.count(),
        PledgeUpdate.objects.count(),
        Pledge.objects.get(title_en="Border referral").version,
    )


@pytest.mark.parametrize("persona", ALL)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(
    route: Route[World], persona: str, world: World, login: Callable[[User | None], Client]
) -> None:
    before = _counts()

    response = route_send(login(world.users[persona]), route, world)

    route_answered(route, persona, world, response, readers=KAZ_READERS)
    wrote = route.method == "POST" and persona in EDITORS
    assert (_counts() != before) == wrote


def test_it_covers_every_route_of_pledges() -> None:
    names = {
        name
        for path, name, _ in url_routes()
        if name.startswith("pledges:") or path.startswith("api/v1/^pledges/")
    }

    assert names == {r.name for r in ROUTES}


def test_it_refuses_a_step_back_without_a_reason_on_the_page(
    world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users["officer"])
    url = reverse("pledges:progress", args=[world.pledge.public_id])
    version = world.pledge.version  # after the world's update
    client.post(url, {"version": version, "occurred_on": "2024-05-01",
                      "summary": "Law adopted.", "status": "fulfilled"})  # fmt: skip

    response = client.post(url, {"version": version + 1, "occurred_on": "2024-06-01",
                                 "summary": "Law suspended.", "status": "in_progress"})  # fmt: skip

    assert response.status_code == 400
    assert "give the reason" in response.content.decode()
    assert PledgeUpdate.objects.count() == 2


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
