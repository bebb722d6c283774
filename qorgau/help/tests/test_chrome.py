"""The public pages' fixed strings exist in every language of the site."""

from __future__ import annotations

import pytest

from qorgau.help.chrome import FORM_OWN, GETTEXT, OWN, chrome
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


def test_the_public_side_keeps_its_fa_and_uk_strings_in_one_place():
    """The page frame's and the inquiry form's Dari and Ukrainian live side by side here, in
    the same languages (the form's keys are checked against its gettext constants in
    ``hotline/tests/test_public_form.py``)."""
    assert set(FORM_OWN) == set(OWN) == {"fa", "uk"}
    assert set(FORM_OWN["fa"]) == set(FORM_OWN["uk"])
    assert all(text.strip() for strings in FORM_OWN.values() for text in strings.values())
