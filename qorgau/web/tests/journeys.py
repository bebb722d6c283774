"""Every page of the journeys of issue 11, with data on it and the persona who opens it.

Shared by the translation sweep (``test_every_page_translated.py``, Django's test client) and the
accessibility sweep (``browser/test_every_page.py``, Chromium). Everything is made through the
services, as the users' forms make it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from qorgau.exports.services import export_execute, export_request
from qorgau.identity.runs import run_start
from qorgau.identity.services import ScoredPair, candidates_store
from qorgau.organisations.models import Organisation, User
from qorgau.partners.services import agreement_record, partner_profile_save
from qorgau.people.models import Sex
from qorgau.people.services.documents import document_add
from qorgau.people.services.persons import person_create
from qorgau.people.services.shares import share_grant
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input
from qorgau.procedures.tests.factories import all_roles_user
from qorgau.referrals.checks import ConsentInput
from qorgau.referrals.services import referral_create, referral_send
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import asylum_case_registered
from qorgau.rights.services.requests import subject_request_record
from qorgau.rights.services.retention import retention_run


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    user: User | None
    status: int = 200


def journey_pages(
    *, clerk: User, agency: Organisation, ngo_a_org: Organisation, stats: User
) -> list[Page]:
    """Registers people with statuses, documents, a share, a case with a running deadline and
    its reminder, a pair for review and a search for duplicates; returns the pages to visit."""
    manager = all_roles_user("manager", agency)
    people = [
        person_create(
            actor=clerk, organisation=agency, data=person_input(**fields), source_id=""
        )
        for fields in (
            {},
            {"given_name": "Erlan", "family_name": "Seitkaziev", "patronymic": ""},
            {"given_name": "Айгерім", "family_name": "Сейтқазиева", "sex": Sex.FEMALE,
             "date_of_birth": "1991-07"},
        )
    ]  # fmt: skip
    person = people[0]
    for someone, status in zip(people, ("STA", "STA", "REF"), strict=True):
        status_period_record(
            actor=clerk, organisation=agency, person=someone, status=status,
            effective_from=dt.date(2020, 1, 15),
        )  # fmt: skip
    document_add(
        actor=clerk, person=person, type="stateless_certificate", number="SC 000123",
        issued_on=dt.date(2020, 2, 1), expires_on=dt.date(2025, 2, 1),
    )  # fmt: skip
    share_grant(
        actor=manager, recipient=ngo_a_org, agreement="DSA-2026-01", purpose="Legal aid",
        expires_on=dt.date.today() + dt.timedelta(days=90), person=person,
    )  # fmt: skip
    case = asylum_case_registered(manager, agency, people[2])
    reminders_refresh(today=dt.date.today())
    access_request = subject_request_record(
        actor=clerk, person=person, kind="access", received_on=dt.date.today(),
        received_via="letter",
    )  # fmt: skip
    retention_run(today=dt.date.today())
    partner_profile_save(
        actor=manager, organisation=ngo_a_org, version=0, services=["legal_aid", "mhpss"],
        regions=["KZ-75"], languages=["kaz", "rus", "prs"], eligibility="Asylum-seekers.",
        email="desk@ngo-a.example.org", opening_hours="Mon–Fri 9:00–18:00",
    )  # fmt: skip
    agreement = agreement_record(
        actor=manager, provider=agency, recipient=ngo_a_org, reference="DSA-2026-02",
        purpose="Referrals for legal aid", field_groups=["identity", "legal_status"],
        starts_on=dt.date.today(), expires_on=dt.date.today() + dt.timedelta(days=90),
    )  # fmt: skip
    referral = referral_send(
        actor=clerk,
        referral=referral_create(
            actor=clerk, person=person, recipient=ngo_a_org, services=["legal_aid"],
            reason="Needs a lawyer for the appeal.", urgency="high", field_groups=["identity"],
            agreement=agreement, consent=ConsentInput(
                given=True, given_by="the person", method="in_person", given_on=dt.date.today()
            ),
        ),
        version=1,
    )  # fmt: skip
    candidates_store([ScoredPair(people[0].pk, people[1].pk, 0.97, [])])
    run_start(actor=clerk, country=agency.country)
    export_execute(
        export_request(actor=clerk, format="xlsx", fields=["registration_number", "family_name"])
    )

    today = dt.date.today()
    figures = f"country=KAZ&as_of={today.year}-01-01"
    detail = reverse("people:detail", kwargs={"public_id": person.public_id})
    return [
        Page("login", reverse("login"), None),
        Page("search", f"{reverse('people:search')}?q=Сейтқазиев", clerk),
        Page("person", detail, clerk),
        Page("register", reverse("people:register"), clerk),
        Page("edit", f"{detail}edit/", clerk),
        Page("document", f"{detail}documents/add/", clerk),
        Page("status", f"{detail}status/add/", clerk),
        Page("share", f"{detail}shares/add/", manager),
        Page("cases", reverse("procedures:list"), manager),
        Page("case", reverse("procedures:detail", kwargs={"public_id": case.public_id}), manager),
        Page("step", reverse("procedures:step", args=[case.public_id, "fingerprint"]), manager),
        Page(
            "pipeline",
            f"{reverse('procedures:pipeline')}?country=KAZ&date_from=2025-01-01"
            f"&date_to={today.isoformat()}",
            manager,
        ),
        Page("reminders", reverse("reminders:list"), manager),
        Page("request-new", reverse("rights:new", kwargs={"public_id": person.public_id}), clerk),
        Page(
            "request",
            reverse("rights:detail", kwargs={"public_id": access_request.public_id}),
            clerk,
        ),
        Page("requests", reverse("rights:list"), clerk),
        Page("retention", reverse("rights:retention"), clerk),
        Page("review", reverse("identity:review"), clerk),
        Page("runs", reverse("identity:runs"), clerk),
        Page("exports", reverse("exports:list"), clerk),
        Page("organisations", reverse("members:list"), manager),
        Page("organisation", reverse("members:detail", args=[agency.public_id]), manager),
        Page("partners", f"{reverse('partners:directory')}?service=legal_aid", clerk),
        Page("partner", reverse("partners:detail", args=[ngo_a_org.public_id]), clerk),
        Page("partner-edit", reverse("partners:edit", args=[ngo_a_org.public_id]), manager),
        Page("refer", reverse("referrals:refer", args=[person.public_id]), clerk),
        Page("referral", reverse("referrals:detail", args=[referral.public_id]), clerk),
        Page("referrals-sent", reverse("referrals:outbox"), clerk),
        Page("referrals-received", f"{reverse('referrals:inbox')}?urgency=high", clerk),
        Page("statistics", f"{reverse('statistics:dashboard')}?{figures}", stats),
        Page("factsheet", reverse("statistics:factsheet"), stats),
        Page("figures", reverse("statistics:public"), None),
        Page("password", reverse("password-change"), clerk),
        Page("account", reverse("twofactor:account"), clerk),
        Page("two-factor members", reverse("twofactor:members"), manager),
        Page("403", reverse("reminders:list"), stats, 403),
        Page("404", "/people/no-such-record/", clerk, 404),
    ]
