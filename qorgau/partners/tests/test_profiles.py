"""Editing a directory entry: who may, stale versions, bad input (nothing stored)."""

import pytest

from qorgau.audit.models import SecurityEvent
from qorgau.errors import Invalid, NotAllowed, StaleVersion
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.partners import errors
from qorgau.partners.models import PartnerProfile
from qorgau.partners.tests.factories import profile_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def ngo_a_admin(ngo_a_org):
    return user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)


@pytest.fixture
def agency_admin(agency):
    return user_make("agency-admin", agency, Role.ADMINISTRATOR)


def test_it_lets_the_organisations_administrator_write_its_entry(ngo_a_admin, ngo_a_org):
    profile = profile_make(ngo_a_admin, ngo_a_org, services=["legal_aid", "mhpss"])

    assert profile.version == 1
    assert sorted(profile.services.values_list("code", flat=True)) == ["legal_aid", "mhpss"]
    assert list(profile.regions.values_list("code", flat=True)) == ["KZ-75"]
    assert profile.language_codes == ["kaz", "rus"]
    assert profile.history.latest().history_user == ngo_a_admin
    assert SecurityEvent.objects.filter(event="partner_profile_saved", user=ngo_a_admin).exists()


def test_it_lets_the_agency_office_administrator_edit_a_partners_entry(
    ngo_a_admin, agency_admin, ngo_a_org
):
    profile_make(ngo_a_admin, ngo_a_org)

    profile = profile_make(agency_admin, ngo_a_org, languages=["eng"])

    assert profile.version == 2
    assert profile.language_codes == ["eng"]


@pytest.mark.parametrize("persona", ["ngo_b_admin", "ngo_a", "clerk", "officer"])
def test_it_refuses_anyone_else_and_stores_nothing(request, persona, ngo_a_org, ngo_b_org):
    users = {
        "ngo_b_admin": lambda: user_make("ngo-b-admin", ngo_b_org, Role.ADMINISTRATOR),
        "ngo_a": lambda: request.getfixturevalue("ngo_a"),
        "clerk": lambda: request.getfixturevalue("clerk"),
        "officer": lambda: user_make(
            "officer", request.getfixturevalue("agency"), Role.PROTECTION_OFFICER
        ),
    }

    with pytest.raises(NotAllowed) as refused:
        profile_make(users[persona](), ngo_a_org)

    assert refused.value.message == errors.NOT_EDITOR
    assert not PartnerProfile.objects.exists()
    assert SecurityEvent.objects.filter(event="partner_profile_refused").exists()


def test_it_refuses_a_stale_version(ngo_a_admin, agency_admin, ngo_a_org):
    from qorgau.partners.services import partner_profile_save

    profile_make(ngo_a_admin, ngo_a_org)
    profile_make(agency_admin, ngo_a_org, eligibility="Changed by the office.")

    with pytest.raises(StaleVersion):
        partner_profile_save(
            actor=ngo_a_admin, organisation=ngo_a_org, version=1, services=[], regions=[],
            languages=[], eligibility="Lost update.",
        )  # fmt: skip

    assert PartnerProfile.objects.get().eligibility == "Changed by the office."


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"services": ["astrology"]}, "services", errors.UNKNOWN_SERVICE),
        ({"regions": ["KG-B"]}, "regions", errors.REGION_ELSEWHERE),
        ({"languages": ["xx1"]}, "languages", errors.UNKNOWN_LANGUAGE),
    ],
)
def test_it_refuses_bad_input_naming_the_field(ngo_a_admin, ngo_a_org, fields, field, message):
    profile_make(ngo_a_admin, ngo_a_org)

    with pytest.raises(Invalid) as refused:
        profile_make(ngo_a_admin, ngo_a_org, eligibility="Not stored.", **fields)

    assert refused.value.message_dict == {field: [str(message)]}
    profile = PartnerProfile.objects.get()
    assert (profile.version, profile.eligibility) == (1, "Asylum-seekers and stateless people.")
