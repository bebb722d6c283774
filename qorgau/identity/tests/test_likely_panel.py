"""The panel of likely existing records beside the registration form's names (htmx): what it
shows, to whom, and what it logs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.audit.models import AccessLog
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed

pytestmark = pytest.mark.django_db

Login = Callable[[User | None], Client]


def _panel(client: Client, **typed: str) -> str:
    query = urlencode({f"principal-{name}": value for name, value in typed.items()})
    response = client.get(f"{reverse('identity:likely')}?{query}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def existing(clerk: User, agency: Organisation, make_person: Callable[..., Person]) -> Person:
    return make_person(
        clerk, agency, family_name="Сейтқазиев", given_name="Ерлан", date_of_birth="1984-03-09"
    )


def test_it_shows_a_record_typed_in_another_script_and_logs_the_read(
    clerk: User, existing: Person, login: Login
) -> None:
    html = _panel(login(clerk), family_name="Seitkaziev", given_name="Erlan", date_of_birth="1984")

    assert existing.registration_number in html
    assert "Сейтқазиев Ерлан" in html
    assert reverse("people:detail", kwargs={"public_id": existing.public_id}) in html
    assert AccessLog.objects.filter(
        action="match", object_type="person", object_id=existing.public_id, user=clerk
    ).exists()


def test_it_shows_nothing_and_logs_nothing_until_both_names_are_typed(
    clerk: User, existing: Person, login: Login
) -> None:
    assert _panel(login(clerk), family_name="Seitkaziev").strip() == ""
    assert not AccessLog.objects.filter(action="match").exists()


def test_it_says_so_when_no_record_has_the_names(
    clerk: User, existing: Person, login: Login
) -> None:
    html = _panel(login(clerk), family_name="Ахметов", given_name="Марат")

    assert "No registered record you can see has these names." in html
    assert not AccessLog.objects.filter(action="match").exists()


def test_it_reads_a_bad_date_as_unknown(clerk: User, existing: Person, login: Login) -> None:
    html = _panel(login(clerk), family_name="Seitkaziev", given_name="Erlan", date_of_birth="3.x")

    assert existing.registration_number in html


def test_it_never_shows_a_record_of_another_organisation(
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b: User,
    make_person: Callable[..., Person],
    login: Login,
) -> None:
    record = make_person(ngo_a, ngo_a_org, family_name="Сейтқазиев", given_name="Ерлан")

    assert record.registration_number in _panel(login(ngo_a), family_name="Seitkaziev",
                                                 given_name="Erlan")  # fmt: skip
    html = _panel(login(ngo_b), family_name="Seitkaziev", given_name="Erlan")
    assert record.registration_number not in html
    assert not AccessLog.objects.filter(user=ngo_b).exists()


def test_it_never_shows_a_record_seen_only_through_a_view_only_share(
    ngo_a: User,
    ngo_a_org: Organisation,
    ngo_b: User,
    ngo_b_org: Organisation,
    agency: Organisation,
    make_person: Callable[..., Person],
    login: Login,
) -> None:
    record = make_person(ngo_a, ngo_a_org, family_name="Сейтқазиев", given_name="Ерлан")
    share_grant_agreed(
        actor=user_make("officer", agency, Role.PROTECTION_OFFICER),
        recipient=ngo_b_org,
        agreement="DTA-NGO-B",
        purpose="Legal counselling",
        expires_on=dt.date.today() + dt.timedelta(days=30),
        person=record,
    )
    client = login(ngo_b)
    assert (
        client.get(reverse("people:detail", kwargs={"public_id": record.public_id})).status_code
        == 200
    )

    html = _panel(client, family_name="Seitkaziev", given_name="Erlan")

    assert record.registration_number not in html


@pytest.mark.parametrize("persona", ["liaison", "stats"])
def test_it_refuses_who_may_not_register(
    persona: str, request: pytest.FixtureRequest, existing: Person, login: Login
) -> None:
    user = request.getfixturevalue(persona)
    url = reverse("identity:likely") + "?principal-family_name=Seitkaziev&principal-given_name=E"
    assert login(user).get(url).status_code == 403


def test_it_sends_anonymous_visitors_to_log_in(client: Client, existing: Person) -> None:
    response = client.get(reverse("identity:likely") + "?principal-given_name=Erlan")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_registration_page_asks_for_it_beside_the_names_without_inline_script(
    clerk: User, login: Login
) -> None:
    response = login(clerk).get(reverse("people:register"))

    html = response.content.decode()
    area = html[html.index('class="name-area"') : html.index('id="likely-live"')]
    assert f'hx-get="{reverse("identity:likely")}"' in area
    assert 'hx-trigger="input delay:500ms"' in area
    for name in ("family_name", "given_name", "patronymic", "date_of_birth"):
        assert f'id="id_principal-{name}"' in area
    assert 'id="id_principal-address"' not in area
    assert " onclick=" not in html
    assert " oninput=" not in html
    assert "<script>" not in html
