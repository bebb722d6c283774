"""What an attacker sent the API (issue 14): never a server error; a 400 naming the field, or
a 404, and nothing stored."""

import json
import uuid

import pytest

from qorgau.config.urls import router
from qorgau.people.models import Person

pytestmark = pytest.mark.django_db

PERSONS = "/api/v1/persons/"
BODY = {"given_name": "Ерлан", "sex": "male", "citizenship_status": "stateless"}


def _post(client, body, **extra):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(PERSONS, data, content_type="application/json", **extra)


def test_it_takes_an_empty_date_of_birth_on_create_as_unknown(clerk, login):
    response = _post(login(clerk), {**BODY, "date_of_birth": ""})

    assert response.status_code == 201, response.content
    assert response.json()["birth_precision"] == "unknown"


def test_it_takes_an_empty_date_of_birth_on_update_as_unknown(clerk, agency, login, make_person):
    person = make_person(clerk, agency)
    client = login(clerk)
    url = f"{PERSONS}{person.public_id}/"

    response = client.patch(
        url,
        {"date_of_birth": "", "version": person.version},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["date_of_birth"] == ""


def _routes():
    yield "/api/v1/"
    for prefix, _viewset, _basename in router.registry:
        yield f"/api/v1/{prefix}/"
        # A fixed id: the test workers must collect the same parameters.
        yield f"/api/v1/{prefix}/{uuid.UUID(int=7)}/"


@pytest.mark.parametrize("route", list(_routes()))
@pytest.mark.parametrize("suffix", [".json", ".api", ".xml"])
def test_it_answers_a_format_suffix_with_not_found(clerk, login, route, suffix):
    client = login(clerk)

    for url in (route.rstrip("/") + suffix, route.rstrip("/") + suffix + "/"):
        response = client.get(url)
        assert response.status_code == 404, url


@pytest.mark.parametrize("route", [r for r in _routes() if r.count("/") == 4])
def test_it_still_answers_every_list_route(clerk, login, route):
    # The share list is for those who manage shares (403 for a clerk): routed, not 404.
    assert login(clerk).get(route).status_code in (200, 403)


@pytest.mark.parametrize("param", ["limit", "offset"])
@pytest.mark.parametrize(
    "value", [str(2**63), str(2**64 + 5), "9" * 40, "-1", "-99999999999999999999", "x", "1e9"]
)
def test_it_never_fails_on_a_bad_limit_or_offset(clerk, agency, login, make_person, param, value):
    make_person(clerk, agency)

    response = login(clerk).get(PERSONS, {param: value})

    assert response.status_code in (200, 400), response.content
    if response.status_code == 400:
        assert param in response.json()


@pytest.mark.parametrize("param", ["limit", "offset"])
def test_it_refuses_a_limit_or_offset_beyond_any_database(clerk, agency, login, make_person, param):
    make_person(clerk, agency)

    response = login(clerk).get(PERSONS, {param: str(2**63)}, HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 400
    assert param in response.json()


def test_it_refuses_json_nested_too_deep(clerk, login):
    body = '{"given_name": ' + "[" * 5000 + "]" * 5000 + "}"

    response = _post(login(clerk), body)

    assert response.status_code == 400, response.content
    assert "detail" in response.json()
    assert Person.objects.count() == 0
