"""What an attacker stored (issue 14): a status period starting in 2999 (after which every real
period was refused), a document issued in 2999, a region of another country (UZ-TO on a
Kazakhstan record). Refused by the services with a translated message naming the field; nothing
stored."""

import pytest
from django.utils import translation

from qorgau.people import errors
from qorgau.people.models import Document, LegalStatusPeriod, Person

pytestmark = pytest.mark.django_db


def _post(client, url, body, language="en"):
    return client.post(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)


def _message(message, language):
    with translation.override(language):
        return str(message)


@pytest.mark.parametrize("language", ["en", "kk"])
def test_it_refuses_a_status_starting_in_the_future(clerk, agency, login, make_person, language):
    person = make_person(clerk, agency)
    before = LegalStatusPeriod.objects.count()
    body = {
        "person": str(person.public_id),
        "status": "ASY",
        "effective_from": "2999-01-01",
    }

    response = _post(login(clerk), "/api/v1/status-periods/", body, language)

    assert response.status_code == 400, response.content
    assert response.json()["effective_from"] == [_message(errors.STATUS_IN_FUTURE, language)]
    assert LegalStatusPeriod.objects.count() == before


@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_refuses_a_document_issued_in_the_future(clerk, agency, login, make_person, language):
    person = make_person(clerk, agency)
    body = {
        "person": str(person.public_id),
        "type": "passport",
        "number": "N0000001",
        "issued_on": "2999-01-01",
    }

    response = _post(login(clerk), "/api/v1/documents/", body, language)

    assert response.status_code == 400, response.content
    assert response.json()["issued_on"] == [_message(errors.ISSUED_IN_FUTURE, language)]
    assert Document.objects.count() == 0


def test_it_refuses_a_correction_to_an_issue_date_in_the_future(clerk, agency, login, make_person):
    person = make_person(clerk, agency)
    client = login(clerk)
    body = {"person": str(person.public_id), "type": "passport", "number": "N0000002"}
    created = _post(client, "/api/v1/documents/", body)
    assert created.status_code == 201, created.content
    url = f"/api/v1/documents/{created.json()['id']}/"

    response = client.patch(url, {"issued_on": "2999-01-01"}, content_type="application/json")

    assert response.status_code == 400, response.content
    assert "issued_on" in response.json()
    assert Document.objects.get().issued_on is None


@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_refuses_a_region_of_another_country(clerk, login, language):
    body = {"given_name": "Ерлан", "sex": "male", "citizenship_status": "stateless"}

    response = _post(login(clerk), "/api/v1/persons/", {**body, "region": "UZ-TO"}, language)

    assert response.status_code == 400, response.content
    with translation.override(language):
        expected = str(errors.REGION_OF_ANOTHER_COUNTRY) % {"code": "UZ-TO"}
    assert response.json()["region"] == [expected]
    assert not Person.objects.exists()


def test_it_refuses_a_region_of_another_country_on_update(clerk, agency, login, make_person):
    person = make_person(clerk, agency)
    url = f"/api/v1/persons/{person.public_id}/"

    response = login(clerk).patch(
        url, {"region": "UZ-TO", "version": person.version}, content_type="application/json"
    )

    assert response.status_code == 400, response.content
    assert "region" in response.json()
    assert Person.objects.get(pk=person.pk).region is None


def test_it_takes_a_region_of_the_record_s_country(clerk, login):
    body = {"given_name": "Ерлан", "sex": "male", "citizenship_status": "stateless"}

    response = _post(login(clerk), "/api/v1/persons/", {**body, "region": "KZ-75"})

    assert response.status_code == 201, response.content
