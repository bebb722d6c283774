"""The protection policy of shares (issue 13, second hole), in the service and by page and API:
never to an organisation of the country a person fled or whose nationality they claim, at most
``QORGAU_SHARE_MAX_DAYS`` ahead, a real agreement and purpose; every share, revocation and
refusal in the security log. Shares stored before the rules stay valid."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import escape

from qorgau.audit.models import SecurityEvent
from qorgau.organisations.models import Organisation, OrganisationType, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import organisation_make, user_make
from qorgau.people import errors
from qorgau.people.access import visible_persons
from qorgau.people.models import CitizenshipStatus, Person, Share
from qorgau.people.policy import text_is_trivial
from qorgau.people.services.households import household_create
from qorgau.people.services.shares import share_grant, share_revoke
from qorgau.people.tests.factories import agreement_for_share, share_grant_agreed
from qorgau.reference.models import Country

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(agency: Organisation) -> User:
    return user_make("officer", agency, Role.PROTECTION_OFFICER)


@pytest.fixture
def uzbek_ministry(db: None) -> Organisation:
    return organisation_make("uzb-mia", OrganisationType.GOVERNMENT, country="UZB")


@pytest.fixture
def uzbek_ngo(db: None) -> Organisation:
    return organisation_make("uzb-ngo", OrganisationType.NGO, country="UZB")


def _country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)


def _in(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def _grant(officer: User, recipient: Organisation, **terms: Any) -> Share:
    values: dict[str, Any] = {
        "agreement": "DTA-2026-04",
        "purpose": "Legal aid",
        "expires_on": _in(30),
        **terms,
    }
    if "household" not in values:
        values.setdefault("person", None)
    return share_grant_agreed(actor=officer, recipient=recipient, **values)


def _refusal(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str | None]]:
    return {name: [e.code for e in found] for name, found in exc.value.error_dict.items()}


def _events(event: str) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(event=event).order_by("id"))


@pytest.mark.parametrize("kind", ["government", "ngo"])
@pytest.mark.parametrize("via", ["origin", "citizenship"])
def test_it_never_shares_with_an_organisation_of_the_country_fled(
    kind: str, via: str, officer: User, clerk: User, agency: Organisation, make_person: Any
) -> None:
    fields: dict[str, Any] = (
        {"origin_country": _country("UZB")}
        if via == "origin"
        else {
            "citizenship_status": CitizenshipStatus.CLAIMED,
            "citizenship_country": _country("UZB"),
        }
    )
    person = make_person(clerk, agency, **fields)
    recipient = organisation_make(f"uzb-{kind}", kind, country="UZB")

    with pytest.raises(ValidationError) as refused:
        _grant(officer, recipient, person=person)

    assert _refusal(refused) == {"organisation": ["country_of_origin"]}
    assert not Share.objects.exists()
    [event] = _events("share_refused")
    assert (event.user, event.object_id) == (officer, person.public_id)
    assert event.detail["recipient"] == recipient.code
    assert event.detail["reasons"] == ["organisation:country_of_origin"]


def test_it_refuses_a_household_when_any_member_fled_that_country(
    officer: User, clerk: User, agency: Organisation, make_person: Any
) -> None:
    head = make_person(clerk, agency)
    son = make_person(clerk, agency, given_name="Нұрлан", origin_country=_country("AFG"))
    household = household_create(
        actor=clerk, organisation=agency, members=[(head, "principal"), (son, "son")]
    )
    afghan_ngo = organisation_make("afg-ngo", OrganisationType.NGO, country="AFG")

    with pytest.raises(ValidationError) as refused:
        _grant(officer, afghan_ngo, household=household)

    assert _refusal(refused) == {"organisation": ["country_of_origin"]}
    assert not Share.objects.exists()


def test_the_records_own_country_is_not_a_country_fled(
    officer: User, clerk: User, agency: Organisation, ngo_a_org: Organisation, make_person: Any
) -> None:
    person = make_person(
        clerk,
        agency,
        citizenship_status=CitizenshipStatus.CLAIMED,
        citizenship_country=_country("KAZ"),
    )

    assert _grant(officer, ngo_a_org, person=person).organisation == ngo_a_org


def test_it_allows_an_expiry_at_most_the_setting_ahead(
    officer: User, clerk: User, agency: Organisation, ngo_a_org: Organisation, make_person: Any,
    settings: Any,
) -> None:  # fmt: skip
    person = make_person(clerk, agency)
    assert settings.SHARE_MAX_DAYS == 365

    with pytest.raises(ValidationError) as refused:
        _grant(officer, ngo_a_org, person=person, expires_on=_in(366))
    assert _refusal(refused) == {"expires_on": ["expiry_too_late"]}
    assert _grant(officer, ngo_a_org, person=person, expires_on=_in(365))

    settings.SHARE_MAX_DAYS = 30
    with pytest.raises(ValidationError) as refused:
        _grant(officer, ngo_a_org, person=person, expires_on=_in(31))
    assert _refusal(refused) == {"expires_on": ["expiry_too_late"]}
    assert Share.objects.count() == 1


@pytest.mark.parametrize("text", ["none", "None", "-", "n/a", "N/A", "x", "нет", "жоқ", " - "])
def test_it_refuses_a_placeholder_agreement_or_purpose(
    text: str, officer: User, clerk: User, agency: Organisation, ngo_a_org: Organisation,
    make_person: Any,
) -> None:  # fmt: skip
    person = make_person(clerk, agency)

    with pytest.raises(ValidationError) as refused:  # asked before the agreement record
        share_grant(
            actor=officer, recipient=ngo_a_org, person=person, agreement=text, purpose=text,
            expires_on=_in(30),
        )  # fmt: skip

    assert _refusal(refused) == {"agreement": ["trivial"], "purpose": ["trivial"]}
    assert not Share.objects.exists()


def test_a_real_reference_is_not_trivial() -> None:
    for text in ("DTA-1", "DTA 2025/07", "Legal aid", "Onward", "Правовая помощь", "Құқықтық"):
        assert not text_is_trivial(text), text
    assert text_is_trivial("")
    assert text_is_trivial("ab")
    assert text_is_trivial("N.A.")


def test_it_logs_every_share_and_revocation_with_its_actor(
    officer: User, clerk: User, agency: Organisation, ngo_a_org: Organisation, make_person: Any
) -> None:
    person = make_person(clerk, agency)

    share = _grant(officer, ngo_a_org, person=person)
    share_revoke(actor=officer, share=share)

    [granted] = _events("share_granted")
    [revoked] = _events("share_revoked")
    assert (granted.user, granted.object_type, granted.object_id) == (
        officer, "person", person.public_id,
    )  # fmt: skip
    assert granted.detail["share"] == revoked.detail["share"] == str(share.public_id)
    assert granted.detail["agreement"] == share.agreement_record.reference
    assert granted.detail["agreement_record"] == str(share.agreement_record.public_id)
    assert revoked.user == officer


def test_it_logs_a_refusal_for_want_of_permission(
    ngo_a: User, ngo_b: User, ngo_a_org: Organisation, ngo_b_org: Organisation,
    make_person: Any,
) -> None:  # fmt: skip
    person = make_person(ngo_a, ngo_a_org)
    admin_b = user_make("admin-b", ngo_b_org, Role.ADMINISTRATOR)

    with pytest.raises(PermissionDenied):
        _grant(admin_b, ngo_b_org, person=person)

    [event] = _events("share_refused")
    assert (event.user, event.detail["reasons"]) == (admin_b, ["no_permission"])


def test_shares_stored_before_the_rules_stay_valid(
    officer: User, clerk: User, agency: Organisation, uzbek_ngo: Organisation, make_person: Any
) -> None:
    person = make_person(clerk, agency, origin_country=_country("UZB"))
    old = Share.objects.create(
        organisation=uzbek_ngo, person=person, agreement="none", purpose="-",
        expires_on=dt.date(9999, 12, 31), granted_by=officer,
    )  # fmt: skip
    reader = user_make("uzb-reader", uzbek_ngo, Role.PARTNER_CASEWORKER)

    assert visible_persons(reader).filter(pk=person.pk).exists()
    share_revoke(actor=officer, share=old)
    assert not visible_persons(reader).filter(pk=person.pk).exists()


def _person_fled_uzbekistan(clerk: User, agency: Organisation, make_person: Any) -> Person:
    return make_person(clerk, agency, origin_country=_country("UZB"))


def test_the_page_explains_the_refusal_and_stores_nothing(
    officer: User, clerk: User, agency: Organisation, uzbek_ministry: Organisation,
    make_person: Any, login: Any,
) -> None:  # fmt: skip
    person = _person_fled_uzbekistan(clerk, agency, make_person)
    agreement = agreement_for_share(officer, agency, uzbek_ministry, _in(30))
    form = {
        "agreement": str(agreement.public_id),
        "purpose": "Legal aid",
        "expires_on": "9999-12-31",
        "field_groups": ["identity"],
    }

    response = login(officer).post(f"/people/{person.public_id}/shares/add/", form)

    assert response.status_code == 200
    page = response.content.decode()
    message = errors.SHARE_COUNTRY_OF_ORIGIN % {
        "organisation": uzbek_ministry.local_name,
        "country": _country("UZB").name,
    }
    assert escape(message) in page  # shown beside the agreement, whatever it says
    assert "365" in page  # the expiry's limit
    assert not Share.objects.exists()
    assert _events("share_refused")


def test_the_page_speaks_the_users_language(
    officer: User, clerk: User, agency: Organisation, uzbek_ministry: Organisation,
    make_person: Any, login: Any,
) -> None:  # fmt: skip
    person = _person_fled_uzbekistan(clerk, agency, make_person)
    client = login(officer)
    agreement = agreement_for_share(officer, agency, uzbek_ministry, _in(10))
    form = {
        "agreement": str(agreement.public_id),
        "purpose": "Legal aid",
        "expires_on": _in(10).isoformat(),
        "field_groups": ["identity"],
    }

    response = client.post(
        f"/people/{person.public_id}/shares/add/", form, HTTP_ACCEPT_LANGUAGE="ru"
    )

    assert response.status_code == 200
    assert "никогда не передаются" in response.content.decode()


def test_the_api_refuses_the_attack_of_issue_13(
    officer: User, clerk: User, agency: Organisation, uzbek_ministry: Organisation,
    make_person: Any, login: Any,
) -> None:  # fmt: skip
    person = _person_fled_uzbekistan(clerk, agency, make_person)
    body = {
        "organisation": uzbek_ministry.code,
        "person": str(person.public_id),
        "agreement": "none",
        "purpose": "Legal aid",
        "expires_on": "9999-12-31",
    }

    answer = login(officer).post("/api/v1/shares/", json.dumps(body), "application/json")

    assert answer.status_code == 400, answer.content
    assert set(answer.json()) == {"organisation", "agreement", "expires_on"}
    assert not Share.objects.exists()
    assert (
        login(None).post("/api/v1/shares/", json.dumps(body), "application/json").status_code == 401
    )


def test_the_api_hides_the_record_from_another_organisation(
    ngo_b_org: Organisation, clerk: User, agency: Organisation, uzbek_ministry: Organisation,
    make_person: Any, login: Any,
) -> None:  # fmt: skip
    person = _person_fled_uzbekistan(clerk, agency, make_person)
    admin_b = user_make("admin-b", ngo_b_org, Role.ADMINISTRATOR)
    body = {
        "organisation": uzbek_ministry.code,
        "person": str(person.public_id),
        "agreement": "DTA-1",
        "purpose": "Legal aid",
        "expires_on": _in(10).isoformat(),
    }

    answer = login(admin_b).post("/api/v1/shares/", json.dumps(body), "application/json")

    assert answer.status_code == 404
    assert not Share.objects.exists()
