"""The public pages' fixed strings exist in every language of the site."""

from __future__ import annotations

import pytest

from qorgau.help.chrome import GETTEXT, OWN, chrome
from qorgau.help.languages import HelpLanguage


@pytest.mark.parametrize("language", sorted(OWN))
def test_dari_and_ukrainian_have_every_string(language):
    assert set(OWN[language]) == set(GETTEXT)
    assert all(text.strip() for text in OWN[language].values())


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_gettext_languages_are_translated(language):
    english = chrome("en")

    translated = chrome(language)

    assert set(translated) == set(GETTEXT)
    assert [key for key in GETTEXT if translated[key] == english[key]] == []


def test_every_language_of_the_site_has_its_strings():
    assert {language: len(chrome(language)) for language in HelpLanguage.values} == dict.fromkeys(
        HelpLanguage.values, len(GETTEXT)
    )
