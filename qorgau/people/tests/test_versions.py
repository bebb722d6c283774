"""Versions: a change based on an older version than the stored one is refused everywhere."""

import pytest

from qorgau.people import errors
from qorgau.people.models import Person
from qorgau.people.services.persons import person_input_from, person_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(clerk, agency, make_person):
    """A person changed once since registration: version 2."""
    person = make_person(clerk, agency)
    data = person_input_from(person)
    data.address = "Алматы, Абай даңғылы 1"
    return person_update(actor=clerk, person=person, expected_version=1, data=data)


def _snapshot(person):
    stored = Person.objects.get(pk=person.pk)
    return (stored.version, stored.given_name, stored.address, stored.history.count())


def _api_body(**changes):
    body = {
        "family_name": "Сейтқазиев",
        "given_name": "Ерлан",
        "sex": "male",
        "citizenship_status": "stateless",
        "date_of_birth": "1984-03-09",
    }
    body.update(changes)
    return body


def test_it_refuses_a_service_update_based_on_a_stale_version(clerk, person):
    before = _snapshot(person)
    data = person_input_from(person)
    data.given_name = "Ержан"

    with pytest.raises(errors.StaleVersionError) as caught:
        person_update(actor=clerk, person=person, expected_version=1, data=data)

    assert caught.value.current_version == 2
    assert str(caught.value) == str(errors.STALE_VERSION)
    assert _snapshot(person) == before


def test_it_increments_the_version_on_every_change(clerk, person):
    data = person_input_from(person)
    data.given_name = "Ержан"

    updated = person_update(actor=clerk, person=person, expected_version=2, data=data)

    assert updated.version == 3
    assert Person.objects.get(pk=person.pk).given_name == "Ержан"


def test_it_shows_the_stale_version_message_in_the_web_form(clerk, login, person):
    before = _snapshot(person)
    url = f"/people/{person.public_id}/edit/"
    form = {
        "family_name": "Сейтқазиев",
        "given_name": "Ержан",
        "sex": "male",
        "citizenship_status": "stateless",
        "date_of_birth": "1984-03-09",
        "version": "1",
    }

    response = login(clerk).post(url, form)

    assert response.status_code == 200
    # Once, in the error summary at the top, not again above the fields.
    assert response.content.decode().count(str(errors.STALE_VERSION)) == 1
    assert response.context["form"].non_field_errors() == [str(errors.STALE_VERSION)]
    assert _snapshot(person) == before


@pytest.mark.parametrize("method", ["put", "patch"])
def test_it_answers_409_to_an_api_change_on_a_stale_version(clerk, login, person, method):
    before = _snapshot(person)
    client = login(clerk)

    response = getattr(client, method)(
        f"/api/v1/persons/{person.public_id}/",
        _api_body(given_name="Ержан", version=1),
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json() == {"detail": str(errors.STALE_VERSION), "current_version": 2}
    assert _snapshot(person) == before


def test_it_applies_an_api_patch_of_one_field(clerk, login, person):
    response = login(clerk).patch(
        f"/api/v1/persons/{person.public_id}/",
        {"given_name": "Ержан", "version": 2},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["given_name"] == "Ержан"
    assert response.json()["version"] == 3
    stored = Person.objects.get(pk=person.pk)
    assert (stored.given_name, stored.address, stored.birth_year) == (
        "Ержан",
        "Алматы, Абай даңғылы 1",
        1984,
    )


def test_it_asks_for_the_version_in_an_api_patch(clerk, login, person):
    before = _snapshot(person)

    response = login(clerk).patch(
        f"/api/v1/persons/{person.public_id}/",
        {"given_name": "Ержан"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["version"] == [str(errors.REQUIRED)]
    assert _snapshot(person) == before


def test_it_asks_for_the_version_in_an_api_put(clerk, login, person):
    before = _snapshot(person)

    response = login(clerk).put(
        f"/api/v1/persons/{person.public_id}/",
        _api_body(given_name="Ержан"),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["version"] == [str(errors.REQUIRED)]
    assert _snapshot(person) == before
