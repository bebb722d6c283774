"""Names an attacker sent (issue 14): invisible, direction-changing and control characters, a
pile of accents, a name whose Latin form outgrows its column. Refused by the service's checks
(so the API, the forms and imports all refuse them) with a translated message, nothing stored."""

import pytest
from django.utils import translation

from qorgau.people import errors
from qorgau.people.models import Person

pytestmark = pytest.mark.django_db

PERSONS = "/api/v1/persons/"


def _body(**changes):
    return {"given_name": "Ерлан", "sex": "male", "citizenship_status": "stateless", **changes}


def _post(client, body, language="en"):
    return client.post(
        PERSONS, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )


BAD_CHARACTERS = [
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
    "\x07", "\x1b", "\t", "\n", "\x7f", "\x85", "\x9f",
]  # fmt: skip


@pytest.mark.parametrize("character", BAD_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("field", ["given_name", "family_name", "patronymic"])
def test_it_refuses_an_invisible_or_control_character(clerk, login, field, character):
    response = _post(login(clerk), _body(**{field: f"Ер{character}лан"}))

    assert response.status_code == 400, response.content
    with translation.override("en"):
        expected = str(errors.NAME_CHARACTER) % {"character": f"U+{ord(character):04X}"}
    assert response.json()[field] == [expected]
    assert Person.objects.count() == 0


@pytest.mark.parametrize("field", ["given_name", "family_name", "patronymic"])
def test_it_refuses_a_null_character(clerk, login, field):
    # DRF refuses NUL itself, before the service, with its own translated message.
    response = _post(login(clerk), _body(**{field: "Ер\x00лан"}))

    assert response.status_code == 400
    assert field in response.json()
    assert Person.objects.count() == 0


def test_it_refuses_more_than_three_accents_on_a_letter(clerk, login):
    response = _post(login(clerk), _body(family_name="Е" + "\u0301" * 50), language="kk")

    assert response.status_code == 400
    with translation.override("kk"):
        expected = str(errors.NAME_COMBINING_MARKS) % {"limit": 3}
    assert response.json()["family_name"] == [expected]
    assert Person.objects.count() == 0


def test_it_accepts_a_few_accents_and_ordinary_names(clerk, login):
    response = _post(login(clerk), _body(family_name="Ле\u0301на", patronymic="Қайрат-Ұлы"))

    assert response.status_code == 201, response.content


@pytest.mark.parametrize("field", ["given_name", "family_name", "patronymic"])
def test_it_refuses_a_name_whose_latin_form_is_too_long(clerk, agency, login, make_person, field):
    # "Щ" is four Latin letters (SHCH): 100 of them fit the name's 100 but not the Latin 150.
    response = _post(login(clerk), _body(**{field: "Щ" * 100}), language="ru")

    assert response.status_code == 400, response.content
    with translation.override("ru"):
        expected = str(errors.NAME_TOO_LONG_IN_LATIN) % {"length": 400, "limit": 150}
    assert response.json()[field] == [expected]
    assert Person.objects.count() == 0


def test_it_refuses_a_bad_name_on_update_and_keeps_the_stored_one(
    clerk, agency, login, make_person
):
    person = make_person(clerk, agency)
    url = f"{PERSONS}{person.public_id}/"

    response = login(clerk).patch(
        url,
        {"given_name": "Ер\u202elан", "version": person.version},
        content_type="application/json",
    )

    assert response.status_code == 400
    stored = Person.objects.get(pk=person.pk)
    assert (stored.given_name, stored.version) == (person.given_name, person.version)
