"""The organisation page and its forms, for every persona: only the organisation's own
administrator reaches them; anyone else gets 404 (another organisation's administrator) or
403 (no right to manage anyone), an anonymous visitor the log-in page, and nothing changes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from qorgau.audit.models import SecurityEvent
from qorgau.members.tests.conftest import STRONG
from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.personas import url_routes

pytestmark = pytest.mark.django_db

# persona fixture → expected status of every page and form of NGO A's organisation page.
PERSONAS = {
    "ngo_b_admin": 404,  # another organisation's administrator
    "agency_admin": 404,  # the agency office's administrator manages the office only
    "ngo_a": 403,  # caseworker of NGO A
    "clerk": 403,  # registration clerk of the agency office
    "ngo_b": 403,
    "liaison": 403,  # view-only government liaison
    "gov_clerk": 403,
    "stats": 403,
}
ACTIONS = ["detail", "create", "grant", "change", "revoke", "deactivate"]


def _urls(organisation: Organisation, member: User) -> dict[str, tuple[str, dict[str, str]]]:
    """(method, URL, data) of each page and form, aimed at ``member``'s role."""
    membership = member.memberships.get(organisation=organisation)
    org = {"public_id": organisation.public_id}
    return {
        "detail": ("get", reverse("members:detail", kwargs=org), {}),
        "create": (
            "post",
            reverse("members:create", kwargs=org),
            {"username": "fresh", "password": STRONG, "role": Role.ADMINISTRATOR},
        ),
        "grant": (
            "post",
            reverse("members:grant", kwargs={**org, "user_id": member.public_id}),
            {"role": Role.ADMINISTRATOR},
        ),
        "change": (
            "post",
            reverse("members:change", kwargs={**org, "membership_id": membership.public_id}),
            {"role": Role.ADMINISTRATOR},
        ),
        "revoke": (
            "post",
            reverse("members:revoke", kwargs={**org, "membership_id": membership.public_id}),
            {},
        ),
        "deactivate": (
            "post",
            reverse("members:deactivate", kwargs={**org, "user_id": member.public_id}),
            {},
        ),
    }


def _state() -> tuple[list[tuple[int, int, str]], list[bool]]:
    memberships = list(Membership.objects.values_list("user_id", "organisation_id", "role"))
    return sorted(memberships), list(
        User.objects.order_by("pk").values_list("is_active", flat=True)
    )


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_it_lets_no_one_but_the_organisations_administrator_in(
    request, login, ngo_admin, ngo_a, ngo_a_org, persona, action
) -> None:
    actor = request.getfixturevalue(persona)
    method, url, data = _urls(ngo_a_org, ngo_a)[action]
    before = _state()

    response = getattr(login(actor), method)(url, data)

    assert response.status_code == PERSONAS[persona]
    assert _state() == before


@pytest.mark.parametrize("action", ACTIONS)
def test_it_sends_an_anonymous_visitor_to_log_in(ngo_admin, ngo_a, ngo_a_org, action) -> None:
    method, url, data = _urls(ngo_a_org, ngo_a)[action]
    before = _state()

    response = getattr(Client(), method)(url, data)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert _state() == before


def test_it_gives_404_for_a_malformed_or_foreign_id(login, ngo_admin, ngo_a_org, ngo_b) -> None:
    client = login(ngo_admin)
    org = {"public_id": ngo_a_org.public_id}
    foreign = ngo_b.memberships.get()

    assert client.get(reverse("members:detail", kwargs={"public_id": "x"})).status_code == 404
    revoke = reverse("members:revoke", kwargs={**org, "membership_id": foreign.public_id})
    assert client.post(revoke).status_code == 404
    deactivate = reverse("members:deactivate", kwargs={**org, "user_id": ngo_b.public_id})
    assert client.post(deactivate).status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_it_lists_the_members_and_their_roles(login, ngo_admin, ngo_a, ngo_a_org) -> None:
    response = login(ngo_admin).get(
        reverse("members:detail", kwargs={"public_id": ngo_a_org.public_id})
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "ngo-a-caseworker" in page
    assert "ngo-a-admin" in page
    assert str(ngo_a.memberships.get().public_id) in page


def test_it_lists_the_managed_organisations_from_the_menu(login, ngo_admin, ngo_a_org) -> None:
    client = login(ngo_admin)

    home = client.get(reverse("members:list"))

    assert reverse("members:list") in home.content.decode()  # the menu entry
    assert (
        reverse("members:detail", kwargs={"public_id": ngo_a_org.public_id})
        in home.content.decode()
    )


def test_the_menu_offers_no_organisations_to_a_caseworker(login, ngo_a) -> None:
    response = login(ngo_a).get(reverse("reminders:list"))

    assert reverse("members:list") not in response.content.decode()
    assert login(ngo_a).get(reverse("members:list")).status_code == 403


def test_the_administrator_adds_changes_and_revokes(login, ngo_admin, ngo_a_org) -> None:
    client = login(ngo_admin)
    org = {"public_id": ngo_a_org.public_id}

    added = client.post(
        reverse("members:create", kwargs=org),
        {"username": "fresh", "password": STRONG, "role": Role.PARTNER_CASEWORKER},
    )
    membership = Membership.objects.get(user__username="fresh")
    changed = client.post(
        reverse("members:change", kwargs={**org, "membership_id": membership.public_id}),
        {"role": Role.REGISTRATION_CLERK},
    )
    role = Membership.objects.get(pk=membership.pk).role
    revoked = client.post(
        reverse("members:revoke", kwargs={**org, "membership_id": membership.public_id})
    )

    assert [added.status_code, changed.status_code, revoked.status_code] == [302, 302, 302]
    assert role == Role.REGISTRATION_CLERK
    assert not Membership.objects.filter(pk=membership.pk).exists()
    events = SecurityEvent.objects.exclude(event="login")  # the client's own log-in
    assert list(events.order_by("at", "id").values_list("event", flat=True)) == [
        "organisation_user_created", "membership_granted", "membership_role_changed",
        "membership_revoked",
    ]  # fmt: skip


def test_it_shows_a_refused_password_beside_the_field_and_keeps_the_input(
    login, ngo_admin, ngo_a_org
) -> None:
    response = login(ngo_admin).post(
        reverse("members:create", kwargs={"public_id": ngo_a_org.public_id}),
        {
            "username": "fresh",
            "first_name": "Test",
            "password": "short",
            "role": Role.PARTNER_CASEWORKER,
        },
    )

    assert response.status_code == 400
    assert 'value="Test"' in response.content.decode()
    assert not User.objects.filter(username="fresh").exists()


def test_it_reports_a_role_already_held_without_changing_anything(
    login, ngo_admin, ngo_a, ngo_a_org
) -> None:
    url = reverse(
        "members:grant", kwargs={"public_id": ngo_a_org.public_id, "user_id": ngo_a.public_id}
    )

    response = login(ngo_admin).post(url, {"role": Role.PARTNER_CASEWORKER}, follow=True)

    assert "already holds this role" in response.content.decode()
    assert ngo_a.memberships.count() == 1


def test_the_matrix_covers_every_route_of_the_organisation_pages() -> None:
    names = {name for path, name, _ in url_routes() if path.startswith("organisations/")}

    assert names == {f"members:{action}" for action in ACTIONS} | {"members:list"}


def test_the_list_sends_an_anonymous_visitor_to_log_in() -> None:
    response = Client().get(reverse("members:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_list_shows_only_the_organisations_one_administers(
    login, ngo_admin, ngo_a_org, ngo_b_org, agency
) -> None:
    page = login(ngo_admin).get(reverse("members:list")).content.decode()

    assert str(ngo_a_org.public_id) in page
    assert str(ngo_b_org.public_id) not in page
    assert str(agency.public_id) not in page
