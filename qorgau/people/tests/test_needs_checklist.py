"""Specific needs are ticked in a checklist grouped by category; an edit keeps every need held."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.people.tests.test_web_forms import REGISTER, _members, _principal

pytestmark = pytest.mark.django_db


def test_it_groups_the_needs_by_category(clerk: User, login: Callable[..., Any]) -> None:
    page = login(clerk).get(REGISTER).content.decode()

    assert 'type="checkbox" name="principal-needs" value="DS-BD"' in page
    assert "<label>Disability</label>" in page
    assert 'value="DS"' not in page  # a category is not a need of its own


def test_it_registers_the_needs_ticked(clerk: User, login: Callable[..., Any]) -> None:
    data = {**_principal(needs=["DS-BD", "CR-AF"]), **_members(), "checked_matches": "1"}

    assert login(clerk).post(REGISTER, data).status_code == 302
    person = Person.objects.get()
    assert sorted(n.need.code for n in person.needs.select_related("need")) == ["CR-AF", "DS-BD"]


def test_an_edit_keeps_a_category_code_the_record_holds(
    clerk: User, agency: Organisation, login: Callable[..., Any], make_person: Any
) -> None:
    person = make_person(clerk, agency, needs=["DS", "CR-AF"])

    page = login(clerk).get(f"/people/{person.public_id}/edit/").content.decode()

    assert re.search(r'<input[^>]*value="DS"[^>]*checked', page)
    assert re.search(r'<input[^>]*value="CR-AF"[^>]*checked', page)
