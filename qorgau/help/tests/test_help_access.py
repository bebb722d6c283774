"""Every page of the help site × every persona.

The public pages answer everyone, signed in or not; an unpublished page is 404 except for the
help site's editors. The staff's pages are for the editors only: ``factsheet.edit`` in the
agency office of ``settings.HELP_COUNTRY`` (here the Kazakhstan office's protection officer
and administrator). A user without ``factsheet.edit`` gets 403; one who holds it elsewhere (a
partner's administrator, the Kyrgyzstan office) 403 on the list and 404 on a page; the
anonymous visitor the log-in page. A share of a person (``ngo_b`` holds one) reaches no help
page: nothing changes whoever posts but the editors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from qorgau.help.models import HelpPage
from qorgau.help.tests.factories import page_make
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
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input, share_grant_agreed

pytestmark = pytest.mark.django_db

ADMINS = ("ngo_a_admin", "agency_admin", "kgz_admin")
# Beyond the shared personas: the Migration Service's registration clerk (no factsheet.edit).
OTHERS = ("gov_clerk",)
EDITORS = frozenset({"officer", "agency_admin"})
# The editors last: the others' requests must find the pages as they were made.
EVERYONE = (*(p for p in (*PERSONAS, *ADMINS, *OTHERS) if p not in EDITORS), *sorted(EDITORS))
ELSEWHERE = frozenset({"ngo_a_admin", "kgz_admin"})  # factsheet.edit, not in the KAZ office


@dataclass
class World:
    users: dict[str, Any]
    page: HelpPage
    draft: HelpPage
    persona: str = ""  # who is asking now (a new page's slug is theirs)


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    for persona, org in zip(ADMINS, ("ngo_a", "agency", "agency_kgz"), strict=True):
        users[persona] = user_make(persona.replace("_", "-"), orgs[org], Role.ADMINISTRATOR)
    users["gov_clerk"] = user_make("gov-clerk", orgs["government"], Role.REGISTRATION_CLERK)
    person = person_create(
        actor=users["clerk"], organisation=orgs["agency"], data=person_input(), source_id=""
    )
    share_grant_agreed(
        actor=users["agency_admin"], recipient=orgs["ngo_b"], agreement="DSA-1", purpose="Aid",
        expires_on=dt.date.today() + dt.timedelta(days=30), person=person,
    )  # fmt: skip
    page = page_make(users["officer"], title="Original")
    draft = page_make(users["officer"], slug="draft", title="Draft", published=False)
    return World(users=users, page=page, draft=draft)


def _staff(list_ok: int, record_ok: int, *, record: bool) -> dict[str, int]:
    return {
        **dict.fromkeys(EVERYONE, 403),
        **dict.fromkeys(ELSEWHERE, 404 if record else 403),
        **dict.fromkeys(EDITORS, record_ok if record else list_ok),
        ANONYMOUS: 302,
    }


def _public(ok: int = 200) -> dict[str, int]:
    return dict.fromkeys(EVERYONE, ok)


def _of(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"public_id": w.page.public_id})


def _edit_body(w: World) -> dict[str, Any]:
    return {"version": w.page.version, "title": "Changed", "slug": "border", "position": 1,
            "body": "New."}  # fmt: skip


ROUTES: list[Route[World]] = [
    Route("root", "help:root", "GET", lambda w: "/help/", _public(302)),
    Route("index", "help:index", "GET", lambda w: "/help/ru/", _public()),
    Route("partners", "help:partners", "GET", lambda w: "/help/kk/partners/", _public()),
    Route("page", "help:page", "GET", lambda w: "/help/en/border/", _public()),
    Route(
        "draft", "help:page", "GET", lambda w: "/help/en/draft/",
        {**_public(404), **dict.fromkeys(EDITORS, 200)},
    ),
    Route("list", "help:list", "GET", lambda w: reverse("help:list"), _staff(200, 0, record=False)),
    Route("new-get", "help:new", "GET", lambda w: reverse("help:new"), _staff(200, 0, record=False)),
    Route(
        "new-post", "help:new", "POST", lambda w: reverse("help:new"),
        _staff(302, 0, record=False),
        body=lambda w: {"language": "uk", "title": "New", "slug": f"new-{w.persona.replace('_', '-')}", "position": 1,
                        "body": "Text.", "version": 0},
    ),
    Route("edit-get", "help:edit", "GET", _of("help:edit"), _staff(0, 200, record=True)),
    Route("edit-post", "help:edit", "POST", _of("help:edit"), _staff(0, 302, record=True),
          body=_edit_body),
    Route(
        "publish", "help:publish", "POST", _of("help:publish"), _staff(0, 302, record=True),
        body=lambda w: {"version": w.page.version, "published": "0"},
    ),
    Route("history", "help:history", "GET", _of("help:history"), _staff(0, 200, record=True)),
    Route(
        "restore", "help:restore", "POST", _of("help:restore"), _staff(0, 302, record=True),
        body=lambda w: {"version": w.page.version,
                           "history_id": w.page.history.earliest("history_date").history_id},
    ),
]  # fmt: skip


def _pages() -> list[tuple[str, bool, int]]:
    return list(HelpPage.objects.order_by("pk").values_list("title", "published", "version"))


@pytest.mark.parametrize("route", ROUTES, ids=[r.id for r in ROUTES])
def test_it_answers_each_persona_with_the_expected_status(route, world, login):
    """One world per route, every persona in turn (the editors last)."""
    for persona in EVERYONE:
        before = _pages()

        world.page.refresh_from_db()
        world.persona = persona
        response = route_send(login(world.users[persona]), route, world)

        assert response.status_code == route.expected[persona], (persona, response.content[:300])
        if response.status_code == 302 and route.name != "help:root":
            to_login = response["Location"].startswith(reverse("login"))
            assert to_login == (persona == ANONYMOUS), persona
        wrote = route.method == "POST" and persona in EDITORS
        assert (_pages() != before) == wrote, persona


def test_it_covers_every_route_of_the_help_site():
    names = {name for _, name, _ in url_routes() if name.startswith("help:")}

    assert names == {r.name for r in ROUTES}
