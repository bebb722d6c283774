"""The hotline in the browser: a visitor goes from the help site to its inquiry form (in the
site's frame, Russian, and Dari laid out right to left), posts it for real in Chromium (the
form page's referrer policy lets Chromium send the site's Origin, which Django's CSRF check
needs) and gets a reference number; the desk triages, answers and closes the
ticket on a phone, in English and Kazakh."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from qorgau.hotline.models import State, Ticket
from qorgau.hotline.public_text import public_text
from qorgau.hotline.tests.factories import ticket_submitted
from qorgau.organisations.models import Organisation, User
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Screenshots to look at (the RTL layout, the phone width); not compared.
SHOTS = Path(tempfile.gettempdir()) / "qorgau-hotline-shots"
QUESTION = {"ru": "Как продлить свидетельство?", "fa": "چگونه سند خود را تمدید کنم؟"}


@pytest.mark.parametrize("lang", ["ru", "fa"])
def test_a_visitor_asks_and_gets_a_reference(
    open_page: Any, agency: Organisation, settings: Any, lang: str
) -> None:
    settings.HOTLINE_ASK_MIN_SECONDS = 0
    text = public_text(lang)
    page = open_page(language=lang, viewport=PHONE)

    page.goto(f"/help/{lang}/")
    page.click(f"footer.site a.ask[href='/help/{lang}/ask/']")
    page.wait_for_url(f"**/help/{lang}/ask/")
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "fa" else "ltr")
    # The help site's frame: its header, language switch (to the form in each language), topics.
    assert page.locator("header.site nav .languages a[href='/help/uk/ask/']").count() == 1
    assert page.locator("nav.topics").count() == 1
    assert page.get_attribute("meta[name=referrer]", "content") == "same-origin"
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.fill("#id_question", QUESTION[lang])
    page.select_option("#id_topic", "documents")
    page.check("input[name=contact_method][value=messenger]")
    page.fill("#id_contact_value", "@test_visitor")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"ask-{lang}.png"), full_page=True)
    with page.expect_request(lambda request: request.method == "POST") as posted:
        page.click("main form button[type=submit]")
    page.get_by_text(text["sent_title"]).wait_for()
    origin = posted.value.all_headers().get("origin")
    assert origin not in (None, "null")
    assert page.url.startswith(origin)

    ticket = Ticket.objects.get()
    assert page.inner_text("#reference") == ticket.reference
    assert (ticket.language, ticket.contact_method) == (lang, "messenger")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.screenshot(path=str(SHOTS / f"sent-{lang}.png"), full_page=True)


DONE = {
    "en": ("The ticket was triaged.", "The answer was recorded.", "The ticket was closed."),
    "kk": ("Өтініш сұрыпталды.", "Жауап жазылды.", "Өтініш жабылды."),
}


@pytest.mark.parametrize("language", ["en", "kk"])
def test_the_desk_triages_answers_and_closes(
    open_page: Any, clerk: User, agency: Organisation, language: str
) -> None:
    ticket = ticket_submitted()
    page = open_page(clerk, language=language, viewport=PHONE)
    triaged, answered, closed = DONE[language]

    page.goto("/hotline/")
    page.click(f"a[href='/hotline/{ticket.public_id}/']")
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)
    page.select_option("form[action$='/triage/'] #id_urgency", "urgent")
    page.click("form[action$='/triage/'] button[type=submit]")
    page.get_by_text(triaged).wait_for()
    page.fill("#id_answer-text", "Come to the office on Monday with your certificate.")
    page.click("form[action$='/answer/'] button[type=submit]")
    page.get_by_text(answered).wait_for()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"ticket-{language}.png"), full_page=True)
    page.click("form[action$='/close/'] button[type=submit]")
    page.get_by_text(closed).wait_for()
    assert axe_serious(page) == []
    assert not scrolls_sideways(page)

    stored = Ticket.objects.get(pk=ticket.pk)
    assert (stored.state, stored.urgency) == (State.CLOSED, "urgent")
    assert stored.first_answered_at is not None
