"""Pages of figures name what they count: statuses, sexes, regions, organisation types and
countries of origin, in the page's language, never their codes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation

from qorgau.organisations.models import User
from qorgau.people.models import Person
from qorgau.reference.models import Country, Region

pytestmark = pytest.mark.django_db

CODES = ("REF/", ">REF<", "other_or_unknown", "un_agency", "KZ-", ">AFG<", "refugees_and_asylum")


@pytest.fixture
def registry(history: Callable[..., Person]) -> None:
    almaty = Region.objects.filter(code__startswith="KZ-").first()
    history(
        ("REF", dt.date(2020, 1, 1)),
        region=almaty,
        origin_country=Country.objects.get(iso3="AFG"),
    )
    history(("STA", dt.date(2020, 1, 1)), region=almaty)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_it_names_every_code_on_the_dashboard(
    registry: None, stats: User, login: Callable[..., Any], language: str
) -> None:
    client = login(stats)
    client.cookies["django_language"] = language

    response = client.get("/statistics/", {"country": "KAZ", "as_of": "2024-01-01"})

    assert response.status_code == 200
    page = response.content.decode()
    assert '<option value="KAZ" selected>KAZ</option>' not in page
    for code in CODES:
        assert code not in page, code
    with translation.override(language):
        region = Region.objects.filter(code__startswith="KZ-").first()
        assert region is not None
        assert region.name in page
        assert Country.objects.get(iso3="AFG").name in page


def test_it_names_the_origins_on_the_public_page(registry: None, client: Any) -> None:
    client.cookies["django_language"] = "ru"

    page = client.get("/figures/").content.decode()

    assert "— AFG" not in page
    with translation.override("ru"):
        assert f"— {Country.objects.get(iso3='AFG').name}" in page
