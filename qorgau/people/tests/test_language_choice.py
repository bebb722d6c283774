"""Languages are chosen by name in the interface's language; rare ones typed by English name or
code; an edit keeps a language outside the list."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.tests.test_web_forms import REGISTER, _members, _principal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "name"), [("ru", "дари"), ("kk", "дари тілі"), ("en", "Dari")]
)
def test_it_offers_languages_by_name(
    clerk: User, login: Callable[..., Any], language: str, name: str
) -> None:
    client = login(clerk)
    client.cookies["django_language"] = language

    page = client.get(REGISTER).content.decode()

    assert 'value="prs"' in page
    assert name in page
    assert "ISO 639 codes separated" not in page


def test_it_reads_other_languages_by_english_name_or_code(
    clerk: User, login: Callable[..., Any]
) -> None:
    data = {**_principal(languages=["kaz"], other_languages="Chechen, abk"), **_members()}

    response = login(clerk).post(REGISTER, {**data, "checked_matches": "1"})

    assert response.status_code == 302
    assert sorted(Person.objects.get().languages) == ["abk", "che", "kaz"]


def test_it_refuses_an_unknown_language_and_keeps_the_form(
    clerk: User, login: Callable[..., Any]
) -> None:
    data = {**_principal(other_languages="Elvish of Mirkwood"), **_members()}

    response = login(clerk).post(REGISTER, data)

    assert response.status_code == 200
    assert "Unknown language: Elvish of Mirkwood." in response.content.decode()
    assert Person.objects.count() == 0


def test_an_edit_keeps_a_language_outside_the_list(
    clerk: User, agency: Organisation, login: Callable[..., Any], make_person: Any
) -> None:
    person = make_person(clerk, agency, languages=["kaz", "che"])
    client = login(clerk)

    page = client.get(f"/people/{person.public_id}/edit/").content.decode()

    assert re.search(r'<input[^>]*value="che"[^>]*checked', page)
