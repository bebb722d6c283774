"""The registration page as a browser submits it: member blocks left as rendered are ignored,
members left without address, origin or citizenship take the principal's."""

import pytest

from qorgau.people.models import CitizenshipStatus, Household, Person, Relationship
from qorgau.reference.models import Country, Region
from qorgau.web.tests.form_submission import form_data

pytestmark = pytest.mark.django_db

REGISTER = "/people/register/"


def _rendered(client):
    """The register form's fields with the values the browser sends when nothing is touched."""
    response = client.get(REGISTER)
    assert response.status_code == 200
    return form_data(response.content.decode(), "principal-given_name")


def _fill(data, prefix, **values):
    data.update({f"{prefix}-{name}": [str(value)] for name, value in values.items()})
    return data


def _principal(data, **values):
    fields = {"family_name": "Сейтқазиев", "given_name": "Ерлан", "sex": "male"}
    return _fill(data, "principal", **(fields | values))


WIFE = {
    "family_name": "Сейтқазиева",
    "given_name": "Айгүл",
    "sex": "female",
    "relationship": "wife",
}


@pytest.fixture
def afghanistan():
    return Country.objects.get(iso3="AFG")


@pytest.fixture
def region():
    return Region.objects.filter(country__iso3="KAZ").first()


def test_it_sends_a_citizenship_for_an_empty_member_block_only_as_an_empty_choice(clerk, login):
    data = _rendered(login(clerk))

    assert data["members-0-citizenship_status"] == [""]
    assert data["members-1-citizenship_status"] == [""]
    assert "members-0-date_of_birth_estimated" not in data


def test_it_registers_a_person_alone_with_both_member_blocks_left_empty(clerk, login):
    client = login(clerk)
    data = _principal(_rendered(client), citizenship_status="stateless")

    response = client.post(REGISTER, data)

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.public_id}/"
    assert person.household is None
    assert not Household.objects.exists()


def test_it_registers_a_principal_and_one_member_with_the_other_block_left_empty(clerk, login):
    client = login(clerk)
    data = _fill(_principal(_rendered(client), citizenship_status="stateless"), "members-0", **WIFE)

    response = client.post(REGISTER, data)

    household = Household.objects.get()
    principal = household.members.get(relationship=Relationship.PRINCIPAL)
    assert response.status_code == 302
    assert response["Location"] == f"/people/{principal.public_id}/"
    assert Person.objects.count() == 2
    assert household.members.get(relationship=Relationship.WIFE).given_name == "Айгүл"


def test_it_gives_a_member_left_empty_the_principals_address_origin_and_citizenship(
    clerk, login, afghanistan, region
):
    client = login(clerk)
    data = _principal(
        _rendered(client),
        citizenship_status="citizen",
        citizenship_country=afghanistan.pk,
        origin_country=afghanistan.pk,
        address="Алматы, Абай даңғылы 1",
        region=region.pk,
    )

    response = client.post(REGISTER, _fill(data, "members-0", **WIFE))

    assert response.status_code == 302
    wife = Person.objects.get(relationship=Relationship.WIFE)
    assert wife.citizenship_status == CitizenshipStatus.CITIZEN
    assert wife.citizenship_country == afghanistan
    assert wife.origin_country == afghanistan
    assert wife.address == "Алматы, Абай даңғылы 1"
    assert wife.region == region


def test_it_keeps_a_members_own_citizenship_and_address(clerk, login, afghanistan):
    client = login(clerk)
    data = _principal(
        _rendered(client),
        citizenship_status="citizen",
        citizenship_country=afghanistan.pk,
        address="Алматы, Абай даңғылы 1",
    )
    wife = {**WIFE, "citizenship_status": "stateless", "address": "Қонаев, Наурыз 5"}

    response = client.post(REGISTER, _fill(data, "members-0", **wife))

    assert response.status_code == 302
    stored = Person.objects.get(relationship=Relationship.WIFE)
    assert (stored.citizenship_status, stored.citizenship_country) == ("stateless", None)
    assert stored.address == "Қонаев, Наурыз 5"


def test_it_shows_the_errors_of_a_member_block_filled_in_part(clerk, login):
    client = login(clerk)
    data = _fill(
        _principal(_rendered(client), citizenship_status="stateless"),
        "members-0",
        given_name="Айгүл",
    )

    response = client.post(REGISTER, data)

    assert response.status_code == 200
    member = response.context["members"].forms[0]
    assert set(member.errors) == {"sex", "relationship"}
    assert not response.context["members"].forms[1].errors
    assert not Person.objects.exists()
