"""The attack of issue 13, by page and API: NGO B holds a view-only share of NGO A's person.

It may not open a case on the person (API 403 with the reason, page: the form shows it), nor
take a step that writes the person's status or documents, even in a case it opened before shares
became view-only. When the share ends, NGO B loses that case too (404 everywhere, gone from its
lists and reminders), while NGO A, which registered the person, and the agency office see it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import personas_make
from qorgau.people.models import Document, LegalStatusPeriod, Person, Share
from qorgau.people.services.persons import person_create
from qorgau.people.services.shares import share_revoke
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.procedures import errors
from qorgau.procedures.models import Case, CaseStep
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.services import case_access_grant, case_open
from qorgau.procedures.tests.factories import START, all_roles_user
from qorgau.reminders.models import Reminder, ReminderKind

pytestmark = pytest.mark.django_db

REGISTER = {
    "transition": "register",
    "occurred_on": "2025-01-11",
    "fields": {"arrival_date": "2025-01-09", "application_date": "2025-01-10"},
    "documents": {"asylum_seeker_certificate": "AS-0001"},
}


@dataclass
class World:
    orgs: dict[str, Organisation]
    users: dict[str, User | None]
    recipient: User  # every role in NGO B
    person: Person
    share: Share
    legacy: Case  # opened by NGO B through the hole, before this fix


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    ngo_a, officer = users["ngo_a"], users["officer"]
    assert ngo_a is not None
    assert officer is not None
    person = person_create(actor=ngo_a, organisation=orgs["ngo_a"], data=person_input())
    share = share_grant_agreed(
        actor=officer, recipient=orgs["ngo_b"], person=person, agreement="DTA-2025-07",
        purpose="Legal counselling", expires_on=timezone.localdate() + dt.timedelta(days=60),
    )  # fmt: skip
    recipient = all_roles_user("ngo-b-all-roles", orgs["ngo_b"])
    legacy = Case.objects.create(
        country=person.country_office, procedure="asylum", person=person,
        organisation=orgs["ngo_b"], stage=procedure_for("KAZ", "asylum").initial.code,
        opened_on=START, version=1, assigned_to=recipient,
    )  # fmt: skip
    CaseStep.objects.create(
        case=legacy, kind="opened", to_stage=legacy.stage, occurred_on=START, actor=recipient,
        organisation=orgs["ngo_b"],
    )  # fmt: skip
    return World(orgs, users, recipient, person, share, legacy)


def _person_unchanged(w: World) -> None:
    assert not LegalStatusPeriod.objects.filter(person=w.person).exists()
    assert not Document.objects.filter(person=w.person).exists()


def _api_open(client: Client, w: World, procedure: str = "statelessness") -> object:
    body = {"procedure": procedure, "person": str(w.person.public_id), "opened_on": "2025-02-01"}
    return client.post(reverse("case-list"), json.dumps(body), content_type="application/json")


def test_the_api_refuses_a_share_recipient_to_open_a_case(
    world: World, login: Callable[[User | None], Client]
) -> None:
    answer = _api_open(login(world.users["ngo_b"]), world)

    assert answer.status_code == 403, answer.content  # type: ignore[attr-defined]
    assert answer.json()["detail"] == str(errors.NO_CHANGE_RIGHTS)  # type: ignore[attr-defined]
    assert Case.objects.filter(person=world.person).count() == 1  # the legacy one only


def test_the_api_answers_others_as_before(
    world: World, login: Callable[[User | None], Client]
) -> None:
    ngo_c = user_make("ngo-c-caseworker", world.orgs["ngo_c"], Role.PARTNER_CASEWORKER)
    assert _api_open(login(ngo_c), world).status_code == 404  # type: ignore[attr-defined]
    assert _api_open(login(None), world).status_code == 401  # type: ignore[attr-defined]
    answer = _api_open(login(world.users["ngo_a"]), world)
    assert answer.status_code == 201  # type: ignore[attr-defined]


def test_the_page_shows_why_a_share_recipient_cannot_open_a_case(
    world: World, login: Callable[[User | None], Client]
) -> None:
    url = reverse("procedures:open", kwargs={"public_id": str(world.person.public_id)})
    body = {
        "procedure": "statelessness",
        "opened_on": "2025-02-01",
        "organisation": world.orgs["ngo_b"].pk,
    }
    answer = login(world.users["ngo_b"]).post(url, body)

    assert answer.status_code == 200
    assert escape(str(errors.NO_CHANGE_RIGHTS)) in answer.content.decode()
    assert Case.objects.filter(person=world.person).count() == 1


def test_a_share_recipient_cannot_write_a_status_by_a_case_it_opened(
    world: World, login: Callable[[User | None], Client]
) -> None:
    client = login(world.recipient)
    url = reverse("case-transitions", kwargs={"id": str(world.legacy.public_id)})
    answer = client.post(url, json.dumps({**REGISTER, "version": 1}), "application/json")

    assert answer.status_code == 403, answer.content
    assert answer.json()["detail"] == str(errors.NO_CHANGE_RIGHTS)
    page = reverse(
        "procedures:step", kwargs={"public_id": world.legacy.public_id, "transition": "register"}
    )
    form = {
        "version": 1,
        "occurred_on": "2025-01-11",
        **REGISTER["fields"],  # type: ignore[dict-item]
        "document_asylum_seeker_certificate": "AS-0001",
    }
    answer = client.post(page, form)
    assert answer.status_code == 200
    assert escape(str(errors.NO_CHANGE_RIGHTS)) in answer.content.decode()
    _person_unchanged(world)
    world.legacy.refresh_from_db()
    assert (world.legacy.version, world.legacy.stage) == (1, "application")


def test_an_organisation_working_on_a_case_writes_no_status_to_a_person_it_did_not_register(
    world: World, login: Callable[[User | None], Client]
) -> None:
    ngo_a = world.users["ngo_a"]
    assert ngo_a is not None
    world.legacy.steps.all().delete()
    world.legacy.delete()
    case = case_open(
        actor=ngo_a, organisation=world.orgs["ngo_a"], procedure="asylum",
        person=world.person, opened_on=START,
    )  # fmt: skip
    case_access_grant(
        actor=ngo_a, case=case, organisation=world.orgs["government"], can_act=True,
        purpose="Decision",
    )  # fmt: skip
    government = all_roles_user("gov-all-roles", world.orgs["government"])
    url = reverse("case-transitions", kwargs={"id": str(case.public_id)})
    body = {**REGISTER, "version": case.version}
    answer = login(government).post(url, json.dumps(body), "application/json")

    assert answer.status_code == 403, answer.content
    assert answer.json()["detail"] == str(errors.NO_CHANGE_RIGHTS)
    _person_unchanged(world)


def _status(client: Client, name: str, **kwargs: str) -> int:
    return client.get(reverse(name, kwargs=kwargs)).status_code


def test_when_the_share_ends_its_recipient_loses_the_case_and_the_registrant_sees_it(
    world: World, login: Callable[[User | None], Client]
) -> None:
    Reminder.objects.create(
        kind=ReminderKind.DEADLINE, case=world.legacy, deadline="decide", due_on=START,
        person=world.person, organisation=world.orgs["ngo_b"], country=world.person.country_office,
    )  # fmt: skip
    cid = str(world.legacy.public_id)
    recipient = login(world.recipient)
    assert _status(recipient, "procedures:detail", public_id=cid) == 200
    assert recipient.get(reverse("reminders:list")).context["rows"]

    officer = world.users["officer"]
    assert officer is not None
    share_revoke(actor=officer, share=world.share)

    assert _status(recipient, "procedures:detail", public_id=cid) == 404
    assert _status(recipient, "case-detail", id=cid) == 404
    assert _status(recipient, "case-transitions", id=cid) == 404
    url = reverse("case-transitions", kwargs={"id": cid})
    answer = recipient.post(url, json.dumps({**REGISTER, "version": 1}), "application/json")
    assert answer.status_code == 404
    assert recipient.get(reverse("case-list")).json()["results"] == []
    assert list(recipient.get(reverse("procedures:list")).context["rows"]) == []
    assert list(recipient.get(reverse("reminders:list")).context["rows"]) == []
    # NGO A registered the person: it sees the case that would change them, as does the agency.
    for persona in ("ngo_a", "clerk", "officer"):
        client = login(world.users[persona])
        assert _status(client, "procedures:detail", public_id=cid) == 200, persona
        assert _status(client, "case-detail", id=cid) == 200, persona
    # Others still do not.
    for persona in ("liaison", "kgz"):
        client = login(world.users[persona])
        assert _status(client, "procedures:detail", public_id=cid) == 404, persona
    _person_unchanged(world)


def test_the_person_page_offers_no_case_on_a_share(
    world: World, login: Callable[[User | None], Client]
) -> None:
    person_page = reverse("people:detail", kwargs={"public_id": world.person.public_id})
    open_link = reverse("procedures:open", kwargs={"public_id": str(world.person.public_id)})

    shared = login(world.users["ngo_b"]).get(person_page)
    own = login(world.users["ngo_a"]).get(person_page)

    assert shared.status_code == own.status_code == 200
    assert open_link not in shared.content.decode()
    assert open_link in own.content.decode()
