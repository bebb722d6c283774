"""The second step of sign-in: who is sent where after the password, and what the code step
accepts and refuses."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from qorgau.audit.models import SecurityEvent
from qorgau.twofactor import errors
from qorgau.twofactor.services import CODE_REFUSED, VERIFIED
from qorgau.twofactor.tests.helpers import (
    authenticator_for,
    code_next,
    code_now,
    code_of_step,
    enrolled,
)

pytestmark = pytest.mark.django_db

VERIFY = reverse("twofactor:verify")
ENROL = reverse("twofactor:enrol")


def test_it_sends_a_required_user_without_a_device_to_enrolment(password_login, clerk):
    client = password_login(clerk)

    response = client.get(reverse("people:search"))

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fpeople%2F"


def test_it_sends_a_user_with_a_device_to_the_code_step(password_login, clerk):
    authenticator_for(clerk)
    client = password_login(clerk)

    response = client.get(reverse("people:search"))

    assert response["Location"] == f"{VERIFY}?next=%2Fpeople%2F"


def test_it_lets_the_user_in_after_a_right_code(password_login, clerk):
    device = authenticator_for(clerk)
    client = password_login(clerk)
    key_before = client.session.session_key

    response = client.post(VERIFY, {"code": code_now(device), "next": "/people/"})

    assert response["Location"] == "/people/"
    assert client.get("/people/").status_code == 200
    assert client.session.session_key != key_before  # the session key changes with the step
    event = SecurityEvent.objects.get(event=VERIFIED)
    assert (event.user, event.detail) == (clerk, {"method": "totp"})


def test_it_refuses_a_wrong_code_and_records_it(password_login, clerk):
    device = authenticator_for(clerk)
    client = password_login(clerk)
    wrong = f"{(int(code_now(device)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert str(errors.CODE_WRONG) in response.content.decode()
    assert client.get("/people/").status_code == 302
    event = SecurityEvent.objects.get(event=CODE_REFUSED)
    assert event.detail == {"stage": "sign_in", "method": "totp", "reason": "wrong"}
    assert wrong not in str(event.detail)


def test_it_refuses_a_code_already_used_in_another_session(password_login, clerk):
    device = authenticator_for(clerk)
    code = code_now(device)
    first = password_login(clerk)
    assert first.post(VERIFY, {"code": code})["Location"] == reverse("home")

    second = password_login(clerk)
    response = second.post(VERIFY, {"code": code})

    assert str(errors.CODE_WRONG) in response.content.decode()
    assert second.get("/people/").status_code == 302


def test_it_refuses_the_enrolment_code_again_at_the_code_step(password_login, clerk):
    device, _ = enrolled(clerk)
    client = password_login(clerk)

    device.refresh_from_db()
    response = client.post(VERIFY, {"code": code_of_step(device, device.last_t)})  # enrolment's

    assert str(errors.CODE_WRONG) in response.content.decode()
    assert client.post(VERIFY, {"code": code_next(device)}).status_code == 200  # throttled
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=2)):
        assert client.post(VERIFY, {"code": code_next(device)}).status_code == 302


def test_it_makes_the_next_try_wait_after_a_wrong_code(password_login, clerk):
    device = authenticator_for(clerk)
    client = password_login(clerk)
    client.post(VERIFY, {"code": "000000" if code_now(device) != "000000" else "111111"})

    response = client.post(VERIFY, {"code": code_now(device)})

    assert "Too many wrong codes" in response.content.decode()
    refused = SecurityEvent.objects.filter(event=CODE_REFUSED)
    reasons = list(refused.values_list("detail__reason", flat=True))
    assert sorted(reasons) == ["throttled", "wrong"]


def test_it_accepts_a_recovery_code_once(password_login, clerk):
    _, codes = enrolled(clerk)
    first = password_login(clerk)

    response = first.post(VERIFY, {"code": codes[0].upper()})

    assert response.status_code == 302
    assert "9 are left" in first.get("/people/").content.decode()
    event = SecurityEvent.objects.get(event=VERIFIED)
    assert event.detail == {"method": "recovery", "recovery_codes_left": 9}
    second = password_login(clerk)
    refused = second.post(VERIFY, {"code": codes[0]})
    assert str(errors.RECOVERY_CODE_WRONG) in refused.content.decode()


def test_an_unverified_session_opens_no_person_page(password_login, clerk, agency, make_person):
    person = make_person(clerk, agency)
    authenticator_for(clerk)
    client = password_login(clerk)

    response = client.get(reverse("people:detail", kwargs={"public_id": person.public_id}))

    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert str(person.public_id) not in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/persons/", "/api/v1/cases/", "/admin/"])
def test_an_unverified_session_reaches_neither_the_api_nor_the_admin(password_login, clerk, path):
    clerk.is_staff = True
    clerk.save()
    client = password_login(clerk)

    response = client.get(path)

    if path.startswith("/api/"):
        assert response.status_code == 403
        assert response.json() == {"detail": str(errors.VERIFICATION_NEEDED)}
    else:
        assert response["Location"].startswith(ENROL)


def test_it_leaves_an_optional_user_alone(password_login, ngo_a):
    client = password_login(ngo_a)

    assert client.get(reverse("people:search")).status_code == 200
    assert client.get("/api/v1/persons/").status_code == 200


def test_it_asks_an_optional_user_who_set_it_up_for_the_code(password_login, ngo_a):
    authenticator_for(ngo_a)
    client = password_login(ngo_a)

    assert client.get(reverse("people:search"))["Location"].startswith(VERIFY)


def test_it_asks_a_user_with_a_device_also_when_the_requirement_is_off(
    settings, password_login, clerk
):
    settings.TWO_FACTOR_REQUIRED = False
    no_device = password_login(clerk)
    assert no_device.get(reverse("people:search")).status_code == 200

    authenticator_for(clerk)
    assert password_login(clerk).get(reverse("people:search"))["Location"].startswith(VERIFY)


def test_it_sends_nobody_to_another_site_after_the_code(password_login, clerk):
    device = authenticator_for(clerk)
    client = password_login(clerk)

    response = client.post(VERIFY, {"code": code_now(device), "next": "https://example.org/"})

    assert response["Location"] == reverse("home")


def test_it_lets_an_unverified_session_log_out_and_switch_language(password_login, clerk):
    client = password_login(clerk)

    assert client.post("/i18n/setlang/", {"language": "kk", "next": ENROL}).status_code == 302
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("people:search"))["Location"].startswith(reverse("login"))


def test_it_sends_anonymous_visitors_of_the_steps_to_log_in(client):
    for name in ("verify", "enrol", "account", "members"):
        response = client.get(reverse(f"twofactor:{name}"))
        assert response["Location"].startswith(reverse("login")), name
