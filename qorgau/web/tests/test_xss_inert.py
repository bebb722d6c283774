"""A script in any text field is stored as text and shown inert (issue 14): the text fields of
registration (the principal and a member), editing, documents, statuses and case steps take an
XSS payload, store it exactly, and every page that shows it afterwards shows it escaped."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Household, Person, Relationship
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.routes import route_to
from qorgau.procedures.services import case_open
from qorgau.procedures.tests.factories import START, all_roles_user, walk

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
PAYLOAD = f'">{SCRIPT}{IMAGE}'
"""Closes an attribute, opens a script and an image with a handler: 55 characters, so that it
fits every field (document numbers take 64)."""
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
PERSON_TEXT = ("family_name", "given_name", "patronymic", "birth_place", "address")


def _inert(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    assert SCRIPT not in html
    assert IMAGE not in html
    assert ESCAPED in html
    return html


def _person_fields(version: int | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {"sex": "male", "date_of_birth": "1984-03-09",
                              "citizenship_status": "stateless", "aliases": f"Ерлан {PAYLOAD}"}  # fmt: skip
    fields |= dict.fromkeys(PERSON_TEXT, PAYLOAD)
    return fields if version is None else fields | {"version": version}


def _stored_as_text(person: Person) -> None:
    for field in PERSON_TEXT:
        assert getattr(person, field) == PAYLOAD, field
    names = [" ".join((a.family_name, a.given_name, a.patronymic)) for a in person.aliases.all()]
    assert any(PAYLOAD in name for name in names)  # "Family Given Patronymic", split at spaces


def test_the_registration_fields_store_a_payload_as_text_and_show_it_inert(clerk, login):
    client = login(clerk)
    member = _person_fields() | {"relationship": "wife", "sex": "female"}
    data = {f"principal-{name}": value for name, value in _person_fields().items()}
    data |= {f"members-0-{name}": value for name, value in member.items()}
    data |= {"members-TOTAL_FORMS": "1", "members-INITIAL_FORMS": "0"}

    response = client.post(reverse("people:register"), data)

    assert response.status_code == 302, response.context and response.context["form"].errors
    household = Household.objects.get()
    principal = household.members.get(relationship=Relationship.PRINCIPAL)
    for person in household.members.all():
        _stored_as_text(person)
        _inert(client, reverse("people:detail", args=[person.public_id]))
        _inert(client, reverse("people:edit", args=[person.public_id]))
    _inert(client, reverse("people:household", args=[household.public_id]))
    _inert(client, f"{reverse('people:search')}?q=Ерлан")
    assert principal.given_name == PAYLOAD


def test_a_refused_language_is_shown_back_inert(clerk, login):
    data = {f"principal-{name}": value for name, value in _person_fields().items()}
    data |= {"principal-other_languages": PAYLOAD, "members-TOTAL_FORMS": "0",
             "members-INITIAL_FORMS": "0"}  # fmt: skip

    response = login(clerk).post(reverse("people:register"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert not Person.objects.exists()
    assert SCRIPT not in html
    assert ESCAPED in html


def test_the_edit_fields_store_a_payload_as_text_and_show_it_inert(clerk, login, make_person):
    person = make_person(clerk, clerk.memberships.get().organisation)
    client = login(clerk)

    response = client.post(reverse("people:edit", args=[person.public_id]), _person_fields(1))

    assert response.status_code == 302, response.context and response.context["form"].errors
    person.refresh_from_db()
    _stored_as_text(person)
    _inert(client, reverse("people:detail", args=[person.public_id]))


def test_document_and_status_fields_store_a_payload_as_text_and_show_it_inert(
    clerk, login, make_person
):
    person = make_person(clerk, clerk.memberships.get().organisation)
    client = login(clerk)

    document = client.post(
        reverse("people:document-add", args=[person.public_id]),
        {"type": "passport", "number": PAYLOAD, "issuer": PAYLOAD, "issued_on": "2020-05-01"},
    )
    status = client.post(
        reverse("people:status-add", args=[person.public_id]),
        {"status": "STA", "effective_from": "2024-01-10", "basis": PAYLOAD},
    )

    assert (document.status_code, status.status_code) == (302, 302)
    stored = person.documents.get()
    assert (stored.number, stored.issuer) == (PAYLOAD, PAYLOAD)
    assert person.status_periods.get().basis == PAYLOAD
    _inert(client, reverse("people:detail", args=[person.public_id]))


def test_case_step_fields_store_a_payload_as_text_and_show_it_inert(
    agency: Organisation, clerk: User, login, make_person
):
    actor = all_roles_user("all-roles", agency)
    person = make_person(clerk, agency)
    case = case_open(actor=actor, organisation=agency, procedure="asylum", person=person,
                     opened_on=START)  # fmt: skip
    case = walk(case, actor, route_to(procedure_for("KAZ", "asylum"), "fingerprinted"))
    client = login(actor)
    interview = reverse("procedures:step", args=[case.public_id, "interview"])

    response = client.post(interview, {"version": case.version, "occurred_on": "2025-02-01",
                                       "interviewer": PAYLOAD, "interpreter_language": PAYLOAD})  # fmt: skip
    case.refresh_from_db()
    reject = reverse("procedures:step", args=[case.public_id, "reject"])
    answers = {"version": case.version, "occurred_on": "2025-02-02", "grounds": ["credibility"],
               "reasons": PAYLOAD, "confirm": "yes"}  # fmt: skip
    confirmed = client.post(reject, answers)

    assert (response.status_code, confirmed.status_code) == (302, 302)
    case.refresh_from_db()
    steps = {step.transition: step for step in case.steps.all()}
    assert steps["interview"].fields == {"interviewer": PAYLOAD, "interpreter_language": PAYLOAD}
    assert steps["reject"].reasons == PAYLOAD
    _inert(client, reverse("procedures:detail", args=[case.public_id]))
