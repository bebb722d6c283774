"""Names mixing Latin and Cyrillic letters within a word (issue 14), by every way a name is
entered: a look-alike letter is moved to the word's script and the user warned (forms: a message
after saving; API: a ``warnings`` entry); any other letter of the other script is refused with a
translated message naming it, and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from qorgau.people import errors
from qorgau.people.models import Person, PersonAlias
from qorgau.people.services.bulk import registry_bulk_insert
from qorgau.people.tests.test_bulk import _person
from qorgau.people.tests.test_web_forms import REGISTER, WIFE, _members, _principal

pytestmark = pytest.mark.django_db

PERSONS = "/api/v1/persons/"
ALEXEY = "Alexеy"  # the е is Cyrillic (U+0435)
AIGERIM = "Айгерim"  # "im" is Latin; no Cyrillic letter looks like m


def _post(client, body, language="en"):
    return client.post(
        PERSONS, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )


def _body(**changes):
    return {"given_name": "Ерлан", "sex": "male", "citizenship_status": "stateless", **changes}


def _replaced(language, word="Alexеy", character="е"):
    with translation.override(language):
        return str(errors.NAME_CYRILLIC_REPLACED) % {
            "word": word,
            "character": character,
            "code": f"U+{ord(character):04X}",
        }


def _refused(language, word=AIGERIM, character="m"):
    with translation.override(language):
        return str(errors.NAME_LATIN_IN_CYRILLIC) % {
            "word": word,
            "character": character,
            "code": f"U+{ord(character):04X}",
        }


@pytest.mark.parametrize("field", ["given_name", "family_name", "patronymic"])
def test_the_api_stores_the_word_in_its_script_and_warns(clerk, login, field):
    response = _post(login(clerk), _body(**{field: ALEXEY}))

    assert response.status_code == 201, response.content
    assert getattr(Person.objects.get(), field) == "Alexey"
    assert response.json()["warnings"] == [
        {"field": field, "code": "name_letter_replaced", "message": _replaced("en")}
    ]


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_the_api_refuses_a_letter_with_no_look_alike_and_names_it(clerk, login, language):
    response = _post(login(clerk), _body(given_name=AIGERIM), language)

    assert response.status_code == 400, response.content
    assert response.json()["given_name"] == [_refused(language)]
    assert "U+006D" in response.json()["given_name"][0]
    assert Person.objects.count() == 0


def test_the_api_answers_no_warnings_for_ordinary_names(clerk, login):
    response = _post(login(clerk), _body(family_name="Сейтқазиев"))

    assert response.status_code == 201
    assert response.json()["warnings"] == []


def test_the_api_repairs_and_refuses_aliases_too(clerk, login):
    client = login(clerk)

    refused = _post(client, _body(aliases=[{"given_name": AIGERIM}]))
    accepted = _post(client, _body(aliases=[{"family_name": ALEXEY, "kind": "spelling"}]))

    assert refused.status_code == 400
    assert refused.json()["aliases"] == [_refused("en")]
    assert accepted.status_code == 201, accepted.content
    assert PersonAlias.objects.get().family_name == "Alexey"
    assert [w["field"] for w in accepted.json()["warnings"]] == ["aliases"]


def test_a_partial_update_warns_and_a_refusal_keeps_the_stored_name(
    clerk, agency, login, make_person
):
    person = make_person(clerk, agency)
    url = f"{PERSONS}{person.public_id}/"
    client = login(clerk)

    refused = client.patch(
        url, {"given_name": AIGERIM, "version": person.version}, content_type="application/json"
    )
    patched = client.patch(
        url, {"family_name": ALEXEY, "version": person.version}, content_type="application/json"
    )

    assert refused.status_code == 400
    assert patched.status_code == 200, patched.content
    assert patched.json()["warnings"][0]["field"] == "family_name"
    stored = Person.objects.get(pk=person.pk)
    assert (stored.given_name, stored.family_name) == (person.given_name, "Alexey")


def test_the_register_page_saves_the_repaired_name_and_says_so(clerk, login):
    client = login(clerk)

    response = client.post(
        REGISTER, {**_principal(given_name=ALEXEY), **_members(WIFE)}, follow=True
    )

    assert response.status_code == 200
    assert Person.objects.filter(given_name="Alexey").exists()
    assert _replaced("en") in [str(m) for m in response.context["messages"]]


def test_the_register_page_refuses_a_word_it_cannot_repair(clerk, login):
    response = login(clerk).post(
        REGISTER, {**_principal(given_name=AIGERIM), **_members()}, HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert response.status_code == 200
    assert _refused("ru") in response.content.decode()
    assert not Person.objects.exists()


def test_the_edit_page_warns_after_saving(clerk, agency, login, make_person):
    person = make_person(clerk, agency)
    client = login(clerk)
    url = f"/people/{person.public_id}/edit/"
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"family_name": "Cапаров", "languages": [], "needs": []})

    response = client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="kk")

    assert Person.objects.get(pk=person.pk).family_name == "Сапаров"
    with translation.override("kk"):
        expected = str(errors.NAME_LATIN_REPLACED) % {
            "word": "Cапаров",
            "character": "C",
            "code": "U+0043",
        }
    assert expected in [str(m) for m in response.context["messages"]]


def test_bulk_rows_are_repaired_and_refused_as_forms_are(clerk, agency):
    with pytest.raises(ValidationError) as refused:
        registry_bulk_insert(
            households=[], people=[_person(agency, given_name=AIGERIM)], actor=clerk
        )
    registry_bulk_insert(households=[], people=[_person(agency, given_name=ALEXEY)], actor=clerk)

    assert refused.value.message_dict["people.0.given_name"] == [_refused("en")]
    stored = Person.objects.get()
    assert (stored.given_name, stored.given_name_latin) == ("Alexey", "Alexey")
