"""The review queue and the panel of likely existing records show a person's identity only to
a role that reads it (issue 14, ADR 0030: need-to-know fields). No role that reaches these pages
today lacks identity, so the tests narrow the table to prove the pages ask it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from qorgau.identity.tests.test_review_page import _household_pair
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.people import errors
from qorgau.people.fields import FieldGroup
from qorgau.people.models import Person
from qorgau.people.tests.factories import role_reads_less

pytestmark = pytest.mark.django_db

Login = Callable[[User | None], Client]


@pytest.fixture
def clerk_without_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    role_reads_less(monkeypatch, Role.REGISTRATION_CLERK, {FieldGroup.IDENTITY})


def _review(client: Client) -> str:
    response = client.get(reverse("identity:review"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_review_queue_shows_names_to_a_role_reading_identity(
    clerk: User, agency: Organisation, login: Login
) -> None:
    principal, _ = _household_pair(clerk, agency, "Ерлан")

    assert principal.display_name in _review(login(clerk))


@pytest.mark.usefixtures("clerk_without_identity")
def test_the_review_queue_hides_names_from_a_role_not_reading_identity(
    clerk: User, agency: Organisation, login: Login
) -> None:
    principal, loose = _household_pair(clerk, agency, "Ерлан")

    html = _review(login(clerk))

    assert principal.display_name not in html
    assert principal.latin_name not in html
    assert escape(str(errors.FIELD_NOT_SHOWN)) in html
    assert loose.registration_number in html


def _panel(client: Client) -> str:
    query = urlencode({"principal-family_name": "Сейтқазиев", "principal-given_name": "Ерлан"})
    response = client.get(f"{reverse('identity:likely')}?{query}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("narrowed", [False, True], ids=["reads-identity", "no-identity"])
def test_the_likely_panel_names_only_records_whose_identity_the_role_reads(
    request: pytest.FixtureRequest,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    login: Login,
    narrowed: bool,
) -> None:
    existing = make_person(clerk, agency, family_name="Сейтқазиев", given_name="Ерлан")
    if narrowed:
        request.getfixturevalue("clerk_without_identity")

    html = _panel(login(clerk))

    assert (existing.registration_number in html) is not narrowed
    assert (existing.display_name in html) is not narrowed
