"""Every account and two-factor route for every persona, with a session that has given its
second factor (the ``login`` fixture), and anonymous: who gets what."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.organisations.tests.personas import ANONYMOUS, PERSONAS, personas_make, url_routes
from qorgau.twofactor.tests.helpers import enrolled
from qorgau.web.tests.headers import assert_protective_headers

pytestmark = pytest.mark.django_db

LOGIN = "login"


class Route(NamedTuple):
    name: str
    method: str
    # persona → status; a persona missing here gets ``default``
    default: int | str
    expected: dict[str, int | str]


_ANONYMOUS = {ANONYMOUS: LOGIN}
ROUTES = [
    Route("twofactor:account", "GET", 200, _ANONYMOUS),
    Route("twofactor:verify", "GET", 302, _ANONYMOUS),  # verified already: sent on
    Route("twofactor:enrol", "GET", 302, _ANONYMOUS),  # set up already: to the account page
    Route("twofactor:codes", "POST", 200, _ANONYMOUS),
    Route("twofactor:members", "GET", 403, _ANONYMOUS),  # no persona manages an organisation
    Route("twofactor:reset", "POST", 403, _ANONYMOUS),
]


@pytest.fixture
def world():
    _, users = personas_make()
    target = users["ngo_a"]
    assert target is not None
    enrolled(target)
    return users, target


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.name}")
def test_it_answers_each_persona_as_stated(world, login, route, persona):
    users, target = world
    devices = TOTPDevice.objects.filter(user=target).count()
    kwargs = {"public_id": target.public_id} if route.name == "twofactor:reset" else {}
    client = login(users[persona])

    response = getattr(client, route.method.lower())(reverse(route.name, kwargs=kwargs))
    assert_protective_headers(response, persona=persona, case=f"{route.method} {route.name}")

    expected = route.expected.get(persona, route.default)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
    assert TOTPDevice.objects.filter(user=target).count() == devices


def test_it_covers_every_account_route():
    covered = {r.name for r in ROUTES}
    names = {name for path, name, _ in url_routes() if path.startswith("account/")}
    # The password page is under account/ too; its tests: web/tests/test_password_change.py.
    names.discard("password-change")

    assert names == covered
