"""A view-only role never marks a reminder done, even as a member of the responsible
organisation, and even while it may change records in another organisation (issue 14: a
government liaison could mark reminders done; ADR 0024: marking is for the responsible
organisation's users who may change records)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.procedures.tests.factories import all_roles_user
from qorgau.reminders.models import Reminder
from qorgau.reminders.services import reminder_done, reminders_refresh
from qorgau.reminders.tests.factories import TODAY, asylum_case_registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminders(ngo_a_org: Organisation, person: Person) -> list[Reminder]:
    asylum_case_registered(all_roles_user("ngo-a-officer", ngo_a_org), ngo_a_org, person)
    reminders_refresh(today=TODAY)
    return list(Reminder.objects.all())


@pytest.fixture
def own_liaison(ngo_a_org: Organisation) -> User:
    """A government liaison seconded to the responsible organisation itself."""
    return user_make("ngo-a-liaison", ngo_a_org, Role.GOVERNMENT_LIAISON)


@pytest.fixture
def liaison_and_clerk_elsewhere(ngo_a_org: Organisation, ngo_b_org: Organisation) -> User:
    """View-only in the responsible organisation, a clerk (change rights) in another."""
    user = user_make("two-hats", ngo_a_org, Role.GOVERNMENT_LIAISON)
    Membership.objects.create(user=user, organisation=ngo_b_org, role=Role.REGISTRATION_CLERK)
    return user


@pytest.mark.parametrize("persona", ["own_liaison", "liaison_and_clerk_elsewhere"])
def test_a_view_only_member_cannot_mark_done_by_the_page(reminders, persona, request, login):
    client = login(request.getfixturevalue(persona))
    assert reminders

    for reminder in reminders:
        url = reverse("reminders:done", kwargs={"public_id": reminder.public_id})
        assert client.post(url).status_code in (403, 404)

    assert not Reminder.objects.filter(done_at__isnull=False).exists()


@pytest.mark.parametrize("persona", ["own_liaison", "liaison_and_clerk_elsewhere"])
def test_a_view_only_member_cannot_mark_done_in_the_service(reminders, persona, request):
    for reminder in reminders:
        with pytest.raises(PermissionDenied):
            reminder_done(actor=request.getfixturevalue(persona), reminder=reminder)

    assert not Reminder.objects.filter(done_at__isnull=False).exists()


def test_the_responsible_organisations_clerk_may_still_mark_done(reminders, ngo_a, login):
    reminder = reminders[0]

    response = login(ngo_a).post(
        reverse("reminders:done", kwargs={"public_id": reminder.public_id})
    )

    assert response.status_code == 302
    assert Reminder.objects.get(pk=reminder.pk).done_by == ngo_a
