"""API bad input: 400 naming the field, with the translated message, and nothing saved."""

import json

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework import serializers

from qorgau.people import errors
from qorgau.people.models import Household, Person
from qorgau.web.api_errors import REQUEST_TOO_LARGE

pytestmark = pytest.mark.django_db

PERSONS = "/api/v1/persons/"


def _en(message, **params):
    with translation.override("en"):
        return str(message) % params if params else str(message)


def _choice(value):
    with translation.override("en"):
        return str(serializers.ChoiceField.default_error_messages["invalid_choice"]).format(
            input=value
        )


def _valid(**changes):
    body = {
        "family_name": "Сейтқазиев",
        "given_name": "Ерлан",
        "sex": "male",
        "citizenship_status": "stateless",
        "date_of_birth": "1984-03-09",
        "languages": ["kaz", "ru"],
        "phones": ["+7 701 234 5678"],
        "needs": ["SM-CI"],
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not ...}


def _send(client, method, url, body, language="en"):
    return getattr(client, method)(
        url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )


BAD_PERSONS = [
    pytest.param(
        {"date_of_birth": "2999-01-01"}, "date_of_birth", errors.DATE_IN_FUTURE, id="future"
    ),
    pytest.param(
        {"date_of_birth": "2023-02-30"}, "date_of_birth", errors.DATE_IMPOSSIBLE, id="impossible"
    ),
    pytest.param(
        {"date_of_birth": "30/02/2023"}, "date_of_birth", errors.DATE_FORMAT, id="date-format"
    ),
    pytest.param(
        {"date_of_birth": "1850"}, "date_of_birth", errors.DATE_TOO_EARLY, id="date-too-early"
    ),
    pytest.param(
        {"citizenship_status": "citizen"},
        "citizenship_country",
        errors.CITIZENSHIP_COUNTRY_REQUIRED,
        id="citizen-without-country",
    ),
    pytest.param(
        {"citizenship_status": "stateless", "citizenship_country": "AFG"},
        "citizenship_country",
        errors.CITIZENSHIP_COUNTRY_FORBIDDEN,
        id="stateless-with-country",
    ),
    pytest.param({"needs": ["ZZ-ZZ"]}, "needs", (errors.UNKNOWN_CODE, "ZZ-ZZ"), id="need"),
    pytest.param(
        {"phones": ["12ab"]},
        "phones",
        (errors.PHONE_INVALID, {"number": "12ab"}),
        id="phone",
    ),
    pytest.param({"languages": ["xx"]}, "languages", (errors.UNKNOWN_CODE, "xx"), id="language"),
    pytest.param({"given_name": ...}, "given_name", errors.REQUIRED, id="given-name-missing"),
    pytest.param({"given_name": "   "}, "given_name", None, id="given-name-blank"),
]


def _expected(message):
    if message is None:
        return None
    if isinstance(message, tuple):
        template, params = message
        params = params if isinstance(params, dict) else {"code": params}
        return _en(template, **params)
    return _en(message)


@pytest.mark.parametrize(("changes", "field", "message"), BAD_PERSONS)
def test_it_refuses_a_bad_person_on_post(clerk, login, changes, field, message):
    response = _send(login(clerk), "post", PERSONS, _valid(**changes))

    assert response.status_code == 400, response.content
    problems = response.json()
    assert field in problems
    if (expected := _expected(message)) is not None:
        assert problems[field] == [expected]
    assert Person.objects.count() == 0


@pytest.mark.parametrize(("changes", "field", "message"), BAD_PERSONS)
def test_it_refuses_a_bad_person_on_put(clerk, agency, login, make_person, changes, field, message):
    person = make_person(clerk, agency)
    body = _valid(version=person.version, **changes)

    response = _send(login(clerk), "put", f"{PERSONS}{person.public_id}/", body)

    assert response.status_code == 400, response.content
    assert field in response.json()
    stored = Person.objects.get(pk=person.pk)
    assert stored.version == person.version
    assert stored.history.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        pytest.param({"sex": "x"}, "sex", "x", id="sex"),
        pytest.param({"citizenship_status": "alien"}, "citizenship_status", "alien", id="cit"),
    ],
)
def test_it_refuses_an_unknown_choice(clerk, login, changes, field, value):
    response = _send(login(clerk), "post", PERSONS, _valid(**changes))

    assert response.status_code == 400
    assert response.json()[field] == [_choice(value)]
    assert Person.objects.count() == 0


def test_it_refuses_an_unknown_citizenship_country(clerk, login):
    body = _valid(citizenship_status="citizen", citizenship_country="XXX")

    response = _send(login(clerk), "post", PERSONS, body)

    assert response.status_code == 400
    assert "citizenship_country" in response.json()
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"given_name": 123}, "given_name", id="name-number"),
        pytest.param({"given_name": ["Ерлан"]}, "given_name", id="name-list"),
        pytest.param({"family_name": {"ru": "Сейтказиев"}}, "family_name", id="name-object"),
        pytest.param({"languages": "kaz"}, "languages", id="languages-string"),
        pytest.param({"phones": {"mobile": "+77012345678"}}, "phones", id="phones-object"),
        pytest.param({"needs": "SM-CI"}, "needs", id="needs-string"),
        pytest.param({"date_of_birth_estimated": "maybe"}, "date_of_birth_estimated", id="bool"),
    ],
)
def test_it_refuses_a_value_of_the_wrong_type(clerk, login, changes, field):
    response = _send(login(clerk), "post", PERSONS, _valid(**changes))

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Person.objects.count() == 0


def test_it_reports_every_problem_at_once(clerk, login):
    body = _valid(date_of_birth="2999-01-01", phones=["12ab"], languages=["xx"])

    response = _send(login(clerk), "post", PERSONS, body)

    assert response.status_code == 400
    assert {"date_of_birth", "phones", "languages"} <= set(response.json())
    assert Person.objects.count() == 0


def test_it_refuses_a_body_larger_than_the_limit(clerk, login):
    body = _valid(padding="x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    assert len(json.dumps(body)) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    response = _send(login(clerk), "post", PERSONS, body)

    # Django refuses to read the body (RequestDataTooBig); the API answers 413 in JSON.
    assert response.status_code == 413
    assert response.json()["detail"] == str(REQUEST_TOO_LARGE)
    assert Person.objects.count() == 0


def test_it_accepts_a_person_without_the_optional_fields(clerk, login):
    body = {"given_name": "Ерлан", "sex": "male", "citizenship_status": "stateless"}

    response = _send(login(clerk), "post", PERSONS, body)

    assert response.status_code == 201, response.content
    assert response.json()["date_of_birth"] == ""
    assert response.json()["birth_precision"] == "unknown"
    assert Person.objects.count() == 1


def test_it_refuses_a_household_with_two_principals(clerk, agency, login, make_person):
    first = make_person(clerk, agency)
    second = make_person(clerk, agency, given_name="Айгүл", sex="female")
    body = {
        "members": [
            {"person": str(first.public_id), "relationship": "principal"},
            {"person": str(second.public_id), "relationship": "principal"},
        ]
    }

    response = _send(login(clerk), "post", "/api/v1/households/", body)

    assert response.status_code == 400
    assert response.json()["members"] == [_en(errors.TWO_PRINCIPALS, count=2)]
    assert Household.objects.count() == 0
    assert not Person.objects.filter(household__isnull=False).exists()
    assert set(Person.objects.values_list("version", flat=True)) == {1}


def test_it_refuses_a_household_without_a_principal(clerk, agency, login, make_person):
    first = make_person(clerk, agency)
    body = {"members": [{"person": str(first.public_id), "relationship": "wife"}]}

    response = _send(login(clerk), "post", "/api/v1/households/", body)

    assert response.status_code == 400
    assert response.json()["members"] == [_en(errors.NO_PRINCIPAL)]
    assert Household.objects.count() == 0


def test_it_answers_in_russian_when_asked(clerk, login):
    body = _valid(date_of_birth="2999-01-01")

    response = _send(login(clerk), "post", PERSONS, body, language="ru")

    assert response.status_code == 400
    message = response.json()["date_of_birth"][0]
    with translation.override("ru"):
        assert message == str(errors.DATE_IN_FUTURE)
    assert message != _en(errors.DATE_IN_FUTURE)
    assert Person.objects.count() == 0
