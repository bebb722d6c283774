"""The register page's member blocks (added by htmx or without JavaScript, capped) and the
household page: add, register, remove, change the principal; refused to anyone who may not."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people import errors
from qorgau.people.forms import MEMBER_BLOCKS_MAX
from qorgau.people.models import Household, Person, Relationship
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.web.tests.form_submission import form_data

pytestmark = pytest.mark.django_db

REGISTER = "/people/register/"
TOO_MANY = str(errors.TOO_MANY_MEMBER_BLOCKS % {"num": MEMBER_BLOCKS_MAX})


def _rendered(client):
    return form_data(client.get(REGISTER).content.decode(), "principal-given_name")


def _principal(data):
    data.update(
        {
            "principal-given_name": ["Ерлан"],
            "principal-sex": ["male"],
            "principal-citizenship_status": ["stateless"],
            "principal-address": ["Алматы, Абай даңғылы 1"],
        }
    )
    return data


# --- register page: member blocks ------------------------------------------------------------


def test_it_adds_a_member_block_without_javascript_keeping_what_was_typed(clerk, login):
    client = login(clerk)
    data = _principal(_rendered(client))
    data["members-0-given_name"] = ["Айгүл"]
    data["add_member"] = ["1"]

    response = client.post(REGISTER, data)

    assert response.status_code == 200
    members = response.context["members"]
    assert len(members.forms) == 3
    page = response.content.decode()
    assert 'name="members-2-given_name"' in page
    assert 'value="Айгүл"' in page
    assert 'value="Ерлан"' in page
    assert "error-summary" not in page
    assert not Person.objects.exists()


def test_it_refuses_a_block_past_the_maximum_without_javascript(clerk, login):
    client = login(clerk)
    data = _principal(_rendered(client))
    data["members-TOTAL_FORMS"] = [str(MEMBER_BLOCKS_MAX)]
    data["add_member"] = ["1"]

    response = client.post(REGISTER, data)

    assert len(response.context["members"].forms) == MEMBER_BLOCKS_MAX
    assert escape(TOO_MANY) in response.content.decode()


def test_it_refuses_a_forged_total_without_making_its_forms(clerk, login):
    client = login(clerk)
    data = _principal(_rendered(client))
    data["members-TOTAL_FORMS"] = ["100000"]

    response = client.post(REGISTER, data)

    assert response.status_code == 200
    assert len(response.context["members"].forms) == MEMBER_BLOCKS_MAX
    assert response.context["members"].non_form_errors() == [TOO_MANY]
    assert not Person.objects.exists()


def test_it_serves_the_next_member_block_to_htmx(clerk, login):
    response = login(clerk).get(
        reverse("people:register-member") + "?members-TOTAL_FORMS=2", HTTP_HX_REQUEST="true"
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="members-2-given_name"' in page
    assert 'id="id_members-TOTAL_FORMS" hx-swap-oob="true"' in page
    assert 'value="3"' in page
    assert "<html" not in page


@pytest.mark.parametrize("total", [str(MEMBER_BLOCKS_MAX), "100000"])
def test_it_serves_no_block_past_the_maximum(clerk, login, total):
    response = login(clerk).get(reverse("people:register-member"), {"members-TOTAL_FORMS": total})

    page = response.content.decode()
    assert "<fieldset" not in page
    assert escape(TOO_MANY) in page


def test_it_reads_a_garbled_total_as_none(clerk, login):
    response = login(clerk).get(reverse("people:register-member"), {"members-TOTAL_FORMS": "x"})

    assert 'name="members-0-given_name"' in response.content.decode()


def test_it_registers_the_blocks_left_after_one_was_removed_in_between(clerk, login):
    """A block removed by the page's script leaves no gap (it renumbers), but a gap sent anyway
    is an empty block, and ignored."""
    client = login(clerk)
    data = _principal(_rendered(client))
    data["members-TOTAL_FORMS"] = ["4"]
    for index, name in [(0, "Айгүл"), (1, "Нұрлан"), (3, "Мадина")]:
        data.update(
            {
                f"members-{index}-given_name": [name],
                f"members-{index}-sex": ["female"],
                f"members-{index}-relationship": ["daughter"],
            }
        )

    response = client.post(REGISTER, data)

    assert response.status_code == 302
    household = Household.objects.get()
    assert household.members.count() == 4
    assert set(household.members.values_list("address", flat=True)) == {"Алматы, Абай даңғылы 1"}


def test_it_requires_a_login_for_the_member_block(client):
    response = client.get(reverse("people:register-member"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- the household page ----------------------------------------------------------------------


@pytest.fixture
def family(ngo_a, ngo_a_org):
    return household_register(
        actor=ngo_a,
        organisation=ngo_a_org,
        members=[
            MemberInput(
                person_input(given_name="Ерлан", address="Қонаев, Наурыз 5"),
                Relationship.PRINCIPAL,
            ),
            MemberInput(person_input(given_name="Айгүл", sex="female"), Relationship.WIFE),
        ],
    )


def _url(name, household, **kwargs):
    return reverse(f"people:{name}", kwargs={"public_id": household.public_id, **kwargs})


def _principal_of(household):
    return household.members.get(relationship=Relationship.PRINCIPAL)


def test_it_links_the_household_page_from_the_person_page_for_who_may_change(
    ngo_a, ngo_b, family, login, sharer
):
    principal = _principal_of(family)
    link = _url("household", family)
    share_grant_agreed(
        actor=sharer,
        recipient=ngo_b.memberships.get().organisation,
        agreement="DTA-1",
        purpose="Legal aid",
        expires_on=dt.date.today(),
        household=family,
    )

    own = login(ngo_a).get(reverse("people:detail", kwargs={"public_id": principal.public_id}))
    shared = login(ngo_b).get(reverse("people:detail", kwargs={"public_id": principal.public_id}))

    assert link in own.content.decode()
    assert shared.status_code == 200
    assert link not in shared.content.decode()


def test_it_shows_the_members_and_the_forms(ngo_a, family, login):
    response = login(ngo_a).get(_url("household", family))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Айгүл" in page
    assert "Ерлан" in page
    assert 'name="add-registration_number"' in page
    assert 'name="principal-person"' in page


def test_it_adds_a_registered_person_by_registration_number(
    ngo_a, ngo_a_org, family, login, make_person
):
    loose = make_person(ngo_a, ngo_a_org, given_name="Бақыт")

    response = login(ngo_a).post(
        _url("household-member-add", family),
        {
            "add-registration_number": loose.registration_number.lower(),
            "add-relationship": "brother",
            "add-version": family.version,
        },
    )

    assert response.status_code == 302
    loose.refresh_from_db()
    assert (loose.household, loose.relationship) == (family, "brother")


def test_it_finds_no_record_another_organisation_keeps(
    ngo_a, ngo_b, ngo_b_org, family, login, make_person
):
    theirs = make_person(ngo_b, ngo_b_org, given_name="Бақыт")

    response = login(ngo_a).post(
        _url("household-member-add", family),
        {
            "add-registration_number": theirs.registration_number,
            "add-relationship": "brother",
            "add-version": family.version,
        },
    )

    assert response.status_code == 200
    assert response.context["add_form"].errors["registration_number"] == [
        str(errors.NO_RECORD_TO_ADD % {"number": theirs.registration_number})
    ]
    theirs.refresh_from_db()
    assert theirs.household is None


def test_it_refuses_a_member_of_another_household_and_keeps_the_input(
    ngo_a, ngo_a_org, family, login
):
    other = household_register(
        actor=ngo_a,
        organisation=ngo_a_org,
        members=[MemberInput(person_input(given_name="Бақыт"), Relationship.PRINCIPAL)],
    )
    elsewhere = _principal_of(other)

    response = login(ngo_a).post(
        _url("household-member-add", family),
        {
            "add-registration_number": elsewhere.registration_number,
            "add-relationship": "brother",
            "add-version": family.version,
        },
    )

    assert response.status_code == 200
    assert response.context["add_form"].errors["registration_number"]
    assert elsewhere.registration_number in response.content.decode()
    elsewhere.refresh_from_db()
    assert elsewhere.household == other


def test_it_says_so_when_the_household_changed_meanwhile(
    ngo_a, ngo_a_org, family, login, make_person
):
    loose = make_person(ngo_a, ngo_a_org, given_name="Бақыт")

    response = login(ngo_a).post(
        _url("household-member-add", family),
        {
            "add-registration_number": loose.registration_number,
            "add-relationship": "brother",
            "add-version": family.version + 1,
        },
    )

    assert response.status_code == 200
    assert response.context["add_form"].non_field_errors() == [str(errors.STALE_VERSION)]
    loose.refresh_from_db()
    assert loose.household is None


def test_it_removes_a_member_who_keeps_their_record(ngo_a, family, login):
    wife = family.members.get(relationship=Relationship.WIFE)

    response = login(ngo_a).post(
        _url("household-member-remove", family, person_id=wife.public_id),
        {"version": family.version},
        follow=True,
    )

    wife.refresh_from_db()
    assert (wife.household, wife.relationship) == (None, "")
    assert "no longer a member" in response.content.decode()


def test_it_keeps_the_principal_in_the_household_with_a_message(ngo_a, family, login):
    principal = _principal_of(family)

    response = login(ngo_a).post(
        _url("household-member-remove", family, person_id=principal.public_id),
        {"version": family.version},
        follow=True,
    )

    assert str(errors.PRINCIPAL_CANNOT_LEAVE) in response.content.decode()
    principal.refresh_from_db()
    assert principal.household == family


def test_it_changes_the_principal_from_the_page(ngo_a, family, login):
    husband = _principal_of(family)
    wife = family.members.get(relationship=Relationship.WIFE)

    response = login(ngo_a).post(
        _url("household-principal", family),
        {
            "principal-person": str(wife.public_id),
            "principal-former_principal_relationship": "husband",
            "principal-version": family.version,
        },
    )

    assert response.status_code == 302
    husband.refresh_from_db()
    wife.refresh_from_db()
    assert (wife.relationship, husband.relationship) == ("principal", "husband")


def test_it_shows_a_missing_relationship_and_changes_nothing(ngo_a, family, login):
    wife = family.members.get(relationship=Relationship.WIFE)

    response = login(ngo_a).post(
        _url("household-principal", family),
        {"principal-person": str(wife.public_id), "principal-version": family.version},
    )

    assert response.status_code == 200
    assert "former_principal_relationship" in response.context["principal_form"].errors
    assert "error-summary" in response.content.decode()
    assert _principal_of(family).given_name == "Ерлан"


def test_it_registers_a_new_member_with_the_principals_address(ngo_a, ngo_a_org, family, login):
    response = login(ngo_a).post(
        _url("household-member-new", family),
        {
            "given_name": "Мадина",
            "sex": "female",
            "relationship": "daughter",
            "version": family.version,
        },
    )

    assert response.status_code == 302
    daughter = family.members.get(relationship=Relationship.DAUGHTER)
    assert daughter.address == "Қонаев, Наурыз 5"
    assert daughter.registered_by == ngo_a_org


def test_it_shows_the_errors_of_a_new_member_and_saves_nothing(ngo_a, family, login):
    response = login(ngo_a).post(
        _url("household-member-new", family),
        {"given_name": "Мадина", "version": family.version},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"sex", "relationship"}
    assert family.members.count() == 2


# --- who may not -----------------------------------------------------------------------------


@pytest.fixture
def sharer(ngo_a_org):
    return user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)


def _writes(family, ngo_a, ngo_a_org, make_person):
    wife = family.members.get(relationship=Relationship.WIFE)
    loose = make_person(ngo_a, ngo_a_org, given_name="Бақыт")
    version = family.version
    return [
        (
            _url("household-member-new", family),
            {
                "given_name": "Мадина",
                "sex": "female",
                "relationship": "daughter",
                "version": version,
            },
        ),
        (
            _url("household-member-add", family),
            {
                "add-registration_number": loose.registration_number,
                "add-relationship": "brother",
                "add-version": version,
            },
        ),
        (_url("household-member-remove", family, person_id=wife.public_id), {"version": version}),
        (
            _url("household-principal", family),
            {
                "principal-person": str(wife.public_id),
                "principal-former_principal_relationship": "husband",
                "principal-version": version,
            },
        ),
    ]


@pytest.mark.parametrize("who", ["ngo_b", "ngo_b_shared", "anonymous"])
def test_it_changes_nothing_for_another_organisation_a_share_or_anonymous(
    who, ngo_a, ngo_a_org, ngo_b, ngo_b_org, sharer, family, login, make_person
):
    if who == "ngo_b_shared":
        share_grant_agreed(
            actor=sharer,
            recipient=ngo_b_org,
            agreement="DTA-1",
            purpose="Legal aid",
            expires_on=dt.date.today(),
            household=family,
        )
    client = login(None if who == "anonymous" else ngo_b)
    writes = _writes(family, ngo_a, ngo_a_org, make_person)
    people = Person.objects.count()

    codes = [client.get(_url("household", family)).status_code]
    codes += [client.post(url, body).status_code for url, body in writes]

    if who == "anonymous":
        assert codes == [302] * 5
    else:
        assert codes == [404] * 5
    family.refresh_from_db()
    assert family.version == 1
    assert Person.objects.count() == people
    assert sorted(family.members.values_list("relationship", flat=True)) == ["principal", "wife"]
