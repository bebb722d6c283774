"""Organisations are named in the interface's language where a name is recorded."""

from __future__ import annotations

import pytest
from django.utils import translation

from qorgau.organisations.models import Organisation
from qorgau.population.organisations import LOCAL_NAMES, ORGANISATIONS, organisations_seed

pytestmark = pytest.mark.django_db


def test_it_names_an_organisation_in_each_language() -> None:
    organisation = organisations_seed()["kibhr"]

    with translation.override("ru"):
        assert str(organisation).startswith("Казахстанское международное бюро")
    with translation.override("kk"):
        assert "Қазақстан халықаралық бюросы" in str(organisation)
    with translation.override("en"):
        assert str(organisation).startswith("Kazakhstan International Bureau")


def test_every_seeded_organisation_has_kazakh_and_russian_names() -> None:
    assert {seed.code for seed in ORGANISATIONS} == set(LOCAL_NAMES)
    assert all(kk and ru for kk, ru in LOCAL_NAMES.values())


def test_an_organisation_without_a_local_name_keeps_its_name() -> None:
    organisation = Organisation(name="NGO C")

    with translation.override("kk"):
        assert str(organisation) == "NGO C"
