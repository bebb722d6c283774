"""Who sees and marks which reminders: the personas of ``qorgau/conftest.py``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.reminders.models import Reminder
from qorgau.reminders.selectors import reminders_for
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import TODAY, holder

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def reminder(ngo_a: User, ngo_a_org: Organisation, person: Person) -> Reminder:
    """NGO A's reminder: the certificate of a person it registered expires in ten days."""
    holder(ngo_a, ngo_a_org, person, TODAY + 10 * DAY)
    reminders_refresh(today=TODAY)
    return Reminder.objects.get()


def test_it_shows_the_reminder_to_its_organisation(reminder: Reminder, ngo_a: User) -> None:
    assert list(reminders_for(ngo_a)) == [reminder]


def test_it_shows_the_reminder_to_the_agency_office_of_its_country(
    reminder: Reminder, clerk: User, agency_kgz: Organisation
) -> None:
    kgz_clerk = user_make("kgz-clerk", agency_kgz, Role.REGISTRATION_CLERK)

    assert list(reminders_for(clerk)) == [reminder]
    assert list(reminders_for(kgz_clerk)) == []


@pytest.mark.parametrize("persona", ["ngo_b", "liaison", "stats"])
def test_it_hides_the_reminder_from_other_organisations(
    reminder: Reminder, persona: str, request: pytest.FixtureRequest
) -> None:
    assert list(reminders_for(request.getfixturevalue(persona))) == []


def test_it_hides_the_reminder_from_the_recipient_of_a_share(
    reminder: Reminder, ngo_a_org: Organisation, ngo_b_org: Organisation, ngo_b: User
) -> None:
    """A share lets NGO B see the person, not take over NGO A's tasks."""
    sharer = user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR)
    share_grant_agreed(
        actor=sharer,
        recipient=ngo_b_org,
        agreement="DTA-1",
        purpose="Legal aid",
        expires_on=dt.date.today() + 30 * DAY,
        person=reminder.person,
    )

    assert list(reminders_for(ngo_b)) == []


def test_it_lists_no_reminder_done_or_closed(reminder: Reminder, ngo_a: User) -> None:
    Reminder.objects.filter(pk=reminder.pk).update(closed_at=reminder.created_at)

    assert list(reminders_for(ngo_a)) == []


def _done_url(reminder: Reminder) -> str:
    return reverse("reminders:done", kwargs={"public_id": reminder.public_id})


def test_it_lets_the_organisation_mark_its_reminder_done(reminder, ngo_a, login) -> None:
    response = login(ngo_a).post(_done_url(reminder))

    assert response.status_code == 302
    assert response["Location"] == reverse("reminders:list")
    reminder.refresh_from_db()
    assert (reminder.done_by, reminder.is_open) == (ngo_a, False)


@pytest.mark.parametrize("persona", ["ngo_b", "liaison"])
def test_it_validates_ownership_when_marking_done(
    reminder: Reminder, persona: str, request: pytest.FixtureRequest, login
) -> None:
    """Another organisation gets the 404 of a missing one (the agency office of the country
    may mark it: ``test_marking.py``)."""
    response = login(request.getfixturevalue(persona)).post(_done_url(reminder))

    assert response.status_code == 404
    reminder.refresh_from_db()
    assert reminder.done_at is None


def test_it_answers_404_for_a_reminder_that_does_not_exist(ngo_a, login) -> None:
    url = reverse("reminders:done", kwargs={"public_id": "not-a-uuid"})

    assert login(ngo_a).post(url).status_code == 404
