"""A refused form opens with a summary of its errors, each linked to its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from qorgau.organisations.models import User
from qorgau.people.models import Person

pytestmark = pytest.mark.django_db


def test_it_lists_the_principal_and_member_errors_at_the_top(
    clerk: User, login: Callable[..., Any]
) -> None:
    client = login(clerk)
    client.cookies["django_language"] = "ru"
    data = {
        "principal-given_name": "",
        "principal-sex": "",
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-0-given_name": "Дана",
    }

    page = client.post("/people/register/", data).content.decode()

    summary = page[page.index('id="error-summary"') : page.index('<form method="post" novalidate>')]
    assert "Форма не сохранена" in summary
    assert 'href="#id_principal-given_name"' in summary
    assert 'href="#id_members-0-sex"' in summary
    assert "Член домохозяйства 1" in summary
    assert Person.objects.count() == 0


def test_a_valid_page_has_no_summary(clerk: User, login: Callable[..., Any]) -> None:
    page = login(clerk).get("/people/register/").content.decode()

    assert "error-summary" not in page
