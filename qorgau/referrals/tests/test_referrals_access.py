"""Every page and endpoint of referrals × every persona.

NGO A's caseworker has sent a referral of a person NGO A registered to NGO B. The two
organisations' users read it (and the agency office of the person's country, which holds the
record); anyone else gets 404, the statistics viewer 403, the anonymous visitor the log-in
page (401/403 from the API). Only the receiver takes the receiver's steps; refused writes
change nothing. View-only share holders never write (procedures/tests/test_view_only_writes.py
walks every referral service)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, personas_make, url_routes
from qorgau.partners.services import agreement_record
from qorgau.partners.tests.factories import profile_make
from qorgau.people.models import Relationship
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input
from qorgau.referrals.models import Referral
from qorgau.referrals.services import referral_create, referral_send

from .conftest import consent_given, days

pytestmark = pytest.mark.django_db


@dataclass
class World:
    users: dict[str, Any]
    referral: Referral
    person: Any
    household: Any


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    admin_a = user_make("ngo-a-admin", orgs["ngo_a"], Role.ADMINISTRATOR)
    profile_make(user_make("ngo-b-admin", orgs["ngo_b"], Role.ADMINISTRATOR), orgs["ngo_b"])
    agreement = agreement_record(
        actor=admin_a, provider=orgs["ngo_a"], recipient=orgs["ngo_b"], reference="DSA-1",
        purpose="Referrals", field_groups=["identity"], starts_on=days(-1), expires_on=days(60),
    )  # fmt: skip
    person = person_create(actor=users["ngo_a"], organisation=orgs["ngo_a"], data=person_input())
    referral = referral_create(
        actor=users["ngo_a"], person=person, recipient=orgs["ngo_b"], services=["legal_aid"],
        reason="Lawyer", urgency="high", field_groups=["identity"], consent=consent_given(),
        agreement=agreement,
    )  # fmt: skip
    referral = referral_send(actor=users["ngo_a"], referral=referral, version=1)
    household = household_register(
        actor=users["ngo_a"], organisation=orgs["ngo_a"],
        members=[MemberInput(person_input(given_name="Нұрлан"), Relationship.PRINCIPAL)],
    )  # fmt: skip
    return World(users=users, referral=referral, person=person, household=household)


LOGIN = "login"
READ = {"clerk": 200, "officer": 200, "ngo_a": 200, "ngo_b": 200, "liaison": 200}
BOX = {**READ, "stats": 403, "kgz": 200, ANONYMOUS: LOGIN}
DETAIL = {**READ, "liaison": 404, "stats": 403, "kgz": 404, ANONYMOUS: LOGIN}
# Acknowledging is the receiver's step: 302 (done) for NGO B only.
STEP = {
    "clerk": 403, "officer": 403, "ngo_a": 403, "ngo_b": 302, "liaison": 403, "stats": 403,
    "kgz": 404, ANONYMOUS: LOGIN,
}  # fmt: skip
# Consent was given: a protection officer is told there is nothing to override (400).
OVERRIDE = {
    "clerk": 403, "officer": 400, "ngo_a": 403, "ngo_b": 403, "liaison": 404, "stats": 403,
    "kgz": 404, ANONYMOUS: LOGIN,
}  # fmt: skip
REFER = {
    "clerk": 200, "officer": 200, "ngo_a": 200, "ngo_b": 404, "liaison": 403, "stats": 403,
    "kgz": 404, ANONYMOUS: LOGIN,
}  # fmt: skip
# Figures are for those who read statistics in an organisation (the agency's officer, the
# liaison and the statistics viewer); each sees only its own organisations' referrals.
FIGURES = {
    "clerk": 403, "officer": 200, "ngo_a": 403, "ngo_b": 403, "liaison": 200, "stats": 200,
    "kgz": 403, ANONYMOUS: LOGIN,
}  # fmt: skip

PAGES = {
    ("referrals:outbox", "GET"): BOX,
    ("referrals:figures", "GET"): FIGURES,
    ("referrals:inbox", "GET"): BOX,
    ("referrals:detail", "GET"): DETAIL,
    ("referrals:step", "POST"): STEP,
    ("referrals:override", "POST"): OVERRIDE,
    ("referrals:refer", "GET"): REFER,
    ("referrals:refer", "POST"): REFER | {"clerk": 400, "officer": 400, "ngo_a": 302},
    ("referrals:refer-household", "GET"): REFER,
    ("referrals:refer-household", "POST"): REFER | {"clerk": 400, "officer": 400, "ngo_a": 302},
}
API = {
    ("referral-list", "GET"): {**BOX, ANONYMOUS: 401},
    ("referral-figures-list", "GET"): {**FIGURES, ANONYMOUS: 401},
    ("referral-detail", "GET"): {**DETAIL, ANONYMOUS: 401},
    # The agency office has no agreement with NGO B (400); NGO B only reads the person (404).
    ("referral-list", "POST"): {
        **STEP, "clerk": 400, "officer": 400, "ngo_a": 201, "ngo_b": 404, ANONYMOUS: 401,
    },
    ("referral-transition", "POST"): {**STEP, "ngo_b": 200, ANONYMOUS: 401},
    ("referral-override", "POST"): {**OVERRIDE, "liaison": 403, ANONYMOUS: 401},
}  # fmt: skip


def _url(w: World, name: str) -> str:
    if name in (
        "referrals:outbox", "referrals:inbox", "referrals:figures", "referral-list",
        "referral-figures-list",
    ):  # fmt: skip
        return reverse(name)
    if name == "referrals:refer":
        return reverse(name, args=[w.person.public_id])
    if name == "referrals:refer-household":
        return reverse(name, args=[w.household.public_id])
    key = "public_id" if name.startswith("referrals:") else "id"
    return reverse(name, kwargs={key: w.referral.public_id})


def _data(w: World, name: str) -> dict[str, Any]:
    if name in ("referrals:refer", "referrals:refer-household", "referral-list"):
        return {
            "recipient": "ngo-b" if name == "referral-list" else str(w.referral.recipient.public_id),
            "person": str(w.person.public_id), "services": ["legal_aid"], "reason": "Lawyer",
            "urgency": "low", "field_groups": ["identity"], "consent": "yes",
            "consent_by": "the person", "consent_method": "phone",
            "consent_on": timezone.localdate().isoformat(),
        } | (
            {"consent": {"given": True, "given_by": "the person", "method": "phone",
                         "given_on": timezone.localdate().isoformat()}}
            if name == "referral-list" else {}
        )  # fmt: skip
    return {"step": "acknowledge", "version": 2}


def _ask(login: Any, w: World, persona: str, name: str, method: str) -> Any:
    client = login(w.users[persona])
    url = _url(w, name)
    if method == "GET":
        return client.get(url)
    data = _data(w, name)
    if name.startswith("referrals:"):
        return client.post(url, data)
    return client.post(url, json.dumps(data), content_type="application/json")


def _unchanged_unless(method: str, expected: object, done: tuple[int, ...]) -> None:
    """A refused write leaves the one referral as it was (sent: version 2), and adds none."""
    if method == "POST" and expected not in done:
        assert list(Referral.objects.values_list("version", flat=True)) == [2]


ROUTES = {**PAGES, **API}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method"), sorted(ROUTES))
def test_every_page_and_endpoint_answers_each_persona(login, world, persona, name, method):
    expected = ROUTES[(name, method)][persona]

    answer = _ask(login, world, persona, name, method)

    if expected == LOGIN:  # a page: the log-in page
        assert answer.status_code == 302
        assert "/login" in answer["Location"]
    elif persona == ANONYMOUS:  # the API: 401 or 403
        assert answer.status_code in (401, 403)
    else:
        assert answer.status_code == expected, answer.content
    done = (302,) if name.startswith("referrals:") else (200, 201)
    _unchanged_unless(method, expected, done)


def test_it_covers_every_route():
    names = {
        (name, m.upper())
        for path, name, pattern in url_routes()
        if path.startswith(("referrals/", "api/v1/referrals", "api/v1/referral-figures"))
        for m in (getattr(pattern.callback, "actions", None) or {"get": 1, "post": 1})
        if m != "head"
    }
    covered = set(PAGES) | set(API)
    # Page routes answer GET and POST as their views allow; the matrix states the ones used.
    page_names = {n for n, _ in PAGES}
    assert {n for n, _ in names if n.startswith("referrals:")} == page_names
    assert {k for k in names if not k[0].startswith("referrals:")} - covered == set()
