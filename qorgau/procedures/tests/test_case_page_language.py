"""The case page in Kazakh and Russian: deadlines explained in sentences of the page's language,
the law cited in it, roles named; no internal setting, event or role code, no English left."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.tests.factories import user_make
from qorgau.people.models import Person
from qorgau.procedures.deadlines import deadline_state
from qorgau.procedures.labels import EVENTS, deadline_explanation
from qorgau.procedures.models import Case
from qorgau.procedures.registry import definitions, procedure_for
from qorgau.procedures.routes import route_to
from qorgau.procedures.services import case_extend, case_open, case_pause
from qorgau.procedures.tests.factories import START, walk

pytestmark = pytest.mark.django_db

Login = Callable[[User | None], Client]
ENGLISH = [
    "calendar day",
    "from the date of the event",
    "Due on",
    "Extended to",
    "paused are added",
    "Starts when",
    "could not be checked",
    "Law of the Republic",
    "Government Resolution",
    "needs the role",
    "setting",
]


@pytest.fixture
def case(actor: User, agency: Organisation, person: Person) -> Case:
    """Registered on 2025-01-11; the decision deadline extended to 2025-06-01; paused two days."""
    case = case_open(
        actor=actor, organisation=agency, procedure="asylum", person=person, opened_on=START
    )
    walk(case, actor, route_to(procedure_for("KAZ", "asylum"), "registered"))
    case_extend(
        actor=actor,
        case=case,
        version=case.version,
        deadline="decide",
        until=dt.date(2025, 6, 1),
        occurred_on=dt.date(2025, 1, 12),
        reasons="Enquiries abroad.",
    )
    for on, resume in ((dt.date(2025, 1, 13), False), (dt.date(2025, 1, 15), True)):
        case.refresh_from_db()
        case_pause(
            actor=actor,
            case=case,
            version=case.version,
            occurred_on=on,
            reasons="Applicant in hospital.",
            resume=resume,
        )
    return case


def _text(html: str) -> str:
    """The words a reader sees (no tags, no addresses)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _page(client: Client, case: Case, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(reverse("procedures:detail", kwargs={"public_id": case.public_id}))
    assert response.status_code == 200
    return _text(response.content.decode())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            [
                "3 месяца с даты события «Регистрация» (11 января 2025). Продлён до "
                "1 июня 2025 (не более чем до 11 января 2026). Добавлено 2 дня "
                "приостановки дела. Срок: 3 июня 2025.",
                "Начнётся, когда будет записано событие: Уведомление о решении.",
                "Продолжительность этого срока не удалось проверить по действующему закону.",
                "Закон Республики Казахстан «О беженцах» № 216-IV",
                "Дата прибытия: 10 января 2025",  # a step's date answer, in the page's format
            ],
        ),
        (
            "kk",
            [
                "«Тіркеу» оқиғасының күнінен (2025 ж. 11 қаңтар) бастап 3 ай. "
                "2025 ж. 1 маусым күніне дейін ұзартылды (ең ұзағы 2026 ж. 11 қаңтар "
                "күніне дейін). Іс тоқтатылған 2 күн қосылды. Мерзімі: 2025 ж. 3 маусым.",
                "Мына оқиға жазылғанда басталады: Шешім туралы хабарлау.",
                "Бұл мерзімнің ұзақтығын қолданыстағы заңнан тексеру мүмкін болмады.",
                "«Босқындар туралы» Қазақстан Республикасының",
            ],
        ),
    ],
)
def test_it_explains_the_deadlines_and_cites_the_law_in_the_page_language(
    case: Case, actor: User, login: Login, language: str, expected: list[str]
) -> None:
    text = _page(login(actor), case, language)

    for sentence in expected:
        assert sentence in text


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_it_shows_no_internal_name_and_no_english_explanation(
    case: Case, actor: User, agency: Organisation, login: Login, language: str
) -> None:
    # A user without the decision's roles sees the roles it needs, by name.
    clerk = user_make("desk-clerk", agency, Role.REGISTRATION_CLERK)
    procedure = procedure_for("KAZ", "asylum")

    for user in (actor, clerk):
        text = _page(login(user), case, language)
        internal = [
            *procedure.settings,
            *(role for role in Role.values),
            *(f"({event})" for event in procedure.events),
        ]
        assert [name for name in internal if name in text] == []
        assert [words for words in ENGLISH if words in text] == []


@pytest.mark.parametrize("language", ["en", "kk", "ru"])
def test_every_deadline_of_every_definition_is_explained_without_codes(language: str) -> None:
    """Each shipped deadline, started and not, extended and paused where it may be."""
    start = dt.date(2025, 1, 10)
    for procedure in definitions().values():
        for deadline in procedure.deadlines:
            events = {deadline.starts: start}
            states = [
                deadline_state(deadline, procedure.settings, {}),
                deadline_state(deadline, procedure.settings, events, paused_days=3),
            ]
            with translation.override(language):
                sentences = [deadline_explanation(state, unverified=True) for state in states]
            # In English an event's name may contain its code ("appeal"): not a leak.
            own = [deadline.starts, deadline.code] if language != "en" else []
            for sentence in sentences:
                codes = [*procedure.settings, *own, "_"]
                assert [code for code in codes if code in sentence] == [], sentence


def test_every_event_of_the_shipped_definitions_has_a_name() -> None:
    used = {event for procedure in definitions().values() for event in procedure.events}

    assert used - set(EVENTS) == set()


def test_every_law_is_cited_in_each_language() -> None:
    for procedure in definitions().values():
        assert procedure.law.en
        assert procedure.law.ru != procedure.law.en
        assert procedure.law.kk != procedure.law.en


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Ваша роль не позволяет шаг «Зарегистрировать заявление»"),
        ("kk", "Сіздің рөліңіз «Өтінішті тіркеу» қадамына рұқсат бермейді"),
    ],
)
def test_a_refused_step_names_the_step_and_the_roles_not_their_codes(
    actor: User, agency: Organisation, person: Person, login: Login, language: str, expected: str
) -> None:
    case = case_open(
        actor=actor, organisation=agency, procedure="asylum", person=person, opened_on=START
    )
    client = login(user_make("agency-liaison", agency, Role.GOVERNMENT_LIAISON))
    client.cookies["django_language"] = language

    response = client.post(
        reverse("procedures:step", args=[case.public_id, "register"]),
        {
            "version": case.version,
            "occurred_on": "2025-01-11",
            "arrival_date": "2025-01-09",
            "application_date": "2025-01-10",
            "document_asylum_seeker_certificate": "AS-0001",
        },
    )

    text = _text(response.content.decode())
    assert expected in text
    assert [code for code in (*Role.values, "register") if code in text] == []
    case.refresh_from_db()
    assert case.stage == "application"
