"""No English left on a Kazakh or Russian page: every page of the journeys is rendered in kk and
ru, and every translation looked up during the render must have found a translation.

The look-ups are recorded by wrapping Django's gettext family (what ``{% translate %}``,
``{% blocktranslate %}``, lazy model labels and Django's own forms all call); a look-up whose result
is its msgid while kk or ru is active had no translation, in our catalogue or in Django's. Django
strings missing from Django's catalogues go into ours (``web/django_strings.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from qorgau.organisations.models import Organisation, User
from qorgau.twofactor.tests.helpers import verified_login
from qorgau.web.tests.journeys import journey_pages

pytestmark = pytest.mark.django_db

TRANSLATED = ("kk", "ru")
# Msgids whose translation is the msgid itself in kk and ru (names, codes, symbols).
SAME_IN_EVERY_LANGUAGE = frozenset({"Qorgau", "JSON", "CSV (HXL)", "XLSX (HXL)", "UNHCR"})

Lookup = tuple[str, str | None, str]  # language, context, msgid


def _wrap(name: str, missing: set[Lookup]) -> Callable[..., str]:
    real = getattr(trans_real, name)

    def looked_up(*args: Any) -> str:
        result = real(*args)
        language = translation.get_language() or ""
        if language[:2] not in TRANSLATED:
            return result
        context = args[0] if name in ("pgettext", "npgettext") else None
        ids = args[1:] if context is not None else args
        forms = 2 if name in ("ngettext", "npgettext") else 1
        msgids = [str(i) for i in ids[:forms]]
        if (
            str(result) in msgids
            and re.search("[A-Za-z]", msgids[0])  # source text; a translated value passed
            # again (Django's get_available_languages does so) is no look-up
            and msgids[0] not in SAME_IN_EVERY_LANGUAGE
        ):
            missing.add((language[:2], context, msgids[0]))
        return result

    return looked_up


@pytest.fixture
def untranslated(monkeypatch: pytest.MonkeyPatch) -> set[Lookup]:
    missing: set[Lookup] = set()
    trans = translation._trans  # the object every gettext function of Django calls through
    for name in ("gettext", "ngettext", "pgettext", "npgettext"):
        monkeypatch.setattr(trans, name, _wrap(name, missing), raising=False)
    return missing


def test_every_page_of_the_journeys_is_translated_in_kazakh_and_russian(
    clerk: User,
    agency: Organisation,
    ngo_a_org: Organisation,
    stats: User,
    untranslated: set[Lookup],
) -> None:
    pages = journey_pages(clerk=clerk, agency=agency, ngo_a_org=ngo_a_org, stats=stats)
    untranslated.clear()  # look-ups made while building the data are not pages
    wrong_status = []
    for language in TRANSLATED:
        for page in pages:
            client = Client()
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            if page.user is not None:
                verified_login(client, page.user)
            response = client.get(page.url)
            if response.status_code != page.status:
                wrong_status.append((language, page.name, response.status_code))
            assert f'lang="{language}"' in response.content.decode()

    assert not wrong_status
    assert not sorted(untranslated, key=str), (
        "looked up without a translation (translate them in qorgau/locale, or list Django's in "
        f"web/django_strings.py): {sorted(untranslated, key=str)}"
    )
