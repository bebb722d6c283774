"""The pages a session sees before its second factor, which the journeys' sweep (signed in as
after the code step) never meets: rendered in kk and ru, every look-up translated."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from qorgau.twofactor.tests.helpers import authenticator_for, code_for_key
from qorgau.twofactor.views import SESSION_KEY
from qorgau.web.tests.test_every_page_translated import TRANSLATED, untranslated  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", TRANSLATED)
def test_enrolment_codes_and_refusals_are_translated(
    language,
    password_login,
    clerk,
    ngo_a,
    untranslated,  # noqa: F811
):
    enrolling = password_login(clerk)
    enrolling.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    device = authenticator_for(ngo_a)
    signing_in = password_login(ngo_a)
    signing_in.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    untranslated.clear()

    pages = [
        enrolling.get(reverse("twofactor:enrol")),
        enrolling.post(reverse("twofactor:enrol"), {"code": "12"}),
        signing_in.get(reverse("twofactor:verify")),
        signing_in.post(reverse("twofactor:verify"), {"code": "000000"}),
        signing_in.post(reverse("twofactor:verify"), {"code": "000001"}),  # throttled
        signing_in.post(reverse("twofactor:verify"), {"code": "abcdefgh"}),
        enrolling.post(
            reverse("twofactor:enrol"), {"code": code_for_key(enrolling.session[SESSION_KEY])}
        ),
    ]

    assert [p.status_code for p in pages] == [200] * len(pages)
    assert all(f'lang="{language}"' in p.content.decode() for p in pages)
    assert device.pk
    assert not sorted(untranslated, key=str)
