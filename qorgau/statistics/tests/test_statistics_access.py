"""Who may see which statistics: every statistics route, for every persona.

Figures are aggregates with disclosure control, for the countries where the user holds
``statistics.view``; the public page needs no login. A statistics route missing from
``ROUTES`` fails ``test_it_covers_every_statistics_route``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, personas_make, url_routes
from qorgau.people.services.persons import person_create
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input
from qorgau.web.tests.headers import assert_protective_headers

pytestmark = pytest.mark.django_db
PREFIXES = ("statistics/", "api/v1/statistics", "figures/")


@dataclass
class World:
    orgs: dict[str, Organisation]
    users: dict[str, User | None]


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    clerk = users["clerk"]
    assert clerk is not None
    for status in ("STA", "STA", "UND", "REF", "ASY"):
        person = person_create(actor=clerk, organisation=orgs["agency"], data=person_input())
        status_period_record(
            actor=clerk, organisation=orgs["agency"], person=person, status=status,
            effective_from=dt.date(2016, 1, 1),
        )  # fmt: skip
    return World(orgs=orgs, users=users)


STATISTICS_VIEWERS = {"officer", "liaison", "stats"}


def _viewers(anonymous: int, ok: int = 200) -> dict[str, int]:
    return {p: ok if p in STATISTICS_VIEWERS else 403 for p in PERSONAS} | {ANONYMOUS: anonymous}


@dataclass(frozen=True)
class Route:
    id: str
    name: str
    url: Any
    expected: dict[str, int]


FIGURES = "/api/v1/statistics/figures/?country=KAZ&as_of=2024-01-01"
QUERY = "?country=KAZ&as_of=2024-01-01"
ROUTES = [
    Route("web-dashboard", "statistics:dashboard", "/statistics/" + QUERY,
          _viewers(302)),
    Route("web-chart-data", "statistics:chart-data",
          "/statistics/chart/origins.csv" + QUERY, _viewers(302)),
    Route("web-factsheet", "statistics:factsheet",
          "/statistics/factsheet/" + QUERY + "&lang=ru", _viewers(302)),
    Route("web-factsheet-pdf", "statistics:factsheet-pdf",
          "/statistics/factsheet.pdf" + QUERY + "&lang=kk", _viewers(302)),
    Route("web-factsheet-texts", "statistics:factsheet-texts",
          "/statistics/factsheet/texts/",
          {**_viewers(302, ok=403), "officer": 200}),
    Route("web-public", "statistics:public", "/figures/",
          dict.fromkeys(PERSONAS, 200)),
    Route("api-figures", "statistics-figures", FIGURES, _viewers(401)),
    Route("api-figures-csv", "statistics-figures", FIGURES + "&format=csv", _viewers(401)),
    Route("api-figures-kgz", "statistics-figures",
          "/api/v1/statistics/figures/?country=KGZ&as_of=2024-01-01", _viewers(401, ok=403)),
]  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(
    route: Route, persona: str, world: World, login: Callable[[User | None], object]
) -> None:
    response = login(world.users[persona]).get(str(route.url))  # type: ignore[attr-defined]

    assert response.status_code == route.expected[persona], response.content[:300]
    assert_protective_headers(response, persona=persona, case=route.id)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("country=XYZ&as_of=2024-01-01", "unknown_country"),
        ("country=KAZ&as_of=2999-01-01", "future_date"),
        ("country=KAZ&as_of=2010-01-01", "before_records"),
        ("country=KAZ&as_of=yesterday", "bad_date"),
        ("country=KAZ&as_of=2024-01-01&format=pdf", "unsupported"),
        ("country=KAZ&as_of=2024-01-01&since=2025-01-01", "since"),
    ],
)
def test_bad_input_is_a_400_with_a_message(world, login, query, code):
    response = login(world.users["stats"]).get(f"/api/v1/statistics/figures/?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["detail"]


def test_small_counts_leave_the_api_suppressed(world, login):
    data = login(world.users["stats"]).get(FIGURES).json()

    assert data["stateless"]["total"] == "*"
    assert data["refugees_and_asylum_seekers"]["refugees"] == "*"
    assert "breakdowns" in data


def test_the_csv_download_carries_the_hxl_row(world, login):
    response = login(world.users["stats"]).get(FIGURES + "&format=csv")

    assert response["Content-Disposition"].endswith('qorgau-KAZ-2024-01-01.csv"')
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1].startswith("#date+reference,#date+year")


def test_it_covers_every_statistics_route() -> None:
    covered = {r.name for r in ROUTES}
    missing = [
        (name, path)
        for path, name, _ in url_routes()
        if path.replace("^", "").startswith(PREFIXES) and name not in covered
    ]
    assert missing == []


def test_a_kgz_country_is_refused_on_the_dashboard(world, login):
    response = login(world.users["stats"]).get("/statistics/?country=KGZ&as_of=2024-01-01")

    assert response.status_code == 200  # KGZ is no choice for a KAZ viewer: the form says so
    assert response.context["form"].errors


def test_the_public_page_shows_suppressed_counts_as_stars(world, client):
    response = client.get("/figures/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "*" in text
    assert "Kazakhstan" in text


def test_a_manager_edits_a_text_and_others_may_not(world, login):
    from qorgau.statistics.models import FactSheetText

    officer = login(world.users["officer"])
    response = officer.post(
        "/statistics/factsheet/texts/?country=KAZ&lang=kk", {"refugees": "Жаңа мәтін."}
    )
    assert response.status_code == 302
    assert FactSheetText.objects.get(language="kk", block="refugees").text == "Жаңа мәтін."
    assert (
        login(world.users["stats"])
        .post("/statistics/factsheet/texts/?country=KAZ&lang=kk", {"refugees": "x"})
        .status_code
        == 403
    )
