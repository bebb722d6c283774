"""The demo's referrals and hotline tickets: work in progress, so that the agency's sent
referrals, the partners' received ones, the hotline desk and their monthly figures show
something on a first try. Written through the services, as the users would (every step
audited, versioned and in the history); all on the day the demo is loaded.

The people referred are generated adults of the Kazakhstan office; the inquiries are synthetic
(example.org addresses, numbers of no one). No email leaves for these steps: the demo's
partners are example.org addresses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from qorgau.hotline.models import Ticket
from qorgau.hotline.services import (
    public_hotline,
    ticket_answer,
    ticket_assign,
    ticket_close,
    ticket_log,
    ticket_submit,
    ticket_triage,
)
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.people.models import Person
from qorgau.population.organisations import demo_username
from qorgau.referrals.checks import ConsentInput
from qorgau.referrals.machine import Step
from qorgau.referrals.models import Referral
from qorgau.referrals.services import referral_create, referral_step_take

NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


@dataclass(frozen=True)
class ReferralSeed:
    partner: str
    services: tuple[str, ...]
    urgency: str
    field_groups: tuple[str, ...]
    reason: str
    steps: tuple[str, ...]  # referrals.machine.Step values, taken in order after the draft


REFERRALS = (
    ReferralSeed("kibhr", ("legal_aid",), "medium", ("identity", "legal_status"),
                 "Needs a lawyer for the appeal against the refusal of refugee status.",
                 ("send", "acknowledge", "accept", "start_service", "complete")),
    ReferralSeed("kibhr", ("documentation",), "low", ("identity", "legal_status"),
                 "Lost the residence permit; needs help to apply for a duplicate.",
                 ("send", "acknowledge", "accept", "start_service")),
    ReferralSeed("kibhr", ("legal_aid",), "high", ("identity", "legal_status", "contact"),
                 "Detained at the border crossing; asks for legal counsel today.",
                 ("send",)),
    ReferralSeed("krcs", ("medical",), "high", ("identity", "contact"),
                 "Chronic illness, no medication for two weeks.",
                 ("send", "acknowledge")),
    ReferralSeed("krcs", ("social_assistance",), "medium", ("identity", "contact", "household"),
                 "Household of five without income since arrival.",
                 ("send", "decline")),
    ReferralSeed("krcs", ("cash",), "medium", ("identity", "household"),
                 "Winter cash assistance assessment requested.",
                 ("send", "accept")),
    ReferralSeed("sana-sezim", ("mhpss",), "high", ("identity", "contact"),
                 "Asks for psychological support after violence in the family.",
                 ("send", "accept", "start_service")),
    ReferralSeed("sana-sezim", ("legal_aid",), "low", ("identity",),
                 "Wants advice on divorce and custody.",
                 ()),
)  # fmt: skip


@dataclass(frozen=True)
class TicketSeed:
    channel: str  # "form": the public inquiry form; else logged by the desk
    language: str
    topic: str
    urgency: str
    question: str
    contact_method: str
    contact_value: str
    steps: tuple[str, ...]  # triage, assign, answer, close


TICKETS = (
    TicketSeed("form", "ru", "asylum", "normal",
               "Как подать ходатайство о статусе беженца в Алматы? Куда идти и какие документы "
               "нужны?", "phone", "+77010000001", ("triage", "assign", "answer", "close")),
    TicketSeed("form", "kk", "documents", "normal",
               "Баламның туу туралы куәлігін қалай алуға болады? Бізде паспорт жоқ.",
               "messenger", "+77010000002", ("triage", "assign", "answer")),
    TicketSeed("form", "fa", "statelessness", "normal",
               "من هیچ مدرک تابعیتی ندارم. چگونه می‌توانم درخواست بدهم؟",
               "email", "visitor-fa@example.org", ("triage",)),
    TicketSeed("form", "uk", "work", "low",
               "Чи можу я працювати в Казахстані, поки розглядають мою заяву?",
               "email", "visitor-uk@example.org", ()),
    TicketSeed("form", "en", "health", "normal",
               "Is there a clinic in Astana that treats people without a residence permit?",
               "none", "", ()),
    TicketSeed("phone", "ru", "border", "urgent",
               "Звонок: семью не пропускают через пункт пропуска, просят убежища.",
               "phone", "+77010000003", ("assign",)),
    TicketSeed("walk_in", "kk", "social_assistance", "normal",
               "Келуші: әлеуметтік көмек туралы сұрады, құжаттары тексерілді.",
               "phone", "+77010000004", ("triage", "answer", "close")),
    TicketSeed("email", "en", "education", "low",
               "Email: can refugee children enrol in a public school mid-year?",
               "email", "visitor-en@example.org", ("triage", "answer")),
)  # fmt: skip

ANSWERS = {
    "ru": "Спасибо за обращение. Подробности — на странице помощи; мы перезвоним вам.",
    "kk": "Өтінішіңізге рахмет. Толығырақ — көмек бетінде; біз сізге хабарласамыз.",
    "en": "Thank you for asking. The help pages explain the steps; we will call you back.",
    "fa": "از پرسش شما سپاسگزاریم. جزئیات در صفحات کمک آمده است.",
    "uk": "Дякуємо за звернення. Подробиці — на сторінках допомоги.",
}


def _user(organisation: Organisation, role: Role) -> User:
    return User.objects.get(username=demo_username(organisation, role))


def _adults(country: str, today: dt.date, count: int) -> list[Person]:
    """The first ``count`` living adults of the country's registry (by id: the same people
    on every machine for the same seed)."""
    return list(
        Person.objects.filter(
            country_office__iso3=country,
            merged_into__isnull=True,
            anonymisation__isnull=True,
            birth_year__lte=today.year - 20,
        ).order_by("pk")[:count]
    )


def referrals_demo_seed(organisations: dict[str, Organisation]) -> int:
    """The Kazakhstan office's referrals to the demo's partners, at each stage of their life
    cycle (once: nothing is added when the office has sent any); returns how many were made."""
    agency = organisations["unhcr-kaz"]
    if Referral.objects.filter(sender=agency).exists():
        return 0
    today = timezone.localdate()
    clerk = _user(agency, Role.REGISTRATION_CLERK)
    people = _adults("KAZ", today, len(REFERRALS))
    consent = ConsentInput(given=True, given_by="the person", method="in_person", given_on=today)
    made = 0
    # The steps' emails are sent when the transaction commits: inside the override.
    with override_settings(MAILERS={"default": {"BACKEND": NO_MAIL}}), transaction.atomic():
        for seed, person in zip(REFERRALS, people, strict=False):
            referral = referral_create(
                actor=clerk, person=person, recipient=organisations[seed.partner],
                services=seed.services, reason=seed.reason, urgency=seed.urgency,
                field_groups=seed.field_groups, consent=consent,
            )  # fmt: skip
            caseworker = _user(organisations[seed.partner], Role.PARTNER_CASEWORKER)
            for step in seed.steps:
                referral = _referral_step(referral, step, clerk, caseworker, today)
            made += 1
    return made


#: What the receiving partner writes when it declines or completes a demo referral.
DECLINED = "The service is full this month; please refer to the city's social office."
OUTCOME = "Appeal lodged with the court; the lawyer follows the case."


def _referral_step(
    referral: Referral, step: str, sender: User, receiver: User, today: dt.date
) -> Referral:
    return referral_step_take(
        actor=sender if step == Step.SEND else receiver, referral=referral,
        version=referral.version, step=step, reason=DECLINED, outcome=OUTCOME, outcome_on=today,
    )  # fmt: skip


@transaction.atomic
def hotline_demo_seed(organisations: dict[str, Organisation]) -> int:
    """Inquiries from the public form in the help site's five languages and calls, emails and
    walk-ins logged by the Kazakhstan office's desk, some triaged, assigned, answered or closed
    (once: nothing is added when the desk holds any ticket); returns how many were made."""
    desk = public_hotline()
    if Ticket.objects.filter(organisation=desk).exists():
        return 0
    clerk = _user(organisations["unhcr-kaz"], Role.REGISTRATION_CLERK)
    officer = _user(organisations["unhcr-kaz"], Role.PROTECTION_OFFICER)
    for seed in TICKETS:
        inquiry = {
            "language": seed.language, "topic": seed.topic, "question": seed.question,
            "contact_method": seed.contact_method, "contact_value": seed.contact_value,
        }  # fmt: skip
        if seed.channel == "form":
            ticket = ticket_submit(**inquiry)
        else:
            ticket = ticket_log(
                actor=clerk, organisation=desk, channel=seed.channel, urgency=seed.urgency,
                **inquiry,
            )  # fmt: skip
        for step in seed.steps:
            version = ticket.version
            if step == "triage":
                ticket = ticket_triage(
                    actor=clerk, ticket=ticket, version=version, topic=seed.topic,
                    urgency=seed.urgency,
                )  # fmt: skip
            elif step == "assign":
                ticket = ticket_assign(
                    actor=clerk, ticket=ticket, version=version, assignee=officer
                )
            elif step == "answer":
                text = ANSWERS[seed.language]
                ticket = ticket_answer(actor=officer, ticket=ticket, version=version, text=text)
            elif step == "close":
                ticket = ticket_close(actor=officer, ticket=ticket, version=version)
    return len(TICKETS)
