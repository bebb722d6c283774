"""Password rules (issue 14, ASVS V6.2): at least 12 characters, not a common password, not
like the user's own name; the admin refuses a weak one too, and the demo password passes."""

from __future__ import annotations

import pytest
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import User
from qorgau.population.organisations import DEMO_PASSWORD
from qorgau.twofactor.tests.helpers import verified_login


@pytest.mark.parametrize(
    "weak",
    ["qorgau-demo", "qorgaudemo", "short-pass1", "password1234", "123456789012"],
)
def test_it_refuses_a_weak_password(clerk: User, weak: str) -> None:
    with pytest.raises(ValidationError):
        validate_password(weak, clerk)


def test_it_refuses_a_password_like_the_users_name() -> None:
    user = User(username="registration-clerk-almaty")

    with pytest.raises(ValidationError, match="too similar"):
        validate_password("registration-clerk-almaty1", user)


def test_the_demo_password_passes_the_rules(clerk: User) -> None:
    validate_password(DEMO_PASSWORD, clerk)


def test_the_admin_refuses_a_weak_password(clerk: User) -> None:
    form = AdminPasswordChangeForm(clerk, {"password1": "qorgau-demo", "password2": "qorgau-demo"})

    assert not form.is_valid()
    assert "password2" in form.errors


def test_the_admin_page_keeps_the_old_password_when_the_new_one_is_weak(clerk: User) -> None:
    clerk.set_password("the-old-synthetic-passphrase")
    clerk.save()
    root = User.objects.create(username="root", is_superuser=True, is_staff=True)
    client = Client()
    verified_login(client, root)

    response = client.post(
        reverse("admin:auth_user_password_change", args=[clerk.pk]),
        {"password1": "qorgaudemo", "password2": "qorgaudemo", "usable_password": "true"},
    )

    assert response.status_code == 200
    clerk.refresh_from_db()
    assert clerk.check_password("the-old-synthetic-passphrase")
