"""Who must sign in with a second factor: agency office and government staff, administrators."""

from __future__ import annotations

import pytest

from qorgau.organisations.models import User
from qorgau.twofactor.policy import two_factor_required

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["clerk", "stats", "liaison", "gov_clerk", "ngo_a_admin"])
def test_it_requires_it_of_agency_government_staff_and_administrators(request, persona):
    assert two_factor_required(request.getfixturevalue(persona)) is True


def test_it_leaves_it_optional_for_a_partner_caseworker(ngo_a):
    assert two_factor_required(ngo_a) is False


@pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
def test_it_requires_it_of_django_staff_and_superusers(flag):
    user = User.objects.create(username="someone", **{flag: True})

    assert two_factor_required(user) is True


def test_it_requires_nothing_when_the_setting_is_off(settings, clerk):
    settings.TWO_FACTOR_REQUIRED = False

    assert two_factor_required(clerk) is False
