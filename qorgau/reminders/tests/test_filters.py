"""The reminders page filters by kind, by due date (overdue, due within seven days) and by state
(open, done), links each reminder to what it is about, and keeps its filters after a mark."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.procedures.tests.factories import all_roles_user
from qorgau.reminders.models import Reminder, ReminderKind
from qorgau.reminders.services import reminder_done, reminders_refresh
from qorgau.reminders.tests.factories import TODAY, asylum_case_registered, holder

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
URL = reverse("reminders:list")
Login = Callable[[User | None], Client]


@pytest.fixture(autouse=True)
def _today() -> Iterator[object]:
    """The pages' today is TODAY."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(
    ngo_a: User, ngo_a_org: Organisation, make_person: Callable[..., Person]
) -> dict[str, Reminder]:
    """NGO A's reminders on TODAY: a certificate expired two days ago, one expiring in five
    days, one in twenty, and an asylum case whose fingerprinting is long overdue (its
    registration's certificate expired too)."""
    people = {name: make_person(ngo_a, ngo_a_org, given_name=name) for name in ("Late", "Soon")}
    later = make_person(ngo_a, ngo_a_org, given_name="Later")
    holder(ngo_a, ngo_a_org, people["Late"], TODAY - 2 * DAY)
    holder(ngo_a, ngo_a_org, people["Soon"], TODAY + 5 * DAY)
    holder(ngo_a, ngo_a_org, later, TODAY + 20 * DAY)
    case = asylum_case_registered(
        all_roles_user("ngo-a-officer", ngo_a_org), ngo_a_org, make_person(ngo_a, ngo_a_org)
    )
    reminders_refresh(today=TODAY)
    documents = Reminder.objects.filter(kind=ReminderKind.DOCUMENT_EXPIRY)
    return {
        "late": documents.get(person=people["Late"]),
        "soon": documents.get(person=people["Soon"]),
        "later": documents.get(person=later),
        "deadline": Reminder.objects.get(kind=ReminderKind.DEADLINE, case=case),
        "case_certificate": documents.get(person=case.person),
    }


def _listed(client: Client, query: str = "") -> list[Reminder]:
    response = client.get(URL + query)
    assert response.status_code == 200
    return [row.reminder for row in response.context["rows"]]


def test_it_lists_every_open_reminder_the_most_overdue_first(world, ngo_a, login) -> None:
    assert _listed(login(ngo_a)) == [
        world["deadline"],
        world["case_certificate"],
        world["late"],
        world["soon"],
        world["later"],
    ]


def test_it_filters_by_kind(world, ngo_a, login) -> None:
    client = login(ngo_a)

    assert _listed(client, "?kind=deadline") == [world["deadline"]]
    assert world["deadline"] not in _listed(client, "?kind=document_expiry")
    assert len(_listed(client, "?kind=document_expiry")) == 4


def test_it_filters_overdue_and_due_soon(world, ngo_a, login) -> None:
    client = login(ngo_a)

    assert _listed(client, "?due=overdue") == [
        world["deadline"],
        world["case_certificate"],
        world["late"],
    ]
    assert _listed(client, "?due=soon") == [world["soon"]]
    assert _listed(client, "?due=overdue&kind=deadline") == [world["deadline"]]


def test_it_lists_the_reminders_done_apart_with_who_marked_them(world, ngo_a, login) -> None:
    reminder_done(actor=ngo_a, reminder=world["soon"])
    client = login(ngo_a)

    assert world["soon"] not in _listed(client)
    response = client.get(URL + "?state=done")
    assert [row.reminder for row in response.context["rows"]] == [world["soon"]]
    assert "done on 2 March 2026 by ngo-a-caseworker" in response.content.decode()
    assert "Mark done" not in response.content.decode()


def test_it_links_a_deadline_to_its_case_and_a_certificate_to_its_person(
    world, ngo_a, login
) -> None:
    html = login(ngo_a).get(URL).content.decode()

    case_url = reverse("procedures:detail", kwargs={"public_id": world["deadline"].case.public_id})
    person_url = reverse("people:detail", kwargs={"public_id": world["late"].person.public_id})
    assert f'<a href="{case_url}">' in html
    assert f'<a href="{person_url}">' in html


def test_it_keeps_the_filters_after_a_mark(world, ngo_a, login) -> None:
    response = login(ngo_a).post(
        reverse("reminders:done", kwargs={"public_id": world["late"].public_id}),
        {"kind": "document_expiry", "due": "overdue", "state": "open"},
    )

    assert response.status_code == 302
    assert response["Location"] == URL + "?kind=document_expiry&due=overdue&state=open"


def test_it_says_what_is_wrong_with_a_filter_and_shows_the_open_reminders(
    world, ngo_a, login
) -> None:
    response = login(ngo_a).get(URL + "?kind=everything", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 200
    assert len(response.context["rows"]) == 5
    assert "Выберите корректный вариант" in response.content.decode()


def test_it_says_when_no_reminder_matches(ngo_a, login) -> None:
    html = login(ngo_a).get(URL + "?due=soon").content.decode()

    assert "No reminders match these filters." in html


@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", ["Просроченные", "Срок в ближайшие 7 дней", "Сбросить фильтры"]),
     ("kk", ["Мерзімі 7 күн ішінде", "Сүзгілерді тазалау"])],
)  # fmt: skip
def test_it_filters_in_the_page_language(world, ngo_a, login, language, words) -> None:
    client = login(ngo_a)
    client.cookies["django_language"] = language

    html = client.get(URL + "?due=overdue").content.decode()

    for word in words:
        assert word in html
    assert "Due within" not in html
    assert "Clear the filters" not in html
