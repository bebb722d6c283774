"""Staff web forms: registering a household and editing a person."""

import pytest

from qorgau.people import errors
from qorgau.people.models import Household, Person, Relationship

pytestmark = pytest.mark.django_db

REGISTER = "/people/register/"


def _principal(**changes):
    fields = {
        "family_name": "Сейтқазиев",
        "given_name": "Ерлан",
        "patronymic": "Серікұлы",
        "sex": "male",
        "date_of_birth": "1984-03-09",
        "citizenship_status": "stateless",
        "languages": ["kaz", "rus"],
        "phones": "+7 701 234 5678",
    }
    fields.update(changes)
    return {f"principal-{name}": value for name, value in fields.items()}


def _members(*members):
    data = {
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "20",
    }
    for index, member in enumerate(members):
        data.update({f"members-{index}-{name}": value for name, value in member.items()})
    return data


WIFE = {
    "family_name": "Сейтқазиева",
    "given_name": "Айгүл",
    "sex": "female",
    "date_of_birth": "1988",
    "citizenship_status": "stateless",
    "relationship": "wife",
}


def test_it_shows_the_registration_page(clerk, login):
    response = login(clerk).get(REGISTER)

    assert response.status_code == 200
    assert 'name="principal-given_name"' in response.content.decode()
    assert 'name="members-0-relationship"' in response.content.decode()


def test_it_registers_a_principal_and_a_member_as_a_household(clerk, agency, login):
    response = login(clerk).post(REGISTER, {**_principal(), **_members(WIFE)})

    household = Household.objects.get()
    principal = household.members.get(relationship=Relationship.PRINCIPAL)
    wife = household.members.get(relationship=Relationship.WIFE)
    assert response.status_code == 302
    assert response["Location"] == f"/people/{principal.public_id}/"
    assert (principal.given_name, principal.languages) == ("Ерлан", ["kaz", "rus"])
    assert [str(p.number) for p in principal.phones.all()] == ["+77012345678"]
    assert (wife.given_name, wife.birth_year, wife.birth_precision) == ("Айгүл", 1988, "year")
    assert {principal.registered_by, wife.registered_by} == {agency}


def test_it_registers_a_person_alone_without_a_household(clerk, login):
    response = login(clerk).post(REGISTER, {**_principal(), **_members()})

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.public_id}/"
    assert person.household is None
    assert not Household.objects.exists()


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("30/02/2023", errors.DATE_FORMAT),
        ("2023-02-30", errors.DATE_IMPOSSIBLE),
        ("2999-01-01", errors.DATE_IN_FUTURE),
    ],
)
def test_it_shows_an_invalid_date_on_the_field_and_saves_nothing(clerk, login, date, message):
    data = {**_principal(date_of_birth=date), **_members(WIFE)}

    response = login(clerk).post(REGISTER, data)

    assert response.status_code == 200
    assert response.context["form"].errors["date_of_birth"] == [str(message)]
    assert str(message) in response.content.decode()
    assert not Person.objects.exists()
    assert not Household.objects.exists()


def test_it_shows_a_members_invalid_date_on_that_members_field(clerk, login):
    data = {**_principal(), **_members({**WIFE, "date_of_birth": "2999"})}

    response = login(clerk).post(REGISTER, data)

    assert response.status_code == 200
    member = response.context["members"].forms[0]
    assert member.errors["date_of_birth"] == [str(errors.DATE_IN_FUTURE)]
    assert not response.context["form"].errors
    assert not Person.objects.exists()
    assert not Household.objects.exists()


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(clerk, agency, phones=["+77012345678"], languages=["kaz"])


def test_it_shows_the_current_values_on_the_edit_page(clerk, login, person):
    response = login(clerk).get(f"/people/{person.public_id}/edit/")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["given_name"] == "Ерлан"
    assert form.initial["date_of_birth"] == "1984-03-09"
    assert form.initial["phones"] == "+77012345678"
    assert form.initial["version"] == 1
    html = response.content.decode()
    assert 'value="Ерлан"' in html
    assert 'value="1984-03-09"' in html
    assert 'name="version" value="1"' in html


def test_it_saves_an_edit_and_increments_the_version(clerk, login, person):
    data = {
        "family_name": "Сейтқазиев",
        "given_name": "Ержан",
        "sex": "male",
        "date_of_birth": "1984-03",
        "citizenship_status": "stateless",
        "languages": "kaz",
        "phones": "+77012345678",
        "version": "1",
    }

    response = login(clerk).post(f"/people/{person.public_id}/edit/", data)

    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.public_id}/"
    stored = Person.objects.get(pk=person.pk)
    assert (stored.given_name, stored.version) == ("Ержан", 2)
    assert (stored.birth_month, stored.birth_day, stored.birth_precision) == (3, None, "month")
    assert stored.history.latest().history_user == clerk


def test_it_shows_an_edit_error_on_the_field_and_saves_nothing(clerk, login, person):
    data = {
        "given_name": "Ерлан",
        "sex": "male",
        "date_of_birth": "1984-03-09",
        "citizenship_status": "stateless",
        "phones": "12ab",
        "version": "1",
    }

    response = login(clerk).post(f"/people/{person.public_id}/edit/", data)

    assert response.status_code == 200
    expected = str(errors.PHONE_INVALID) % {"number": "12ab"}
    assert response.context["form"].errors["phones"] == [expected]
    assert Person.objects.get(pk=person.pk).version == 1


def test_it_edits_aliases_and_keeps_the_kind_of_an_earlier_name(clerk, login, make_person, agency):
    from qorgau.people.services.persons import AliasInput

    person = make_person(
        clerk, agency, aliases=[AliasInput("Сейтказиев", "Ерлан", "", kind="earlier")]
    )
    edit = f"/people/{person.public_id}/edit/"
    shown = login(clerk).get(edit).context["form"].initial["aliases"]
    data = {
        "family_name": "Сейтқазиев",
        "given_name": "Ерлан",
        "sex": "male",
        "citizenship_status": "stateless",
        "aliases": shown + "\nSeitkaziev Yerlan Serikuly",
        "version": "1",
    }

    response = login(clerk).post(edit, data)

    assert response.status_code == 302
    aliases = {(a.family_name, a.given_name, a.patronymic, a.kind) for a in person.aliases.all()}
    assert aliases == {
        ("Сейтказиев", "Ерлан", "", "earlier"),
        ("Seitkaziev", "Yerlan", "Serikuly", "spelling"),
    }


def test_it_adds_a_document_from_the_person_page(clerk, login, person):
    url = f"/people/{person.public_id}/documents/add/"
    data = {"type": "passport", "number": "N 1234567", "issued_on": "2020-05-01"}

    response = login(clerk).post(url, data)

    assert response.status_code == 302
    document = person.documents.get()
    assert (document.type, document.number, document.issued_on.isoformat()) == (
        "passport",
        "N 1234567",
        "2020-05-01",
    )


def test_it_shows_a_documents_date_error_and_saves_nothing(clerk, login, person):
    url = f"/people/{person.public_id}/documents/add/"
    data = {
        "type": "passport",
        "number": "N1",
        "issued_on": "2020-05-01",
        "expires_on": "2019-01-01",
    }

    response = login(clerk).post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["expires_on"] == [str(errors.DATE_ORDER)]
    assert not person.documents.exists()


def test_it_records_a_status_for_the_agency_on_a_partners_person(
    clerk, agency, ngo_a, ngo_a_org, login, make_person
):
    partner_person = make_person(ngo_a, ngo_a_org)
    url = f"/people/{partner_person.public_id}/status/add/"

    first = login(clerk).post(url, {"status": "UND", "effective_from": "2023-02-01"})
    second = login(ngo_a).post(url, {"status": "STA", "effective_from": "2024-06-01"})
    refused = login(ngo_a).post(url, {"status": "NAT", "effective_from": "2024-01-01"})

    assert (first.status_code, second.status_code, refused.status_code) == (302, 302, 200)
    periods = list(partner_person.status_periods.order_by("effective_from"))
    assert [(p.status, p.recorded_by) for p in periods] == [("UND", agency), ("STA", ngo_a_org)]
    assert periods[0].effective_to.isoformat() == "2024-06-01"
    assert "effective_from" in refused.context["form"].errors
