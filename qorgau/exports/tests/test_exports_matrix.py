"""Every persona against every route of list exports: the page, a new export, the download of
the clerk's export (the requester only), and the same on the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.exports.services import export_execute, export_request
from qorgau.organisations.models import Organisation
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, persona_user

pytestmark = pytest.mark.django_db

# persona → (page, new export, clerk's download, API list, API new, API clerk's export)
EXPECTED = {
    "clerk": (200, 302, 200, 200, 202, 200),
    "officer": (200, 302, 404, 200, 202, 404),
    "ngo_a": (200, 302, 404, 200, 202, 404),
    "ngo_b": (200, 302, 404, 200, 202, 404),
    "liaison": (200, 302, 404, 200, 202, 404),
    "stats": (403, 403, 403, 403, 403, 403),
    "kgz": (200, 302, 404, 200, 202, 404),
    ANONYMOUS: (302, 302, 302, 401, 401, 401),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_gets_its_answer(
    persona: str, agency: Organisation, request: pytest.FixtureRequest, login: Any
) -> None:
    clerk = request.getfixturevalue("clerk")
    mine = export_execute(export_request(actor=clerk, format="csv", fields=["registration_number"]))
    if persona == "clerk":
        client = login(clerk)
    elif persona == ANONYMOUS:
        client = Client()
    else:
        organisation_key = {"officer": "agency", "stats": "agency"}.get(persona, persona)
        fixture = {"ngo_a": "ngo_a_org", "ngo_b": "ngo_b_org", "liaison": "government",
                   "kgz": "agency_kgz"}.get(persona, organisation_key)  # fmt: skip
        client = login(persona_user(persona, request.getfixturevalue(fixture)))
    body = {"format": "csv", "columns": ["registration_number"]}
    api_body = {"format": "csv", "columns": ["registration_number"]}

    answers = (
        client.get(reverse("exports:list")).status_code,
        client.post(reverse("exports:new"), body).status_code,
        client.get(reverse("exports:download", args=[mine.public_id])).status_code,
        client.get(reverse("api-exports")).status_code,
        client.post(reverse("api-exports"), api_body, content_type="application/json").status_code,
        client.get(reverse("api-export", args=[mine.public_id])).status_code,
    )

    assert answers == EXPECTED[persona]
