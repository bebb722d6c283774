"""Need-to-know writes (issue 14): a field of a group the user's role may not set is rejected,
not ignored, on every channel: the API answers 400 naming the field, the forms do not show it
and refuse a forged submission carrying it, the services refuse it as a last check; each
refusal is a security event and nothing is stored.

No role of today's table (``people/fields.py``) may change a person without setting every
group, so these tests narrow the partner caseworker's row to what a stricter agreement would
give it: everything but specific needs (``no_needs``).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from qorgau.audit.models import SecurityEvent
from qorgau.errors import Invalid
from qorgau.organisations.permissions import Role
from qorgau.people import errors, fields
from qorgau.people.fields import FIELD_WRITE_REFUSED, FieldGroup
from qorgau.people.models import Person, PersonNeed
from qorgau.people.services.persons import person_create, person_input_from, person_update
from qorgau.people.tests.factories import HouseholdFactory, person_input

pytestmark = pytest.mark.django_db

NEED = "SM-CI"
EDIT = "people:edit"
REGISTER = "/people/register/"


@pytest.fixture
def no_needs(monkeypatch):
    """Partner caseworkers may set every group but specific needs."""
    monkeypatch.setitem(
        fields.ROLE_SET, Role.PARTNER_CASEWORKER, fields.ALL - {FieldGroup.SPECIFIC_NEEDS}
    )


@pytest.fixture
def own(ngo_a, ngo_a_org, make_person):
    """A person NGO A registered (before its role was narrowed)."""
    return make_person(ngo_a, ngo_a_org, address="Алматы")


def _refusals(user) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(user=user, event=FIELD_WRITE_REFUSED))


def _needs(person: Person) -> list[str]:
    return list(PersonNeed.objects.filter(person=person).values_list("need__code", flat=True))


# --- API ------------------------------------------------------------------------------------


def test_it_refuses_an_api_patch_of_a_field_the_role_may_not_set(no_needs, own, ngo_a, login):
    response = login(ngo_a).patch(
        reverse("person-detail", args=[own.public_id]),
        {"needs": [NEED], "address": "Астана", "version": own.version},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "needs" in response.json()
    assert "needs" in response.json()["needs"][0]
    own.refresh_from_db()
    assert (own.address, own.version, _needs(own)) == ("Алматы", 1, [])
    [event] = _refusals(ngo_a)
    assert event.detail["fields"] == ["needs"]
    assert event.object_id == own.public_id


def test_it_refuses_an_api_put_carrying_the_field(no_needs, own, ngo_a, login):
    body = {
        "given_name": "Ерлан",
        "sex": "male",
        "citizenship_status": "stateless",
        "address": "Астана",
        "needs": [NEED],
        "version": own.version,
    }

    response = login(ngo_a).put(
        reverse("person-detail", args=[own.public_id]), body, content_type="application/json"
    )

    assert response.status_code == 400
    assert "needs" in response.json()
    own.refresh_from_db()
    assert (own.address, own.version, _needs(own)) == ("Алматы", 1, [])
    assert [e.detail["fields"] for e in _refusals(ngo_a)] == [["needs"]]


def test_it_refuses_the_field_even_when_sent_empty(no_needs, own, ngo_a, login):
    response = login(ngo_a).patch(
        reverse("person-detail", args=[own.public_id]),
        {"needs": [], "version": own.version},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "needs" in response.json()


def test_it_refuses_an_api_registration_carrying_the_field(no_needs, ngo_a, login):
    body = {
        "given_name": "Ерлан",
        "sex": "male",
        "citizenship_status": "stateless",
        "needs": [NEED],
    }

    response = login(ngo_a).post(reverse("person-list"), body, content_type="application/json")

    assert response.status_code == 400
    assert "needs" in response.json()
    assert not Person.objects.exists()
    assert len(_refusals(ngo_a)) == 1


def test_it_answers_the_refusal_in_the_users_language(no_needs, own, ngo_a, login):
    response = login(ngo_a).patch(
        reverse("person-detail", args=[own.public_id]),
        {"needs": [NEED], "version": own.version},
        content_type="application/json",
        headers={"accept-language": "ru"},
    )

    assert response.status_code == 400
    assert "Ваша роль" in response.json()["needs"][0]


def test_it_lets_the_role_set_the_other_fields(no_needs, own, ngo_a, login):
    response = login(ngo_a).patch(
        reverse("person-detail", args=[own.public_id]),
        {"address": "Астана", "version": own.version},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert "needs" in response.json()  # reading is not setting: the role still reads needs
    own.refresh_from_db()
    assert own.address == "Астана"
    assert _refusals(ngo_a) == []


def test_it_gives_a_view_only_share_no_write_whatever_the_fields(own, liaison, login):
    response = login(liaison).patch(
        reverse("person-detail", args=[own.public_id]),
        {"needs": [NEED], "version": own.version},
        content_type="application/json",
    )

    assert response.status_code in {403, 404}
    assert _needs(own) == []


def test_it_gives_another_organisation_a_404(own, ngo_b, login):
    response = login(ngo_b).patch(
        reverse("person-detail", args=[own.public_id]),
        {"address": "Астана", "version": own.version},
        content_type="application/json",
    )

    assert response.status_code == 404
    own.refresh_from_db()
    assert own.address == "Алматы"


# --- forms ----------------------------------------------------------------------------------


def test_it_does_not_show_the_field_on_the_edit_form(no_needs, own, ngo_a, login):
    response = login(ngo_a).get(reverse(EDIT, kwargs={"public_id": own.public_id}))

    assert response.status_code == 200
    assert 'name="needs"' not in response.content.decode()
    assert 'name="address"' in response.content.decode()


def _edit_data(person: Person, **changes):
    data = {
        "family_name": person.family_name,
        "given_name": person.given_name,
        "patronymic": person.patronymic,
        "sex": person.sex,
        "date_of_birth": "1984-03-09",
        "citizenship_status": person.citizenship_status,
        "address": person.address,
        "version": person.version,
    }
    data.update(changes)
    return data


def test_it_refuses_a_forged_edit_carrying_the_field(no_needs, own, ngo_a, login):
    response = login(ngo_a).post(
        reverse(EDIT, kwargs={"public_id": own.public_id}),
        _edit_data(own, needs=[NEED], address="Астана"),
    )

    assert response.status_code == 200
    assert "may not set the field" in response.content.decode()
    own.refresh_from_db()
    assert (own.address, own.version, _needs(own)) == ("Алматы", 1, [])
    assert len(_refusals(ngo_a)) == 1


def test_it_saves_an_edit_without_the_field_and_keeps_the_stored_needs(
    no_needs, ngo_a, ngo_a_org, login, monkeypatch, make_person
):
    monkeypatch.setitem(fields.ROLE_SET, Role.PARTNER_CASEWORKER, fields.ALL)
    person = make_person(ngo_a, ngo_a_org, needs=[NEED])
    monkeypatch.setitem(
        fields.ROLE_SET, Role.PARTNER_CASEWORKER, fields.ALL - {FieldGroup.SPECIFIC_NEEDS}
    )

    response = login(ngo_a).post(
        reverse(EDIT, kwargs={"public_id": person.public_id}), _edit_data(person, address="X 1")
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.address, _needs(person)) == ("X 1", [NEED])


def test_it_refuses_a_forged_registration_carrying_the_field(no_needs, ngo_a, login):
    data = {
        "principal-given_name": "Ерлан",
        "principal-sex": "male",
        "principal-citizenship_status": "stateless",
        "principal-needs": [NEED],
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "checked_matches": "1",
    }

    response = login(ngo_a).post(REGISTER, data)

    assert response.status_code == 200
    assert "may not set the field" in response.content.decode()
    assert not Person.objects.exists()
    assert len(_refusals(ngo_a)) == 1


def test_it_does_not_show_the_field_on_the_registration_form(no_needs, ngo_a, login):
    response = login(ngo_a).get(REGISTER)

    assert 'name="principal-needs"' not in response.content.decode()
    assert 'name="principal-given_name"' in response.content.decode()


def test_it_sends_an_anonymous_visitor_of_the_edit_form_to_log_in(own, client):
    response = client.post(
        reverse(EDIT, kwargs={"public_id": own.public_id}), _edit_data(own, needs=[NEED])
    )

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert _needs(own) == []


# --- services (the last check) --------------------------------------------------------------


def test_it_refuses_a_service_registration_with_the_field(no_needs, ngo_a, ngo_a_org):
    with pytest.raises(Invalid) as refused:
        person_create(actor=ngo_a, organisation=ngo_a_org, data=person_input(needs=[NEED]))

    assert refused.value.message_dict == {
        "needs": [str(errors.FIELD_NOT_SETTABLE % {"field": "needs"})]
    }
    assert not Person.objects.exists()
    assert len(_refusals(ngo_a)) == 1


def test_it_refuses_a_service_change_of_the_field(no_needs, own, ngo_a):
    data = person_input_from(own)
    data.needs = [NEED]

    with pytest.raises(Invalid):
        person_update(actor=ngo_a, person=own, expected_version=own.version, data=data)

    assert _needs(own) == []
    assert len(_refusals(ngo_a)) == 1


def test_it_lets_a_service_change_keep_the_field_as_stored(no_needs, own, ngo_a):
    data = person_input_from(own)
    data.address = "Астана"

    person_update(actor=ngo_a, person=own, expected_version=own.version, data=data)

    own.refresh_from_db()
    assert own.address == "Астана"


def test_it_refuses_a_forged_new_household_member_carrying_the_field(
    no_needs, ngo_a, ngo_a_org, login
):
    household = HouseholdFactory(actor=ngo_a, organisation=ngo_a_org)
    data = {
        "given_name": "Асель",
        "sex": "female",
        "relationship": "daughter",
        "needs": [NEED],
        "version": household.version,
    }

    response = login(ngo_a).post(
        reverse("people:household-member-new", kwargs={"public_id": household.public_id}), data
    )

    assert response.status_code == 200
    assert "may not set the field" in response.content.decode()
    assert household.members.count() == 2
    assert len(_refusals(ngo_a)) == 1
