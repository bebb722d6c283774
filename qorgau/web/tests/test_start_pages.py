"""Each persona lands on a page it may use, and its menu offers only pages that open."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from qorgau.organisations.models import User
from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, personas_make
from qorgau.people.services.persons import person_create
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input
from qorgau.twofactor.tests.helpers import authenticator_for, code_now

pytestmark = pytest.mark.django_db

USERS = [persona for persona in PERSONAS if persona != ANONYMOUS]
NAV = re.compile(r"<nav\b[^>]*>(.*?)</nav>", re.DOTALL)
HREF = re.compile(r'href="([^"]+)"')


def _menu_links(html: str) -> list[str]:
    menus = NAV.findall(html)
    assert len(menus) == 1, menus
    return HREF.findall(menus[0])


@pytest.fixture
def users() -> dict[str, User | None]:
    """The personas, and one registered person (the statistics dashboard answers 400 for a
    country without records)."""
    orgs, users = personas_make()
    clerk = users["clerk"]
    assert clerk is not None
    person = person_create(actor=clerk, organisation=orgs["agency"], data=person_input())
    status_period_record(
        actor=clerk, organisation=orgs["agency"], person=person, status="STA",
        effective_from=dt.date(2016, 1, 1),
    )  # fmt: skip
    return users


@pytest.mark.parametrize("persona", USERS)
def test_it_lands_each_persona_on_a_page_whose_menu_links_all_open(persona, users, login):
    client = login(users[persona])

    landing = client.get(reverse("home"), follow=True)

    assert landing.status_code == 200
    links = _menu_links(landing.content.decode())
    assert links, "the menu is empty"
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, f"{persona}: {link} answers {response.status_code}"


@pytest.mark.parametrize(
    ("persona", "start"),
    [
        ("clerk", "people:search"),
        ("officer", "people:search"),
        ("ngo_a", "people:search"),
        ("liaison", "people:search"),
        ("kgz", "people:search"),
        ("stats", "statistics:dashboard"),
    ],
)
def test_it_sends_each_persona_to_its_first_page(persona, start, users, login):
    response = login(users[persona]).get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse(start)


def test_it_shows_a_statistics_viewer_no_person_pages(users, login):
    landing = login(users["stats"]).get(reverse("home"), follow=True)

    links = _menu_links(landing.content.decode())
    assert reverse("people:search") not in links
    assert reverse("people:register") not in links
    assert reverse("statistics:dashboard") in links


def test_it_sends_a_statistics_viewer_from_the_log_in_to_the_dashboard(users, client):
    stats = users["stats"]
    assert stats is not None
    stats.set_password("a long synthetic password")
    stats.save()
    device = authenticator_for(stats)  # agency staff sign in with a second factor

    response = client.post(
        reverse("login"),
        {"username": stats.username, "password": "a long synthetic password"},
        follow=True,
    )
    assert response.redirect_chain[0] == (reverse("home"), 302)
    code_step = response.redirect_chain[-1][0]
    assert code_step.startswith(reverse("twofactor:verify"))
    response = client.post(code_step, {"code": code_now(device)}, follow=True)

    assert response.redirect_chain[-1] == (reverse("statistics:dashboard"), 302)
    assert response.status_code == 200


def test_it_sends_anonymous_visitors_from_home_to_the_log_in(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_tells_a_user_without_a_role_whom_to_ask(login):
    user = User.objects.create(username="no-role")

    response = login(user).get(reverse("home"))

    assert response.status_code == 200
    assert b"ask your organisation's administrator" in response.content.lower()
