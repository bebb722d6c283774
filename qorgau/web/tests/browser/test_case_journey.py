"""The protection officer's case journey: open an asylum case from the person's page, take
registration → fingerprinting → interview → decision through the step forms (the pre-filled
dates kept and accepted), read the deadlines and how each was computed, and confirm the
decision before it is recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.procedures.models import Case
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.routes import route_to
from qorgau.procedures.services import case_open
from qorgau.procedures.tests.factories import walk
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What each language says on the way: the deadline explanation after registration, the
# confirmation before the decision, the decision on the case page.
WORDS = {
    "en": {
        "explained": "3 calendar days from the date of the event “Registration”",
        "confirm": "You are about to record the decision: Recognised.",
        "decided": "Recognised",
    },
    "ru": {
        "explained": "3 календарных дня с даты события «Регистрация»",
        "confirm": "Вы собираетесь записать решение: Признан.",
        "decided": "Признан",
    },
    "kk": {
        "explained": "«Тіркеу» оқиғасының күнінен",
        "confirm": "Сіз шешімді жазғалы отырсыз: Танылды.",
        "decided": "Танылды",
    },
}


@pytest.fixture
def officer(agency: Organisation) -> User:
    return user_make("officer", agency, Role.PROTECTION_OFFICER)


@pytest.fixture
def person(clerk: User, agency: Organisation, make_person: Any) -> Person:
    return make_person(clerk, agency, given_name="Дана")


def _step(page: Any, transition: str) -> None:
    """Follow the case page's link to a step, and check the form keeps today's date."""
    page.click(f"main a[href$='/step/{transition}/']")
    page.wait_for_url(f"**/step/{transition}/")
    assert page.input_value("#id_occurred_on") == timezone.localdate().isoformat()


def _submit(page: Any) -> None:
    page.click("main form button[type=submit]")


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_an_officer_takes_an_asylum_case_to_a_decision(
    open_page: Any, officer: User, person: Person, language: str
) -> None:
    words = WORDS[language]
    today = timezone.localdate()
    page = open_page(officer, language=language)

    # Open the case from the person's page; the opening date comes pre-filled.
    page.goto(f"/people/{person.public_id}/")
    page.click(f"main a[href='/cases/open/{person.public_id}/']")
    page.wait_for_url("**/cases/open/**")
    assert page.input_value("#id_opened_on") == today.isoformat()
    page.select_option("#id_procedure", "asylum")
    _submit(page)
    page.wait_for_url("**/cases/*/")
    case = Case.objects.get()
    assert case.person == person

    # Registration: the dates of arrival and application, the certificate's number.
    _step(page, "register")
    assert axe_serious(page) == []
    page.fill("#id_arrival_date", (today - dt.timedelta(days=2)).isoformat())
    page.fill("#id_application_date", (today - dt.timedelta(days=1)).isoformat())
    page.fill("#id_document_asylum_seeker_certificate", "AS-7001")
    _submit(page)
    page.wait_for_url(f"**/cases/{case.public_id}/")

    # The case page explains each deadline in the page's language.
    deadlines = page.locator("main table").first.inner_text()
    assert words["explained"] in deadlines
    assert "application_days" not in page.inner_text("main")
    assert axe_serious(page) == []

    _step(page, "fingerprint")
    _submit(page)
    page.wait_for_url(f"**/cases/{case.public_id}/")

    _step(page, "interview")
    page.fill("#id_interviewer", "Officer on duty")
    page.fill("#id_interpreter_language", "Dari")
    _submit(page)
    page.wait_for_url(f"**/cases/{case.public_id}/")

    # The decision: asked for confirmation first, recorded only once confirmed.
    _step(page, "recognise")
    page.check("input[name=grounds][value=convention_1951_religion]")
    page.fill("#id_reasons", "Credible account of persecution for religious practice.")
    assert axe_serious(page) == []
    _submit(page)
    page.get_by_text(words["confirm"]).wait_for()
    assert axe_serious(page) == []
    case.refresh_from_db()
    assert case.stage == "interviewed"
    page.click("main button[name=confirm]")
    page.wait_for_url(f"**/cases/{case.public_id}/")

    case.refresh_from_db()
    assert (case.stage, case.decision, case.decided_on) == ("decided", "recognised", today)
    assert words["decided"] in page.inner_text("main dl")
    assert axe_serious(page) == []


def test_the_decision_is_confirmed_on_a_phone(
    open_page: Any, officer: User, agency: Organisation, person: Person
) -> None:
    """The same pages at 375 px, in Russian: nothing wider than the screen."""
    today = timezone.localdate()
    case = case_open(
        actor=officer,
        organisation=agency,
        procedure="asylum",
        person=person,
        opened_on=today - dt.timedelta(days=5),
    )
    walk(
        case,
        officer,
        route_to(procedure_for("KAZ", "asylum"), "interviewed"),
        start=today - dt.timedelta(days=4),
    )
    page = open_page(officer, language="ru", viewport=PHONE)

    page.goto(f"/cases/{case.public_id}/")
    assert not scrolls_sideways(page)
    _step(page, "reject")
    page.check("input[name=grounds][value=credibility]")
    page.fill("#id_reasons", "Противоречивые показания.")
    assert not scrolls_sideways(page)
    _submit(page)
    page.get_by_text("Вы собираетесь записать решение: Отказано.").wait_for()
    assert not scrolls_sideways(page)
    page.click("main button[name=confirm]")
    page.wait_for_url(f"**/cases/{case.public_id}/")
    assert not scrolls_sideways(page)

    case.refresh_from_db()
    assert case.decision == "rejected"
