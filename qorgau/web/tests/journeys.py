"""Every page of the journeys of issue 11, with data on it and the persona who opens it.

Shared by the translation sweep (``test_every_page_translated.py``, Django's test client) and the
accessibility sweep (``browser/test_every_page.py``, Chromium). Everything is made through the
services, as the users' forms make it.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.urls import reverse

from qorgau.exports.services import export_execute, export_request
from qorgau.funding.models import Contribution, ExchangeRate
from qorgau.help.services import help_page_create
from qorgau.hotline.services import answer_template_save, ticket_note_add, ticket_triage
from qorgau.hotline.tests.factories import ticket_submitted
from qorgau.identity.runs import run_start
from qorgau.identity.services import ScoredPair, candidates_store
from qorgau.imports.models import ImportJob
from qorgau.imports.services.jobs import import_job_map, import_job_upload
from qorgau.legal.models import TreatyStatus
from qorgau.organisations.models import Organisation, User
from qorgau.partners.services import agreement_record, partner_profile_save
from qorgau.people.models import Relationship, Sex
from qorgau.people.services.documents import document_add
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import person_create
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.pledges.models import Pledge
from qorgau.pledges.services import pledges_seed
from qorgau.population.funding import funding_demo_seed
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


def _web_import(clerk: User, agency: Organisation) -> ImportJob:
    """A small list uploaded and mapped on the import pages, waiting to run."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.csv"
        path.write_text(
            "ID,Фамилия,Имя,Date of birth\nL-1,Серікова,Айгерім,31.02.1990\n", encoding="utf-8"
        )
        job = import_job_upload(actor=clerk, organisation=agency, path=path, file_name="list.csv")
    columns = {"ID": "source_id", "Фамилия": "family_name", "Имя": "given_name"}
    import_job_map(
        actor=clerk, job=job, name="list", columns={**columns, "Date of birth": "birth_date"}
    )
    return job


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
    share_grant_agreed(
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
    funding_demo_seed(manager)  # the 2024 requirements, donors, rates and contributions
    contribution = Contribution.objects.order_by("pk").first()
    assert contribution is not None
    rate = ExchangeRate.objects.order_by("pk").first()
    assert rate is not None
    treaty = TreatyStatus.objects.get(country__iso3="KAZ", instrument__code="1954_convention")
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
    household = household_register(
        actor=clerk, organisation=agency,
        members=[
            MemberInput(person_input(family_name="Жақсыбеков", given_name="Нұрлан",
                                     patronymic="Асқарұлы"), Relationship.PRINCIPAL),
            MemberInput(person_input(family_name="Жақсыбекова", given_name="Гүлнар",
                                     patronymic="Маратқызы", sex=Sex.FEMALE), Relationship.WIFE),
        ],
    )  # fmt: skip
    referral_create(
        actor=clerk, household=household, recipient=ngo_a_org, services=["legal_aid"],
        reason="The family needs legal advice.", urgency="medium", field_groups=["identity"],
        agreement=agreement, consent=ConsentInput(
            given=True, given_by="the principal applicant", method="in_person",
            given_on=dt.date.today(),
        ),
    )  # fmt: skip
    candidates_store([ScoredPair(people[0].pk, people[1].pk, 0.97, [])])
    run_start(actor=clerk, country=agency.country)
    export_execute(
        export_request(actor=clerk, format="xlsx", fields=["registration_number", "family_name"])
    )

    help_page = help_page_create(
        actor=manager, language="en", slug="border", title="At the border",
        body="## Your rights\n\n- Ask for **asylum**.", position=1,
    )  # fmt: skip

    pledges_seed()
    pledge = Pledge.objects.get(area="border_referral")
    job = _web_import(clerk, agency)

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
        Page("imports", reverse("imports:list"), clerk),
        Page("import-map", reverse("imports:map", args=[job.public_id]), clerk),
        Page("import-preview", reverse("imports:preview", args=[job.public_id]), clerk),
        Page("imports-held", reverse("imports:held"), clerk),
        Page("organisations", reverse("members:list"), manager),
        Page("organisation", reverse("members:detail", args=[agency.public_id]), manager),
        Page("partners", f"{reverse('partners:directory')}?service=legal_aid", clerk),
        Page("partner", reverse("partners:detail", args=[ngo_a_org.public_id]), clerk),
        Page("partner-edit", reverse("partners:edit", args=[ngo_a_org.public_id]), manager),
        Page("agreements", reverse("partners:agreements"), manager),
        Page("agreement", reverse("partners:agreement", args=[agreement.public_id]), manager),
        Page("agreement-new", reverse("partners:agreement-new"), manager),
        Page(
            "agreement-edit",
            reverse("partners:agreement-edit", args=[agreement.public_id]),
            manager,
        ),
        *_hotline_pages(clerk, agency),
        Page("funding", f"{reverse('funding:overview')}?operation=RCA&as_of=2024-07-10", stats),
        Page("funding-contribution", reverse("funding:contribution_new"), manager),
        Page("funding-rate", reverse("funding:rate_new"), manager),
        Page("funding-donor", reverse("funding:donor_new"), manager),
        Page(
            "funding-donor-edit",
            reverse("funding:donor_edit", args=[contribution.donor.public_id]),
            manager,
        ),
        Page(
            "funding-donor-remove",
            reverse("funding:donor_remove", args=[contribution.donor.public_id]),
            manager,
        ),
        Page(
            "funding-rate-correct", reverse("funding:rate_correct", args=[rate.public_id]), manager
        ),
        Page("funding-requirement", reverse("funding:requirement_edit"), manager),
        Page(
            "funding-correction",
            reverse("funding:contribution_correct", args=[contribution.public_id]),
            manager,
        ),
        Page("refer", reverse("referrals:refer", args=[person.public_id]), clerk),
        Page("household", reverse("people:household", args=[household.public_id]), clerk),
        Page(
            "refer-household",
            reverse("referrals:refer-household", args=[household.public_id]),
            clerk,
        ),
        Page("referral", reverse("referrals:detail", args=[referral.public_id]), clerk),
        Page("referrals-sent", reverse("referrals:outbox"), clerk),
        Page("referrals-received", f"{reverse('referrals:inbox')}?urgency=high", clerk),
        Page("referral-figures", f"{reverse('referrals:figures')}?published=on", manager),
        Page("statistics", f"{reverse('statistics:dashboard')}?{figures}", stats),
        Page("factsheet", reverse("statistics:factsheet"), stats),
        Page("figures", reverse("statistics:public"), None),
        Page("help-pages", reverse("help:list"), manager),
        Page("help-new", reverse("help:new"), manager),
        Page("help-edit", reverse("help:edit", args=[help_page.public_id]), manager),
        Page("help-history", reverse("help:history", args=[help_page.public_id]), manager),
        Page("pledges", reverse("pledges:list"), clerk),
        Page("pledge", reverse("pledges:detail", args=[pledge.public_id]), stats),
        Page("pledge-progress", reverse("pledges:progress", args=[pledge.public_id]), manager),
        Page("pledge-new", reverse("pledges:new"), manager),
        Page("legal", f"{reverse('legal:country')}?country=KAZ", clerk),
        Page("legal-timeline", f"{reverse('legal:timeline')}?country=KAZ", stats),
        Page("legal-provision", f"{reverse('legal:provision-new')}?country=KAZ", manager),
        Page("legal-treaty", reverse("legal:treaty-status", args=[treaty.public_id]), manager),
        Page("password", reverse("password-change"), clerk),
        Page("account", reverse("twofactor:account"), clerk),
        Page("two-factor members", reverse("twofactor:members"), manager),
        Page("403", reverse("reminders:list"), stats, 403),
        Page("404", "/people/no-such-record/", clerk, 404),
    ]


def _hotline_pages(clerk: User, agency: Organisation) -> list[Page]:
    """The hotline desk with an inquiry triaged and noted, and an answer template."""
    ticket = ticket_submitted()
    ticket = ticket_triage(
        actor=clerk, ticket=ticket, version=1, topic="documents", urgency="urgent"
    )
    ticket_note_add(actor=clerk, ticket=ticket, version=2, text="Called back: no answer.")
    template = answer_template_save(
        actor=clerk, organisation=agency, template=None, version=0, topic="documents",
        language="ru", title="Продление", body="Приходите в офис с документом.",
    )  # fmt: skip
    return [
        Page("hotline", reverse("hotline:queue"), clerk),
        Page("ticket", reverse("hotline:detail", args=[ticket.public_id]), clerk),
        Page("ticket-log", reverse("hotline:log"), clerk),
        Page("answer-templates", reverse("hotline:templates"), clerk),
        Page("answer-template", reverse("hotline:template-edit", args=[template.public_id]), clerk),
        Page("hotline-figures", f"{reverse('hotline:figures')}?published=on", clerk),
    ]
