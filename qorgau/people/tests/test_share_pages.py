"""Sharing from the person page and the API: grant, household option, revoke, refusals."""

import datetime as dt

import pytest

from qorgau.organisations.models import Organisation
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.access import visible_persons
from qorgau.people.models import Share
from qorgau.people.tests.factories import agreement_for_share

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(agency):
    return user_make("officer", agency, Role.PROTECTION_OFFICER)


@pytest.fixture
def family(clerk, agency, make_person):
    from qorgau.people.services.households import household_create

    head = make_person(clerk, agency)
    son = make_person(clerk, agency, given_name="Нұрлан")
    household_create(actor=clerk, organisation=agency, members=[(head, "principal"), (son, "son")])
    head.refresh_from_db()
    son.refresh_from_db()
    return head, son


def _form(organisation, **extra):
    """The share form under the agency office's agreement "DTA-2026-04" with ``organisation``."""
    in_a_month = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    agency = Organisation.objects.get(code="agency-kaz")
    actor = agency.memberships.first().user
    agreement = agreement_for_share(
        actor, agency, organisation, dt.date.today(), "DTA-2026-04", purpose="Legal aid"
    )
    return {
        "agreement": str(agreement.public_id),
        "purpose": "Legal aid",
        "expires_on": in_a_month,
        "field_groups": ["identity", "legal_status"],
        **extra,
    }


def test_it_shares_a_whole_household_from_the_person_page(officer, ngo_a, ngo_a_org, family, login):
    head, son = family

    response = login(officer).post(
        f"/people/{head.public_id}/shares/add/", _form(ngo_a_org, whole_household="on")
    )

    assert response.status_code == 302
    share = Share.objects.get()
    assert (share.household_id, share.person_id) == (head.household_id, None)
    assert set(visible_persons(ngo_a)) == {head, son}


def test_it_lists_and_revokes_a_share_on_the_person_page(officer, ngo_a, ngo_a_org, family, login):
    head, _ = family
    client = login(officer)
    client.post(f"/people/{head.public_id}/shares/add/", _form(ngo_a_org))
    share = Share.objects.get()

    page = client.get(f"/people/{head.public_id}/")
    revoked = client.post(f"/shares/{share.public_id}/revoke/")

    assert "DTA-2026-04" in page.content.decode()
    assert revoked.status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None
    assert head not in visible_persons(ngo_a)


def test_it_offers_no_agreement_with_the_registrant_itself(officer, agency, family, login):
    head, _ = family
    url = f"/people/{head.public_id}/shares/add/"
    client = login(officer)

    offered = client.get(url).context["form"].fields["agreement"].queryset
    response = client.post(url, {"purpose": "Legal aid", "field_groups": ["identity"]})

    assert agency not in {agreement.recipient for agreement in offered}
    assert response.status_code == 200
    assert "agreement" in response.context["form"].errors
    assert not Share.objects.exists()


def test_it_hides_a_partners_record_from_another_partners_administrator(
    ngo_a, ngo_a_org, ngo_b_org, make_person, login
):
    person = make_person(ngo_a, ngo_a_org)
    admin_b = user_make("admin-b", ngo_b_org, Role.ADMINISTRATOR)
    body = {
        "organisation": "ngo-b",
        "person": str(person.public_id),
        "agreement": "X",
        "purpose": "Y",
        "expires_on": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
    }

    page = login(admin_b).post(f"/people/{person.public_id}/shares/add/", {"purpose": "Y"})
    api = login(admin_b).post("/api/v1/shares/", body, content_type="application/json")

    assert (page.status_code, api.status_code) == (404, 404)
    assert not Share.objects.exists()


def test_it_grants_and_lists_shares_through_the_api(officer, ngo_a_org, family, login):
    head, _ = family
    client = login(officer)
    agreement_for_share(
        officer, head.registered_by, ngo_a_org, dt.date.today(), "DTA-9", purpose="Case review"
    )
    body = {
        "organisation": ngo_a_org.code,
        "person": str(head.public_id),
        "agreement": "DTA-9",
        "purpose": "Case review",
        "expires_on": (dt.date.today() + dt.timedelta(days=10)).isoformat(),
    }

    created = client.post("/api/v1/shares/", body, content_type="application/json")
    listed = client.get("/api/v1/shares/")
    both = client.post(
        "/api/v1/shares/",
        {**body, "household": str(head.household.public_id)},
        content_type="application/json",
    )

    assert created.status_code == 201
    assert created.json()["active"] is True
    assert [row["agreement"] for row in listed.json()["results"]] == ["DTA-9"]
    assert both.status_code == 400


def test_it_hides_the_household_number_from_a_person_share(
    officer, ngo_a, ngo_a_org, family, login
):
    head, _ = family
    login(officer).post(f"/people/{head.public_id}/shares/add/", _form(ngo_a_org))

    page = login(ngo_a).get(f"/people/{head.public_id}/").content.decode()
    own = login(officer).get(f"/people/{head.public_id}/").content.decode()

    assert head.household.registration_number not in page
    assert head.household.registration_number in own
