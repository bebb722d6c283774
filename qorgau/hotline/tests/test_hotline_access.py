"""Every page and endpoint of the hotline × every persona.

The agency office's desk staff (clerk, officer) reach its tickets; partner caseworkers work at
their own organisations' desks and get 404 for the agency's ticket, as does the Kyrgyzstan
office; the partner administrator (``ngo_admin``) and the Migration Service's registration
clerk (``gov_clerk``) also hold ``hotline.answer``, at their own organisations' desks, and are
refused the agency's ticket the same way; the government liaison and the statistics viewer
hold no desk (403); the anonymous visitor is sent to log in (401 from the API) and reaches
only the public inquiry form. A share of people never reaches a ticket: tickets are not
shared. No refused write changes the ticket. Rows are the shared ``Route`` of
``organisations/tests/personas.py``, sent by its ``route_send`` (the API's POST as a form).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import signing
from django.urls import reverse

from qorgau.hotline.models import AnswerTemplate, Ticket
from qorgau.hotline.public_views import SALT
from qorgau.hotline.services import answer_template_save
from qorgau.hotline.tests.factories import inquiry, ticket_submitted
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.organisations.tests.personas import (
    ANONYMOUS,
    PERSONAS,
    Route,
    personas_make,
    route_send,
    url_routes,
)

pytestmark = pytest.mark.django_db

DESK = frozenset({"clerk", "officer"})
# Personas beyond the shared ones who also hold ``hotline.answer`` (at another desk).
OTHER_DESKS = ("ngo_admin", "gov_clerk")
EVERY_PERSONA = (*PERSONAS, *OTHER_DESKS)


@dataclass
class World:
    users: dict[str, Any]
    orgs: dict[str, Any]
    ticket: Ticket
    template: AnswerTemplate


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    users["ngo_admin"] = user_make("ngo-a-admin", orgs["ngo_a"], Role.ADMINISTRATOR)
    users["gov_clerk"] = user_make("gov-clerk", orgs["government"], Role.REGISTRATION_CLERK)
    ticket = ticket_submitted()
    template = answer_template_save(
        actor=users["clerk"], organisation=orgs["agency"], template=None, version=0,
        topic="documents", language="ru", title="Renewal", body="Come to the office.",
    )  # fmt: skip
    return World(users=users, orgs=orgs, ticket=ticket, template=template)


def _desk(own: int, other: int, anonymous: int = 302) -> dict[str, int]:
    """``own``: the agency's desk staff; ``other``: other desks (partners, Kyrgyzstan)."""
    return {
        **dict.fromkeys(EVERY_PERSONA, other),
        **dict.fromkeys(DESK, own),
        "liaison": 403,
        "stats": 403,
        ANONYMOUS: anonymous,
    }


def _everyone(code: int) -> dict[str, int]:
    return dict.fromkeys(EVERY_PERSONA, code)


def _ticket(name: str, **kwargs: str) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"public_id": w.ticket.public_id, **kwargs})


def _ask_body(w: World) -> dict[str, Any]:
    return inquiry(started=signing.dumps(int(time.time()) - 60, salt=SALT))


ROUTES: list[Route[World]] = [
    Route("ask-get", "hotline:ask", "GET", lambda w: reverse("hotline:ask", kwargs={"lang": "ru"}), _everyone(200)),
    Route("ask-post", "hotline:ask", "POST", lambda w: reverse("hotline:ask", kwargs={"lang": "fa"}), _everyone(200), body=_ask_body),
    Route("queue", "hotline:queue", "GET", lambda w: reverse("hotline:queue"), _desk(200, 200)),
    Route("log-get", "hotline:log", "GET", lambda w: reverse("hotline:log"), _desk(200, 200)),
    Route(
        "log-post", "hotline:log", "POST", lambda w: reverse("hotline:log"), _desk(302, 400),
        body=lambda w: inquiry(organisation=w.orgs["agency"].public_id, channel="phone", urgency="urgent"),
    ),
    Route("detail", "hotline:detail", "GET", _ticket("hotline:detail"), _desk(200, 404)),
    Route(
        "act-note", "hotline:act", "POST", _ticket("hotline:act", action="note"), _desk(302, 404),
        body=lambda w: {"note-version": w.ticket.version, "note-text": "Called back."},
    ),
    Route("templates", "hotline:templates", "GET", lambda w: reverse("hotline:templates"), _desk(200, 200)),
    Route("template-new", "hotline:template-new", "GET", lambda w: reverse("hotline:template-new"), _desk(200, 200)),
    Route(
        "template-edit", "hotline:template-edit", "GET",
        lambda w: reverse("hotline:template-edit", kwargs={"public_id": w.template.public_id}), _desk(200, 404),
    ),
    Route(
        "template-save", "hotline:template-edit", "POST",
        lambda w: reverse("hotline:template-edit", kwargs={"public_id": w.template.public_id}), _desk(302, 404),
        body=lambda w: {"version": w.template.version, "topic": "documents", "language": "ru",
                        "title": "Renewal", "body": "Changed."},
    ),
    Route("figures", "hotline:figures", "GET", lambda w: reverse("hotline:figures"), _desk(200, 200)),
    Route("api-figures", "ticket-figures", "GET", lambda w: reverse("ticket-figures"), _desk(200, 200, 401)),
    Route("api-list", "ticket-list", "GET", lambda w: reverse("ticket-list"), _desk(200, 200, 401)),
    Route(
        "api-detail", "ticket-detail", "GET",
        lambda w: reverse("ticket-detail", kwargs={"id": w.ticket.public_id}), _desk(200, 404, 401),
    ),
    Route(
        "api-create", "ticket-list", "POST", lambda w: reverse("ticket-list"), _desk(201, 400, 401),
        body=lambda w: inquiry(organisation="agency-kaz", channel="email"),
    ),
]  # fmt: skip


@pytest.mark.parametrize("persona", EVERY_PERSONA)
@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(route, persona, world, login):
    response = route_send(login(world.users[persona]), route, world)

    assert response.status_code == route.expected[persona], response.content[:300]
    if response.status_code == 302:
        to_login = response["Location"].startswith(reverse("login"))
        assert to_login == (persona == ANONYMOUS)
    ticket = Ticket.objects.get(pk=world.ticket.pk)
    changed = route.id == "act-note" and persona in DESK
    assert (ticket.version > world.ticket.version) == changed
    template = AnswerTemplate.objects.get(pk=world.template.pk)
    assert (template.body == "Changed.") == (route.id == "template-save" and persona in DESK)


@pytest.mark.parametrize("persona", sorted(set(EVERY_PERSONA) - DESK - {ANONYMOUS}))
def test_it_lists_no_ticket_of_another_desk(persona, world, login):
    client = login(world.users[persona])

    page = client.get(reverse("hotline:queue"))
    api = client.get(reverse("ticket-list"))

    assert world.ticket.reference not in page.content.decode()
    assert world.ticket.reference not in api.content.decode()


@pytest.mark.parametrize("persona", sorted(DESK))
def test_it_lists_the_desks_ticket_to_its_staff(persona, world, login):
    client = login(world.users[persona])

    assert world.ticket.reference in client.get(reverse("hotline:queue")).content.decode()
    assert client.get(reverse("ticket-list")).json()["results"][0]["reference"] == (
        world.ticket.reference
    )


def test_it_covers_every_route_of_the_hotline():
    names = {
        name
        for path, name, _ in url_routes()
        if name.startswith("hotline:") or path.startswith("api/v1/^tickets/")
    }

    assert names == {r.name for r in ROUTES}
