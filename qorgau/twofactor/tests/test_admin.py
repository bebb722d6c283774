"""The Django admin asks for a verified device too, through the site's own two steps."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qorgau.organisations.models import User
from qorgau.twofactor.tests.helpers import authenticator_for, verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    return User.objects.create(username="admin", is_staff=True, is_superuser=True)


def test_a_verified_superuser_opens_the_admin(client, staff):
    verified_login(client, staff)

    assert client.get("/admin/").status_code == 200


def test_an_unverified_superuser_is_sent_to_the_code_step_even_when_not_required(
    settings, client, staff
):
    settings.TWO_FACTOR_REQUIRED = False
    authenticator_for(staff)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("twofactor:verify"))


def test_an_unverified_superuser_without_a_device_is_sent_to_enrolment(settings, client, staff):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")

    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("twofactor:enrol"))


def test_an_anonymous_visitor_of_the_admin_is_sent_to_the_sites_log_in(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("login"))


def test_the_admin_shows_no_device_and_no_secret_key(client, staff):
    verified_login(client, staff)

    index = client.get("/admin/").content.decode()

    assert "totpdevice" not in index.lower()
    assert "staticdevice" not in index.lower()
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
