"""Identity resolution in the browser: a protection officer searches the registry for
duplicates, merges a pair from the review queue and undoes it; a clerk sees likely existing
records beside the names as they are typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from qorgau.identity.models import Candidate, MatchRun, RunStatus
from qorgau.identity.services import ScoredPair, candidates_store
from qorgau.identity.tests.registries import registry_with_duplicates
from qorgau.names import transliterate
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import DocumentType, Person
from qorgau.people.services.documents import document_add
from qorgau.web.tests.browser.pages import PHONE, axe_serious, scrolls_sideways
from qorgau.web.tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POLL_MS = 5_000  # the runs table's hx-trigger, "every 5s"

FAMILY = ["Тестов", "Ахметов", "Жұмабаев", "Нұрланов", "Қасымов", "Омаров", "Сұлтанов", "Бекұлы"]


def _registry(clerk: User, agency: Organisation, make: Callable[..., Person]) -> list[Person]:
    """Forty-eight different (synthetic) people, and two of them registered again in Latin
    letters: two obvious pairs of duplicates. Returns the two people registered twice."""
    people = registry_with_duplicates(clerk, agency, make, family_names=FAMILY, registered_twice=2)
    for person in people[:2]:
        document_add(
            actor=clerk,
            person=person,
            type=DocumentType.STATELESS_CERTIFICATE,
            number=f"SC 00{person.pk:05d}",
            expires_on=dt.date(2030, 1, 31),
        )
    return people[:2]


def _next_poll_shows(page: Any, cell: Any) -> None:
    """Wait until the table's own polling (``hx-trigger="every 5s"``) shows ``cell``, moving
    the page's clock five seconds on at a time rather than waiting for them: the request, the
    answer and the swap are the page's own, as when a user leaves the page open."""
    for _ in range(8):
        page.clock.fast_forward(POLL_MS)
        try:
            cell.wait_for(timeout=2_500)
            return
        except PlaywrightTimeout:
            continue
    cell.wait_for(timeout=20_000)


def _label(language: str, text: Any) -> str:
    """``text`` (a message or a lazy label) as the page shows it in ``language``."""
    with translation.override(language):
        return translation.gettext(text) if isinstance(text, str) else str(text)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_an_officer_searches_for_duplicates_merges_a_pair_and_undoes_it(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    language: str,
) -> None:
    _registry(clerk, agency, make_person)
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    page = open_page(officer, language=language)
    # The page's clock runs as a real one, except that the tests move it past the table's
    # five-second polling interval instead of waiting for it (``_next_poll_shows``).
    page.clock.install()

    # Start the search from the page: it is queued and the table follows it.
    page.goto("/identity/runs/")
    assert axe_serious(page) == []
    page.click("main form[action$='/identity/runs/new/'] button[type=submit]")
    page.wait_for_url("**/identity/runs/")
    runs = page.locator("#runs")
    assert _label(language, RunStatus.QUEUED.label) in runs.inner_text()
    assert runs.get_attribute("hx-trigger") == "every 5s"

    # The worker's first step marks the run running (run_execute); the page's polling shows it.
    MatchRun.objects.update(status=RunStatus.RUNNING, progress=40)
    _next_poll_shows(
        page, page.locator("#runs td", has_text=_label(language, RunStatus.RUNNING.label))
    )
    # The worker runs it (as `qorgau db_worker` would); the page's own polling shows it done.
    run_worker()
    assert MatchRun.objects.get().status == RunStatus.DONE
    done = _label(language, RunStatus.DONE.label)
    _next_poll_shows(page, page.locator("#runs td", has_text=done))
    assert runs.get_attribute("hx-trigger") is None  # polling stops once nothing runs
    assert axe_serious(page) == []

    # The review queue shows both records of the likeliest pair; merge it.
    page.click("main a[href$='/identity/review/']")
    page.wait_for_url("**/identity/review/")
    candidate = Candidate.objects.select_related("first", "second").order_by("-probability")[0]
    first, second = candidate.first, candidate.second
    pair = page.locator("section.pair").first
    text = pair.inner_text()
    assert first.registration_number in text
    assert second.registration_number in text
    assert pair.locator(f"a[href='/people/{second.public_id}/']").count() == 1
    assert axe_serious(page) == []
    pair.locator(f"input[name=kept][value='{first.public_id}']").check()
    pair.locator("button[name=verdict][value=same]").click()
    page.wait_for_url("**/identity/review/")
    assert _label(language, "Decision recorded.") in page.inner_text("main .messages")
    second.refresh_from_db()
    assert second.merged_into_id == first.pk

    # The person page kept shows the record merged into it; that record's page undoes it.
    page.goto(f"/people/{first.public_id}/")
    page.click(f"main .notice a[href='/people/{second.public_id}/']")
    page.wait_for_url(f"**/people/{second.public_id}/")
    assert first.registration_number in page.inner_text("main .notice")
    assert axe_serious(page) == []
    page.click("main form[action$='/undo/'] button[type=submit]")
    page.wait_for_url(f"**/people/{second.public_id}/")
    assert _label(language, "The merge was undone.") in page.inner_text("main .messages")
    second.refresh_from_db()
    assert second.merged_into_id is None
    candidate.refresh_from_db()
    assert candidate.verdict == "pending"


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_review_queue_fits_a_phone(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    language: str,
) -> None:
    twins = _registry(clerk, agency, make_person)
    latin = Person.objects.filter(family_name__in=[transliterate(p.family_name) for p in twins])
    candidates_store(
        [
            ScoredPair(p.pk, latin.get(given_name=transliterate(p.given_name)).pk, 0.99, [])
            for p in twins
        ]
    )
    page = open_page(clerk, language=language, viewport=PHONE)

    page.goto("/identity/review/")

    assert page.locator("section.pair").count() == 2
    assert not scrolls_sideways(page)
    assert axe_serious(page) == []


@pytest.mark.parametrize("language", ["en", "ru"])
def test_likely_existing_records_appear_beside_the_names_as_they_are_typed(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    language: str,
) -> None:
    existing = make_person(
        clerk, agency, family_name="Тестов", given_name="Ерлан", date_of_birth="1984-03-09"
    )
    make_person(clerk, agency, family_name="Ахметов", given_name="Марат")
    page = open_page(clerk, language=language)

    page.goto("/people/register/")
    panel = page.locator("#likely-live")
    page.locator("#id_principal-family_name").press_sequentially("Testov", delay=30)
    page.locator("#id_principal-given_name").press_sequentially("Erlan", delay=30)
    panel.locator(f"a:text('{existing.registration_number}')").wait_for()

    assert "Тестов Ерлан" in panel.inner_text()
    assert "Ахметов" not in panel.inner_text()
    names, beside = page.locator("#id_principal-family_name").bounding_box(), panel.bounding_box()
    assert beside["x"] > names["x"] + names["width"]  # beside the names, not under the form
    assert axe_serious(page) == []
    page.fill("#id_principal-given_name", "Марат")
    panel.get_by_text(existing.registration_number).wait_for(state="detached")


def test_on_a_phone_the_likely_records_go_under_the_names(
    open_page: Any, clerk: User, agency: Organisation, make_person: Callable[..., Person]
) -> None:
    existing = make_person(clerk, agency, family_name="Тестов", given_name="Ерлан")
    page = open_page(clerk, language="kk", viewport=PHONE)

    page.goto("/people/register/")
    page.fill("#id_principal-family_name", "Тестов")
    page.fill("#id_principal-given_name", "Ерлан")
    panel = page.locator("#likely-live")
    panel.locator(f"a:text('{existing.registration_number}')").wait_for()

    given, under = page.locator("#id_principal-given_name").bounding_box(), panel.bounding_box()
    assert under["y"] > given["y"] + given["height"]
    assert not scrolls_sideways(page)
    assert axe_serious(page) == []


@pytest.mark.parametrize(("language", "viewport"), [("en", None), ("ru", None), ("kk", PHONE)])
def test_the_review_queue_names_the_deciding_facts_in_words(
    open_page: Any,
    clerk: User,
    agency: Organisation,
    make_person: Callable[..., Person],
    language: str,
    viewport: Any,
) -> None:
    """Issue 15: namesakes born 19 years apart, one without a patronymic, shown to the
    reviewer as those facts, not as level names."""
    older = make_person(
        clerk, agency, family_name="Тестов", given_name="Нұрлан", patronymic="Серікұлы",
        date_of_birth="1961-02-03",
    )  # fmt: skip
    younger = make_person(
        clerk, agency, family_name="Testov", given_name="Nurlan", patronymic="",
        date_of_birth="1980-07-11",
    )  # fmt: skip
    evidence = [
        {"comparison": "family", "level": "exact", "weight": 7.0},
        {"comparison": "patronymic", "level": "missing", "weight": 0.0},
        {
            "comparison": "date_of_birth",
            "level": "dates of birth differ by more than a year",
            "weight": -60.0,
        },
    ]
    candidates_store([ScoredPair(older.pk, younger.pk, 0.6, evidence)])
    page = open_page(clerk, language=language, **({"viewport": viewport} if viewport else {}))

    page.goto("/identity/review/")

    text = page.inner_text("section.pair")
    with translation.override(language):
        years = translation.npgettext(
            "evidence",
            "dates of birth differ by %(years)d year",
            "dates of birth differ by %(years)d years",
            19,
        ) % {"years": 19}
        one_side = translation.pgettext("evidence", "patronymic missing on one side")
    assert years in text
    assert one_side in text
    assert axe_serious(page) == []
    if viewport:
        assert not scrolls_sideways(page)
