"""The demo's users log in with the demo password, even one made earlier without a password
(``qorgau generate`` makes the protection officer who records the demo funding)."""

from __future__ import annotations

import pytest

from qorgau.organisations.models import User
from qorgau.population.organisations import DEMO_PASSWORD, demo_users_seed, organisations_seed

pytestmark = pytest.mark.django_db


def test_a_user_made_without_a_password_gets_the_demo_password():
    officer = User(username="unhcr-kaz.protection-officer")
    officer.set_unusable_password()
    officer.save()
    changed = User.objects.create(username="unhcr-kaz.registration-clerk")
    changed.set_password("someone-changed-it-Qorgau-1")
    changed.save()

    demo_users_seed(organisations_seed())

    assert User.objects.get(username="unhcr-kaz.protection-officer").check_password(DEMO_PASSWORD)
    # A password someone set stays theirs.
    clerk = User.objects.get(username="unhcr-kaz.registration-clerk")
    assert clerk.check_password("someone-changed-it-Qorgau-1")
