"""The reminders page shows a person's name and which document of theirs expires only to a role
that reads the person's identity and documents (issue 14, ADR 0030: need-to-know fields). The
roles that see reminders today read both, so the tests narrow the table to prove the page asks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.people import errors
from qorgau.people.fields import FieldGroup
from qorgau.people.models import Person
from qorgau.people.tests.factories import role_reads_less
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import holder

pytestmark = pytest.mark.django_db

G = FieldGroup


@pytest.fixture
def expiring(
    gov_clerk: User, government: Organisation, make_person: Callable[..., Person]
) -> Person:
    """A person the Migration Service registered, whose certificate expires in twenty days."""
    person = make_person(gov_clerk, government, family_name="Сейтқазиев", given_name="Ерлан")
    holder(gov_clerk, government, person, dt.date.today() + dt.timedelta(days=20))
    reminders_refresh(today=dt.date.today())
    return person


@pytest.mark.parametrize(
    ("hidden", "name_shown", "document_shown"),
    [
        (frozenset(), True, True),
        (frozenset({G.IDENTITY}), False, True),
        (frozenset({G.DOCUMENTS}), True, False),
    ],
    ids=["reads-both", "no-identity", "no-documents"],
)
def test_the_liaison_sees_what_its_role_reads_of_the_person(
    monkeypatch: pytest.MonkeyPatch,
    liaison: User,
    expiring: Person,
    login: Any,
    hidden: frozenset[FieldGroup],
    name_shown: bool,
    document_shown: bool,
) -> None:
    role_reads_less(monkeypatch, Role.GOVERNMENT_LIAISON, hidden)

    response = login(liaison).get(reverse("reminders:list"))

    page = response.content.decode()
    assert response.status_code == 200
    assert expiring.registration_number in page
    assert (expiring.display_name in page) is name_shown
    assert ("Asylum-seeker certificate" in page) is document_shown
    assert (escape(str(errors.FIELD_NOT_SHOWN)) in page) is not (name_shown and document_shown)
