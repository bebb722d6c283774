"""Enrolment: a secret as a QR code and as text, confirmed by its first code, then ten
single-use recovery codes shown once; new codes from the account page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from qorgau.audit.models import SecurityEvent
from qorgau.twofactor import errors
from qorgau.twofactor.digests import recovery_code_digest
from qorgau.twofactor.services import (
    CODE_REFUSED,
    CODES_RENEWED,
    ENROLLED,
    two_factor_recovery_codes_renew,
)
from qorgau.twofactor.tests.helpers import code_for_key, enrolled, verified_login
from qorgau.twofactor.views import SESSION_KEY

pytestmark = pytest.mark.django_db

ENROL = reverse("twofactor:enrol")


def _codes(page: str) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)


def test_it_shows_the_secret_as_a_qr_code_and_as_text(password_login, clerk):
    client = password_login(clerk)

    page = client.get(ENROL).content.decode()

    key = client.session[SESSION_KEY]
    assert 'src="data:image/svg+xml' in page
    assert "<script" not in page.split("<main>")[1]
    secret = re.search(r'class="secret"><code>([A-Z2-7 ]+)</code>', page)
    assert secret is not None
    assert len(secret.group(1).replace(" ", "")) == 32  # 20 bytes in base32
    assert TOTPDevice.objects.count() == 0  # nothing stored before the first code
    assert client.get(ENROL).content.decode().count(secret.group(1)) == 1
    assert client.session[SESSION_KEY] == key  # the same secret until confirmed


def test_it_confirms_with_the_first_code_and_shows_ten_codes_once(password_login, clerk):
    client = password_login(clerk)
    client.get(ENROL)

    response = client.post(
        ENROL, {"code": code_for_key(client.session[SESSION_KEY]), "next": "/people/"}
    )

    codes = _codes(response.content.decode())
    assert len(set(codes)) == 10
    assert 'href="/people/"' in response.content.decode()
    stored = StaticToken.objects.values_list("token", flat=True)
    assert sorted(stored) == sorted(recovery_code_digest(c) for c in codes)
    assert not set(stored) & set(codes)
    assert TOTPDevice.objects.get(user=clerk).confirmed
    assert SESSION_KEY not in client.session
    assert client.get("/people/").status_code == 200  # this session is verified
    assert _codes(client.get(reverse("twofactor:account")).content.decode()) == []
    event = SecurityEvent.objects.get(event=ENROLLED)
    assert (event.user, event.object_id, event.detail) == (
        clerk,
        clerk.public_id,
        {"recovery_codes": 10},
    )


def test_it_refuses_a_wrong_first_code_and_stores_nothing(password_login, clerk):
    client = password_login(clerk)
    client.get(ENROL)
    right = code_for_key(client.session[SESSION_KEY])

    response = client.post(ENROL, {"code": f"{(int(right) + 5) % 1_000_000:06d}"})

    assert str(errors.CODE_WRONG) in response.content.decode()
    assert TOTPDevice.objects.count() == 0
    assert StaticToken.objects.count() == 0
    assert SecurityEvent.objects.get(event=CODE_REFUSED).detail == {
        "stage": "enrol",
        "method": "totp",
        "reason": "wrong",
    }


def test_it_refuses_an_empty_code_with_a_message(password_login, clerk):
    client = password_login(clerk)

    response = client.post(ENROL, {"code": ""})

    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert TOTPDevice.objects.count() == 0


def test_an_enrolled_user_is_sent_on_from_enrolment(login, clerk):
    enrolled(clerk)
    client = login(clerk)

    assert client.get(ENROL)["Location"] == reverse("twofactor:account")


def test_an_optional_user_enrols_from_the_account_page(login, ngo_a):
    client = login(None)
    client.force_login(ngo_a, backend="django.contrib.auth.backends.ModelBackend")

    account = client.get(reverse("twofactor:account")).content.decode()

    assert f"{ENROL}?next=" in account
    client.get(ENROL)
    response = client.post(ENROL, {"code": code_for_key(client.session[SESSION_KEY])})
    assert len(_codes(response.content.decode())) == 10


def test_it_renews_the_recovery_codes_and_the_old_ones_stop_working(login, clerk):
    _, old = enrolled(clerk)
    client = login(clerk)

    response = client.post(reverse("twofactor:codes"))

    new = _codes(response.content.decode())
    assert len(new) == 10
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert stored == {recovery_code_digest(c) for c in new}
    assert not set(old) & set(new)
    assert SecurityEvent.objects.filter(event=CODES_RENEWED, user=clerk).count() == 1


def test_it_renews_no_codes_for_a_user_without_two_factor(ngo_a):
    with pytest.raises(Exception, match=str(errors.NOT_ENROLLED)):
        two_factor_recovery_codes_renew(actor=ngo_a)


def test_the_account_page_counts_the_codes_left(login, clerk):
    enrolled(clerk)
    client = login(clerk)
    verified_login(client, clerk)

    page = client.get(reverse("twofactor:account")).content.decode()

    assert "10 unused recovery codes" in page
