"""Django's strings that its own kk and ru catalogues lack are translated by Qorgau's."""

import pytest
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation


@pytest.mark.parametrize(("language", "expected"), [("ru", "Выберите"), ("kk", "таңдаңыз")])
def test_it_translates_the_empty_choice(language, expected):
    with translation.override(language):
        assert expected in str(BLANK_CHOICE_LABEL)
