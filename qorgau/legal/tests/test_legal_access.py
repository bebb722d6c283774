"""Who reads and who edits legal standards, page by page and endpoint by endpoint: every
persona, a manager of another country's office, and the anonymous visitor. A refused write
stores nothing; bad input on the page names the field and stores nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.legal.models import Assessment, FollowUp, Provision, Recommendation
from qorgau.legal.services import assessment_record, recommendation_record
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, personas_make

KAZ_READERS = {"clerk", "officer", "ngo_a", "ngo_b", "liaison", "stats"}
ALL = (*PERSONAS, "kgz_manager")


@dataclass
class World:
    users: dict[str, User | None]
    provision: Provision
    recommendation: Recommendation


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
    return World(users, provision, recommendation)


def _status(persona: str, editor: int = 200) -> int:
    if persona == ANONYMOUS:
        return 302
    if persona == "officer":
        return editor
    return 404 if persona == "kgz_manager" else 403


@pytest.mark.parametrize("persona", ALL)
def test_it_lets_every_signed_in_user_read_their_countries(
    persona: str, world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users[persona])

    page = client.get(reverse("legal:country"), {"country": "KAZ"})
    timeline = client.get(reverse("legal:timeline"), {"country": "KAZ"})
    api = client.get("/api/v1/legal-assessments/", {"country": "KAZ"})

    expected = 302 if persona == ANONYMOUS else (200 if persona in KAZ_READERS else 404)
    assert (page.status_code, timeline.status_code) == (expected, expected)
    if expected == 200:
        assert "Law on Synthetic Examples" in page.content.decode()
        assert "Train border guards." in timeline.content.decode()
    assert api.status_code == (401 if persona == ANONYMOUS else 200)
    if persona in KAZ_READERS:
        assert len(api.json()["results"]) == 1
    elif persona != ANONYMOUS:
        assert api.json()["results"] == []


@pytest.mark.parametrize("persona", ALL)
def test_it_lets_only_the_countrys_managers_write(
    persona: str, world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.users[persona])
    pid = world.provision.public_id

    provision = client.post(
        f"{reverse('legal:provision-new')}?country=KAZ",
        {"law_title": "Law B", "article": "Art. 2", "text": "T.", "in_force_from": "2015-01-01"},
    )
    assessed = client.post(
        reverse("legal:assess", args=[pid]),
        {"standard": world.recommendation.assessment.standard_id, "alignment": "aligned",
         "assessed_on": "2021-01-01", "recommendation": "Publish the rules."},
    )  # fmt: skip
    followed = client.post(
        reverse("legal:follow-up", args=[world.recommendation.public_id]),
        {"occurred_on": "2021-03-01", "note": "Done.", "status": "implemented", "version": 1},
    )
    api = client.post(
        "/api/v1/legal-assessments/",
        json.dumps({"provision": str(pid), "standard": "1951_art_31", "alignment": "aligned",
                    "assessed_on": "2021-02-01"}),
        content_type="application/json",
    )  # fmt: skip

    assert provision.status_code == _status(persona, 302)
    assert assessed.status_code == _status(persona, 302)
    assert followed.status_code == _status(persona, 302)
    if persona == "officer":
        assert api.status_code == 201
        counts = (Provision.objects.count(), Assessment.objects.count(),
                  Recommendation.objects.count(), FollowUp.objects.count())  # fmt: skip
        assert counts == (2, 3, 2, 1)
    else:
        assert api.status_code in (401, 403, 404)
        counts = (Provision.objects.count(), Assessment.objects.count(),
                  Recommendation.objects.count(), FollowUp.objects.count())  # fmt: skip
        assert counts == (1, 1, 1, 0)


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
            "/api/v1/legal-assessments/"} <= set(schema["paths"])  # fmt: skip
