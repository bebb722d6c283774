"""Reminders in the browser: filter them, follow one to what it is about, mark one done."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import Person
from qorgau.reminders.models import Reminder
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import holder
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORDS = {
    "en": {"filter": "Filter", "none": "No reminders match these filters.", "done": "done on"},
    "ru": {
        "filter": "Применить",
        "none": "Нет напоминаний, подходящих под эти фильтры.",
        "done": "выполнено",
    },
}


@pytest.fixture
def people(clerk: User, agency: Organisation, make_person: Any) -> dict[str, Person]:
    """Two asylum-seekers registered by the agency: one certificate expired two days ago, the
    other expires in three weeks."""
    today = timezone.localdate()
    late = make_person(clerk, agency, given_name="Арман")
    later = make_person(clerk, agency, given_name="Гүлнар")
    holder(clerk, agency, late, today - dt.timedelta(days=2))
    holder(clerk, agency, later, today + dt.timedelta(days=21))
    reminders_refresh(today=today)
    return {"late": late, "later": later}


def _rows(page: Any) -> int:
    return page.locator("main table tbody tr").count()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_it_filters_the_reminders_and_marks_one_done(
    open_page: Any, clerk: User, people: dict[str, Person], language: str
) -> None:
    words = WORDS[language]
    page = open_page(clerk, language=language)

    page.goto("/reminders/")
    assert _rows(page) == 2
    assert axe_serious(page) == []

    page.select_option("#id_due", "overdue")
    page.click(f"main form button:has-text('{words['filter']}')")
    page.wait_for_url("**/reminders/?*due=overdue*")
    assert _rows(page) == 1
    assert people["late"].registration_number in page.inner_text("main table")
    assert axe_serious(page) == []

    page.click("main table button[type=submit]")
    page.wait_for_url("**/reminders/?*due=overdue*")
    page.get_by_text(words["none"]).wait_for()
    assert Reminder.objects.get(person=people["late"]).done_by == clerk

    page.select_option("#id_due", "")
    page.select_option("#id_state", "done")
    page.click(f"main form button:has-text('{words['filter']}')")
    page.wait_for_url("**/reminders/?*state=done*")
    assert _rows(page) == 1
    assert words["done"] in page.inner_text("main table")
    assert axe_serious(page) == []


def test_a_reminder_leads_to_the_person_it_is_about_on_a_phone(
    open_page: Any, clerk: User, people: dict[str, Person]
) -> None:
    page = open_page(clerk, language="ru", viewport=PHONE)

    page.goto("/reminders/?kind=document_expiry")
    assert not scrolls_sideways(page)
    page.click(f"main table a[href='/people/{people['later'].public_id}/']")
    page.wait_for_url(f"**/people/{people['later'].public_id}/")
    assert people["later"].registration_number in page.inner_text("main")
