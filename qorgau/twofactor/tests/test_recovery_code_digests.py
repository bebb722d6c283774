"""Recovery codes are stored only as keyed digests (ADR 0039): shown once, each works once, the
database holds none in clear, a digest typed as a code is refused, codes made before a rotation
of SECRET_KEY work while the old key is a fallback, and the migration hashes codes kept in clear
before it."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from qorgau.twofactor import errors
from qorgau.twofactor.digests import recovery_code_digest
from qorgau.twofactor.selectors import RECOVERY_DEVICE
from qorgau.twofactor.tests.helpers import enrolled

pytestmark = pytest.mark.django_db

VERIFY = reverse("twofactor:verify")
MIGRATION = importlib.import_module("qorgau.twofactor.migrations.0001_recovery_code_digests")


def _every_stored_text() -> str:
    """Every text column of the static tokens, as the database returns it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {StaticToken._meta.db_table}")  # noqa: S608
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def test_it_keeps_no_recovery_code_in_clear(clerk):
    _, codes = enrolled(clerk)

    stored = _every_stored_text()

    assert StaticToken.objects.count() == 10
    for code in codes:
        assert code not in stored
        assert code.upper() not in stored


def test_a_code_works_once_and_the_others_still_work(password_login, clerk):
    _, codes = enrolled(clerk)

    assert password_login(clerk).post(VERIFY, {"code": codes[3]}).status_code == 302
    assert password_login(clerk).post(VERIFY, {"code": codes[4]}).status_code == 302
    again = password_login(clerk).post(VERIFY, {"code": codes[3]})

    assert str(errors.RECOVERY_CODE_WRONG) in again.content.decode()
    assert StaticToken.objects.count() == 8


def test_a_stored_digest_typed_as_a_code_is_refused(password_login, clerk):
    enrolled(clerk)
    digest = StaticToken.objects.values_list("token", flat=True).first()

    response = password_login(clerk).post(VERIFY, {"code": digest})

    assert str(errors.RECOVERY_CODE_WRONG) in response.content.decode()
    assert StaticToken.objects.count() == 10


def test_codes_made_before_a_key_rotation_work_while_the_old_key_is_a_fallback(
    password_login, clerk, settings
):
    _, codes = enrolled(clerk)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    settings.SECRET_KEY_FALLBACKS = [old]

    assert password_login(clerk).post(VERIFY, {"code": codes[0]}).status_code == 302

    settings.SECRET_KEY_FALLBACKS = []
    refused = password_login(clerk).post(VERIFY, {"code": codes[1]})
    assert str(errors.RECOVERY_CODE_WRONG) in refused.content.decode()


def test_the_migration_hashes_codes_kept_in_clear_and_leaves_digests(clerk):
    device = StaticDevice.objects.create(user=clerk, name=RECOVERY_DEVICE, confirmed=True)
    clear = StaticToken.objects.create(device=device, token="abcd2345")
    hashed = StaticToken.objects.create(device=device, token=recovery_code_digest("efgh6723"))

    MIGRATION.codes_to_digests(apps, None)
    MIGRATION.codes_to_digests(apps, None)  # a second run changes nothing

    clear.refresh_from_db()
    hashed.refresh_from_db()
    assert clear.token == recovery_code_digest("abcd2345")
    assert hashed.token == recovery_code_digest("efgh6723")
    assert "abcd2345" not in _every_stored_text()


def test_a_code_kept_in_clear_before_the_migration_works_after_it(password_login, clerk):
    enrolled(clerk)
    device = StaticDevice.objects.get(user=clerk)
    StaticToken.objects.create(device=device, token="mnop2345")

    MIGRATION.codes_to_digests(apps, None)

    assert password_login(clerk).post(VERIFY, {"code": "MNOP-2345"}).status_code == 302
