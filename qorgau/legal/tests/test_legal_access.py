"""Who reads and who edits legal standards, page by page and endpoint by endpoint (the shared
``Route`` rows of ``organisations/tests/personas.py``): every persona, a manager of another
country's office, and the anonymous visitor. Managers of the country's agency office edit,
everyone else of the country reads, another country's manager gets 404. A refused write stores
nothing; bad input on the page names the field and stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.legal.models import Assessment, FollowUp, Provision, Recommendation, TreatyStatus
from qorgau.legal.services import assessment_record, recommendation_record
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

KAZ_READERS = {"clerk", "officer", "ngo_a", "ngo_b", "liaison", "stats"}
ALL = (*PERSONAS, "kgz_manager")


@dataclass
class World:
    users: dict[str, User | None]
    provision: Provision
    recommendation: Recommendation
    treaty: TreatyStatus


@pytest.fixture
def world(db: None) -> World:
    import datetime as dt

    from qorgau.legal.models import Standard
    from qorgau.legal.services import provision_record
    from qorgau.reference.models import Country

    orgs, users = personas_make()
    users["kgz_manager"] = user_make("kgz-manager", orgs["agency_kgz"], Role.PROTECTION_OFFICER)
    officer = users["officer"]
    assert officer is not None
    provision = provision_record(
        actor=officer, country=Country.objects.get(iso3="KAZ"),
        law_title="Law on Synthetic Examples", article="Art. 8", text="Border requests.",
        in_force_from=dt.date(2010, 1, 1),
    )  # fmt: skip
    assessment = assessment_record(
        actor=officer, provision=provision, standard=Standard.objects.get(code="1951_art_33"),
        alignment="partly", assessed_on=dt.date(2020, 1, 1),
    )  # fmt: skip
    recommendation = recommendation_record(
        actor=officer, assessment=assessment, text="Train border guards.",
        made_on=dt.date(2020, 2, 1),
    )  # fmt: skip
    treaty = TreatyStatus.objects.get(country__iso3="KAZ", instrument__code="1951_convention")
    return World(users, provision, recommendation, treaty)


EDITORS = frozenset({"officer"})


def _read(ok: int) -> dict[str, int]:
    """A page of the country's legal standards: its readers, 404 for other countries' users."""
    return {**dict.fromkeys(ALL, 404), **dict.fromkeys(KAZ_READERS, ok), ANONYMOUS: 302}


def _api_read() -> dict[str, int]:
    """An API list: every signed-in user gets their own countries' rows (none of KAZ's for the
    Kyrgyzstan office), 401 for nobody signed in."""
    return {**dict.fromkeys(ALL, 200), ANONYMOUS: 401}


def _edit(ok: int, *, api: bool = False) -> dict[str, int]:
    """A manager's write: the country's manager; 403 without ``factsheet.edit``, 404 for
    another country's manager, log-in (401 from the API) for nobody signed in."""
    return {
        **dict.fromkeys(ALL, 403),
        "kgz_manager": 404,
        **dict.fromkeys(EDITORS, ok),
        ANONYMOUS: 401 if api else 302,
    }


def _kaz(name: str) -> Callable[[World], str]:
    return lambda w: f"{reverse(name)}?country=KAZ"


def _treaty(w: World) -> str:
    return reverse("legal:treaty-status", args=[w.treaty.public_id])


def _listed(text: str) -> Callable[[World, Any], bool]:
    return lambda w, response: text in response.content.decode()


ROUTES: list[Route[World]] = [
    Route("country", "legal:country", "GET", _kaz("legal:country"), _read(200),
          listed=_listed("Law on Synthetic Examples")),
    Route("timeline", "legal:timeline", "GET", _kaz("legal:timeline"), _read(200),
          listed=_listed("Train border guards.")),
    Route("provision-get", "legal:provision-new", "GET", _kaz("legal:provision-new"), _edit(200)),
    Route(
        "provision-post", "legal:provision-new", "POST", _kaz("legal:provision-new"), _edit(302),
        body=lambda w: {"law_title": "Law B", "article": "Art. 2", "text": "T.",
                        "in_force_from": "2015-01-01"},
    ),
    Route("assess-get", "legal:assess", "GET",
          lambda w: reverse("legal:assess", args=[w.provision.public_id]), _edit(200)),
    Route(
        "assess-post", "legal:assess", "POST",
        lambda w: reverse("legal:assess", args=[w.provision.public_id]), _edit(302),
        body=lambda w: {"standard": w.recommendation.assessment.standard_id,
                        "alignment": "aligned", "assessed_on": "2021-01-01",
                        "recommendation": "Publish the rules."},
    ),
    Route("follow-up-get", "legal:follow-up", "GET",
          lambda w: reverse("legal:follow-up", args=[w.recommendation.public_id]), _edit(200)),
    Route(
        "follow-up-post", "legal:follow-up", "POST",
        lambda w: reverse("legal:follow-up", args=[w.recommendation.public_id]), _edit(302),
        body=lambda w: {"occurred_on": "2021-03-01", "note": "Done.", "status": "implemented",
                        "version": 1},
    ),
    Route("treaty-get", "legal:treaty-status", "GET", _treaty, _edit(200)),
    Route(
        "treaty-post", "legal:treaty-status", "POST", _treaty, _edit(302),
        body=lambda w: {"status": "party", "party_since": "1999-01-15", "signed_on": "",
                        "source": "UN Treaty Collection", "verified": "on",
                        "reason": "Checked against the depositary", "version": 1},
    ),
    Route("api-statuses", "legal-status-list", "GET",
          lambda w: "/api/v1/legal-statuses/?country=KAZ", _api_read()),
    Route("api-provisions", "legal-provision-list", "GET",
          lambda w: "/api/v1/legal-provisions/?country=KAZ", _api_read(),
          listed=_listed("Law on Synthetic Examples")),
    Route("api-assessments", "legal-assessment-list", "GET",
          lambda w: "/api/v1/legal-assessments/?country=KAZ", _api_read(),
          listed=lambda w, r: str(w.recommendation.assessment.public_id) in r.content.decode()),
    Route(
        "api-assessment-post", "legal-assessment-list", "POST",
        lambda w: "/api/v1/legal-assessments/", _edit(201, api=True),
        body=lambda w: {"provision": str(w.provision.public_id), "standard": "1951_art_31",
                        "alignment": "aligned", "assessed_on": "2021-02-01"},
    ),
    Route("api-recommendations", "legal-recommendation-list", "GET",
          lambda w: "/api/v1/legal-recommendations/?country=KAZ", _api_read(),
          listed=_listed("Train border guards.")),
]  # fmt: skip


def _counts() -> tuple[int, ...]:
    return (Provision.objects.count(), Assessment.objects.count(),
            Recommendation.objects.count(), FollowUp.objects.count(),
            TreatyStatus.objects.filter(verified=True).count())  # fmt: skip


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


def test_it_covers_every_route_of_legal_standards() -> None:
    names = {
        name
        for path, name, _ in url_routes()
        if name.startswith("legal:") or path.startswith("api/v1/^legal-")
    }

    assert names == {r.name for r in ROUTES}


def test_it_names_the_field_when_the_provision_is_not_in_force(
    world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users["officer"])
    response = client.post(
        reverse("legal:assess", args=[world.provision.public_id]),
        {"standard": world.recommendation.assessment.standard_id, "alignment": "aligned",
         "assessed_on": "2009-06-01", "recommendation": "Never stored."},
    )  # fmt: skip

    assert response.status_code == 400
    body = response.content.decode()
    assert "Assessed on" in body
    assert "not in force" in body
    assert (Assessment.objects.count(), Recommendation.objects.count()) == (1, 1)


def test_it_lists_legal_endpoints_in_the_openapi_schema(
    world: World, login: Callable[[User | None], Client]
) -> None:
    schema = login(world.users["officer"]).get("/api/schema/", {"format": "json"}).json()
    assert {"/api/v1/legal-statuses/", "/api/v1/legal-provisions/",
            "/api/v1/legal-assessments/",
            "/api/v1/legal-recommendations/"} <= set(schema["paths"])  # fmt: skip
