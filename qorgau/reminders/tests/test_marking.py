"""Who marks a reminder done, by the page and by the service: whoever may act on it (the
responsible organisation's users who may change its records, and the agency office of the
country), never a view-only role, a share's recipient, an organisation following the case,
another organisation or an anonymous visitor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.procedures.models import Case
from qorgau.procedures.services import case_access_grant
from qorgau.procedures.tests.factories import all_roles_user
from qorgau.reminders import errors
from qorgau.reminders.models import Reminder, ReminderKind
from qorgau.reminders.services import reminder_done, reminders_refresh
from qorgau.reminders.tests.factories import TODAY, asylum_case_registered

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
Login = Callable[[User | None], Client]


@pytest.fixture
def ngo_a_officer(ngo_a_org: Organisation) -> User:
    return all_roles_user("ngo-a-officer", ngo_a_org)


@pytest.fixture
def case(ngo_a_officer: User, ngo_a_org: Organisation, person: Person) -> Case:
    """NGO A's asylum case of the person it registered, its fingerprinting overdue."""
    return asylum_case_registered(ngo_a_officer, ngo_a_org, person)


@pytest.fixture
def reminders(case: Case) -> dict[str, Reminder]:
    """NGO A's two reminders: the asylum-seeker certificate its registration issued has
    expired, and the case's fingerprinting is overdue."""
    reminders_refresh(today=TODAY)
    return {
        "document": Reminder.objects.get(kind=ReminderKind.DOCUMENT_EXPIRY),
        "deadline": Reminder.objects.get(kind=ReminderKind.DEADLINE),
    }


@pytest.fixture
def agency_follower(agency: Organisation) -> User:
    """A view-only role in the agency office: it sees the country's reminders, acts on none."""
    return user_make("agency-liaison", agency, Role.GOVERNMENT_LIAISON)


@pytest.fixture
def kgz_clerk(agency_kgz: Organisation) -> User:
    return user_make("kgz-clerk", agency_kgz, Role.REGISTRATION_CLERK)


@pytest.fixture
def share_recipient(
    ngo_a_org: Organisation, ngo_b_org: Organisation, ngo_b: User, person: Person
) -> User:
    """NGO B, to which NGO A shared the person (view only)."""
    share_grant_agreed(
        actor=user_make("ngo-a-admin", ngo_a_org, Role.ADMINISTRATOR),
        recipient=ngo_b_org,
        agreement="DTA-1",
        purpose="Legal aid",
        expires_on=dt.date.today() + 30 * DAY,
        person=person,
    )
    return ngo_b


@pytest.fixture
def case_follower(case: Case, ngo_a_officer: User, government: Organisation) -> User:
    """An officer of an organisation that follows NGO A's case without working on it."""
    case_access_grant(
        actor=ngo_a_officer, case=case, organisation=government, can_act=False, purpose="Follow"
    )
    return user_make("gov-officer", government, Role.PROTECTION_OFFICER)


def _url(reminder: Reminder) -> str:
    return reverse("reminders:done", kwargs={"public_id": reminder.public_id})


@pytest.mark.parametrize("kind", ["document", "deadline"])
@pytest.mark.parametrize("persona", ["ngo_a", "ngo_a_officer", "clerk"])
def test_it_lets_those_who_may_act_mark_it_done(
    reminders: dict[str, Reminder],
    kind: str,
    persona: str,
    request: pytest.FixtureRequest,
    login: Login,
) -> None:
    user = request.getfixturevalue(persona)

    response = login(user).post(_url(reminders[kind]))

    assert response.status_code == 302
    reminder = Reminder.objects.get(pk=reminders[kind].pk)
    assert (reminder.done_by, reminder.is_open) == (user, False)


@pytest.mark.parametrize("kind", ["document", "deadline"])
@pytest.mark.parametrize(
    "persona",
    ["ngo_b", "liaison", "kgz_clerk", "agency_follower", "share_recipient", "case_follower"],
)
def test_it_refuses_everyone_else_by_the_page(
    reminders: dict[str, Reminder],
    kind: str,
    persona: str,
    request: pytest.FixtureRequest,
    login: Login,
) -> None:
    response = login(request.getfixturevalue(persona)).post(_url(reminders[kind]))

    assert response.status_code == 404
    assert Reminder.objects.get(pk=reminders[kind].pk).done_at is None


@pytest.mark.parametrize("kind", ["document", "deadline"])
@pytest.mark.parametrize(
    "persona",
    [
        "ngo_b",
        "liaison",
        "kgz_clerk",
        "agency_follower",
        "share_recipient",
        "case_follower",
        "stats",
    ],
)
def test_it_refuses_everyone_else_in_the_service(
    reminders: dict[str, Reminder], kind: str, persona: str, request: pytest.FixtureRequest
) -> None:
    with pytest.raises(PermissionDenied, match=str(errors.NOT_YOURS_TO_MARK)):
        reminder_done(actor=request.getfixturevalue(persona), reminder=reminders[kind])

    assert Reminder.objects.get(pk=reminders[kind].pk).done_at is None


def test_it_refuses_a_user_who_may_see_no_person(
    reminders: dict[str, Reminder], stats: User, login: Login
) -> None:
    assert login(stats).post(_url(reminders["deadline"])).status_code == 403
    assert Reminder.objects.get(pk=reminders["deadline"].pk).done_at is None


@pytest.mark.parametrize("kind", ["document", "deadline"])
def test_it_sends_an_anonymous_visitor_to_log_in(reminders: dict[str, Reminder], kind: str) -> None:
    response = Client().post(_url(reminders[kind]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Reminder.objects.get(pk=reminders[kind].pk).done_at is None


@time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False)
def test_it_shows_the_button_only_to_those_who_may_act(
    reminders: dict[str, Reminder],
    clerk: User,
    agency_follower: User,
    case_follower: User,
    login: Login,
) -> None:
    by_clerk = login(clerk).get(reverse("reminders:list"))
    by_follower = login(agency_follower).get(reverse("reminders:list"))

    assert {row.can_mark for row in by_clerk.context["rows"]} == {True}
    assert len(by_follower.context["rows"]) == 2
    assert {row.can_mark for row in by_follower.context["rows"]} == {False}
    assert "Mark done" not in by_follower.content.decode()
    # An organisation following the case sees none of its reminders.
    assert login(case_follower).get(reverse("reminders:list")).context["rows"] == []
