"""Partners near you: the directory entries of the help site's country, by region and
service, public fields only, no login."""

from __future__ import annotations

import pytest

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.partners.tests.factories import profile_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(agency, ngo_a_org, ngo_b_org, agency_kgz):
    admin = user_make("agency-admin", agency, Role.ADMINISTRATOR)
    kgz_admin = user_make("kgz-admin", agency_kgz, Role.ADMINISTRATOR)
    profile_make(
        admin, ngo_a_org, services=["legal_aid"], regions=["KZ-75"], contact_name="Aigerim Test",
        phone="+7 (000) 000-00-01",
    )  # fmt: skip
    profile_make(admin, ngo_b_org, services=["medical"], regions=["KZ-71"])
    profile_make(kgz_admin, agency_kgz, services=["legal_aid"], regions=["KG-GB"])


def _names(response) -> list[str]:
    return [partner.name for partner in response.context["partners"]]


def test_it_lists_the_partners_of_the_help_sites_country_only(entries, client):
    response = client.get("/help/en/partners/")

    assert response.status_code == 200
    assert sorted(_names(response)) == ["NGO-A", "NGO-B"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("region=KZ-75", ["NGO-A"]), ("service=medical", ["NGO-B"]),
     ("region=KZ-75&service=medical", []), ("region=XX-99", ["NGO-A", "NGO-B"])],
)  # fmt: skip
def test_it_filters_by_region_and_service(entries, client, query, expected):
    assert sorted(_names(client.get(f"/help/ru/partners/?{query}"))) == expected


def test_it_shows_public_fields_but_never_the_contact_person(entries, client):
    html = client.get("/help/kk/partners/?region=KZ-75").content.decode()

    assert "+7 (000) 000-00-01" in html
    assert "desk@ngo.example.org" in html
    assert "Aigerim Test" not in html


def test_it_is_not_offered_in_dari_or_ukrainian(client):
    assert client.get("/help/fa/partners/").status_code == 404
    assert client.get("/help/uk/partners/").status_code == 404
