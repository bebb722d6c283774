"""Searching the directory by service, region and language (page, API, schema)."""

import datetime as dt

import pytest
from django.urls import reverse

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.partners.models import Agreement, PartnerProfile
from qorgau.partners.tests.factories import profile_make
from qorgau.population.organisations import demo_users_seed, organisations_seed
from qorgau.population.partners import (
    AGREEMENTS,
    PARTNERS,
    partner_agreements_seed,
    partner_profiles_seed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(ngo_a_org, ngo_b_org):
    a = profile_make(
        user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR), ngo_a_org,
        services=["legal_aid", "documentation"], regions=["KZ-75"], languages=["kaz", "prs"],
    )  # fmt: skip
    b = profile_make(
        user_make("ngo-b-admin", ngo_b_org, Role.ADMINISTRATOR), ngo_b_org,
        services=["medical", "mhpss"], regions=["KZ-71", "KZ-75"], languages=["rus"],
    )  # fmt: skip
    return a, b


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({}, {"NGO-A", "NGO-B"}),
        ({"service": "legal_aid"}, {"NGO-A"}),
        ({"region": "KZ-75"}, {"NGO-A", "NGO-B"}),
        ({"region": "KZ-71"}, {"NGO-B"}),
        ({"language": "prs"}, {"NGO-A"}),
        ({"service": "mhpss", "language": "kaz"}, set()),
        ({"q": "ngo-b"}, {"NGO-B"}),
    ],
)
def test_it_finds_partners_by_service_region_and_language(entries, clerk, login, query, found):
    client = login(clerk)

    page = client.get(reverse("partners:directory"), query)
    api = client.get(reverse("service-list"), query)

    assert {str(p.organisation.name) for p, _ in page.context["entries"]} == found
    assert {row["organisation"].upper() for row in api.json()["results"]} == found


def test_it_shows_the_entry_with_its_labels_in_the_interface_language(entries, clerk, login):
    client = login(clerk)

    page = client.get(
        reverse("partners:detail", kwargs={"public_id": entries[0].organisation.public_id}),
        headers={"accept-language": "kk"},
    )

    assert "Заң көмегі" in page.content.decode()


def test_it_refuses_a_bad_api_filter_naming_it(entries, clerk, login):
    response = login(clerk).get(reverse("service-list"), {"service": "astrology"})

    assert response.status_code == 400
    assert list(response.json()) == ["service"]


def test_it_describes_the_endpoint_in_the_schema(clerk, login):
    schema = login(clerk).get("/api/schema/").content.decode()

    assert "/api/v1/services/" in schema
    assert "language" in schema


def test_it_edits_an_entry_on_its_page_and_shows_bad_input_beside_the_field(
    ngo_a_org, login, entries
):
    admin = ngo_a_org.memberships.get(role=Role.ADMINISTRATOR).user
    url = reverse("partners:edit", kwargs={"public_id": ngo_a_org.public_id})
    client = login(admin)

    refused = client.post(url, {"version": 1, "email": "not an address", "services": ["cash"]})
    saved = client.post(url, {"version": 1, "services": ["cash"], "languages": ["eng"]})
    stale = client.post(url, {"version": 1, "services": ["shelter"]})

    assert refused.status_code == 400
    assert "email" in refused.context["form"].errors
    assert saved.status_code == 302
    assert stale.status_code == 400
    assert "version" in stale.context["form"].errors or stale.context["form"].non_field_errors()
    profile = PartnerProfile.objects.get(organisation=ngo_a_org)
    assert list(profile.services.values_list("code", flat=True)) == ["cash"]


def test_it_seeds_the_fact_sheets_partners_once():
    organisations = organisations_seed()
    demo_users_seed(organisations)

    added = partner_profiles_seed(organisations)
    again = partner_profiles_seed(organisations)

    assert (added, again) == (len(PARTNERS), 0)
    krcs = PartnerProfile.objects.get(organisation__code="krcs")
    assert "medical" in set(krcs.services.values_list("code", flat=True))


def test_it_seeds_the_demos_agreements_in_force_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    organisations = organisations_seed()
    demo_users_seed(organisations)
    today = dt.date(2026, 12, 7)

    added = partner_agreements_seed(organisations, today)
    again = partner_agreements_seed(organisations, today)

    assert (added, again) == (len(AGREEMENTS), 0)
    assert all(a.in_force(today) for a in Agreement.objects.all())
    assert set(Agreement.objects.values_list("provider__code", flat=True)) == {"unhcr-kaz"}


@pytest.mark.parametrize("name", ["partners:directory", "service-list"])
def test_it_lists_twelve_entries_in_as_many_queries_as_two(
    entries, agency, clerk, login, list_queries, name
):
    from qorgau.organisations.models import OrganisationType
    from qorgau.organisations.tests.factories import organisation_make

    admin = user_make("agency-admin", agency, Role.ADMINISTRATOR)

    def grow() -> None:
        for number in range(10):
            organisation = organisation_make(f"ngo-{number}", OrganisationType.NGO)
            profile_make(admin, organisation, services=["cash", "shelter"], languages=["uzb"])

    two, twelve = list_queries(login(clerk), reverse(name), grow=grow)

    assert two == twelve
