"""A NUL byte in any code, filter or parameter of the API is bad input, never a server error:
PostgreSQL refuses to store or compare it (the API fuzzing of issue 14 found a 500 on a region
holding one)."""

from __future__ import annotations

import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from qorgau.people.models import Person

pytestmark = pytest.mark.django_db

NUL = "K\x00Z"
BASE = {"given_name": "Ерлан", "sex": "male", "citizenship_status": "stateless"}


@pytest.fixture
def api(clerk) -> APIClient:
    client = APIClient()
    _, token = AuthToken.objects.create(user=clerk)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.mark.parametrize(
    "field", ["region", "birth_country", "citizenship_country", "origin_country", "organisation"]
)
def test_it_refuses_a_code_holding_a_nul_byte_and_stores_nothing(api, field):
    response = api.post("/api/v1/persons/", {**BASE, field: NUL}, format="json")

    assert response.status_code == 400
    assert field in str(response.json())
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("path", "parameter"),
    [("/api/v1/persons/", name) for name in ("search", "citizenship_status", "country_office",
                                             "registered_by", "sex")]
    + [("/api/v1/cases/", name) for name in ("procedure", "stage", "due", "closed", "mine")]
    + [("/api/v1/documents/", "person"), ("/api/v1/status-periods/", "person"),
       ("/api/v1/statistics/figures/", "country"), ("/api/v1/statistics/figures/", "as_of")],
)  # fmt: skip
def test_it_answers_a_filter_holding_a_nul_byte_with_a_400(api, path, parameter):
    response = api.get(path, {parameter: NUL})

    assert response.status_code == 400
    assert response.json()["code"] == "nul_byte"


def test_a_page_answers_a_query_holding_a_nul_byte_with_a_400(login, clerk):
    response = login(clerk).get("/people/", {"q": NUL})

    assert response.status_code == 400
    assert "NUL" in response.content.decode()
