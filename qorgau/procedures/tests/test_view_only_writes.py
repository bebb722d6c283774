"""A share is view-only by every path (issue 13): every service that writes to a person refuses
an actor whose only access to the person is a share.

The actor holds every role in NGO B, so that no role is the reason for a refusal: NGO B holds an
active view share of NGO A's household (two people) and of a third NGO A person, and a case NGO
B opened on that third person before shares became view-only (a row as the hole left it).

``test_it_lists_every_write_service`` collects the public functions of every ``services``
module (and the matching runs): each is either walked here or exempted with its reason, so a
new write service fails the test until someone says how it checks change rights.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

import qorgau
from qorgau.identity.models import Candidate, PairDecision
from qorgau.identity.services import decision_undo, pair_decide
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.tests.personas import personas_make
from qorgau.partners.models import Agreement
from qorgau.partners.services import agreement_change, agreement_end
from qorgau.people.models import Document, Household, LegalStatusPeriod, Person, Share
from qorgau.people.services import documents, households, persons, shares, status
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.procedures import services as procedures
from qorgau.procedures.models import Case, CaseAccess, CaseStep
from qorgau.procedures.registry import procedure_for
from qorgau.procedures.tests.factories import START, all_roles_user, step_input
from qorgau.referrals import services as referrals
from qorgau.referrals.checks import ConsentInput
from qorgau.referrals.models import Referral
from qorgau.reminders.models import Reminder, ReminderKind
from qorgau.reminders.services import reminder_done
from qorgau.rights.services.anonymise import person_anonymise
from qorgau.rights.services.requests import subject_request_record

pytestmark = pytest.mark.django_db


@dataclass
class World:
    orgs: dict[str, Organisation]
    owner: User  # NGO A's caseworker: registered every record
    recipient: User  # every role in NGO B, which holds only view shares
    household: Household
    principal: Person
    member: Person
    single: Person  # shared on its own; NGO B's legacy case is on them
    document: Document
    period: LegalStatusPeriod
    case: Case  # NGO A's own case on the principal
    legacy: Case  # the case NGO B opened on ``single`` through the hole
    grant: CaseAccess
    share: Share
    candidate: Candidate
    decision: PairDecision
    reminder: Reminder


def _transition(code: str) -> Any:
    return next(t for t in procedure_for("KAZ", "asylum").transitions if t.code == code)


@pytest.fixture
def world() -> World:
    orgs, users = personas_make()
    owner, officer = users["ngo_a"], users["officer"]
    assert owner is not None
    assert officer is not None
    recipient = all_roles_user("ngo-b-all-roles", orgs["ngo_b"])
    household = household_register(
        actor=owner,
        organisation=orgs["ngo_a"],
        members=[
            MemberInput(data=person_input(given_name="Aigul"), relationship="principal"),
            MemberInput(data=person_input(given_name="Marat"), relationship="husband"),
        ],
    )
    principal, member = household.members.order_by("registration_number")
    single = persons.person_create(
        actor=owner, organisation=orgs["ngo_a"], data=person_input(given_name="Dana")
    )
    period = status.status_period_record(
        actor=owner,
        organisation=orgs["ngo_a"],
        person=principal,
        status="NCF",
        effective_from=dt.date(2024, 1, 1),
    )
    document = documents.document_add(
        actor=owner, person=principal, type="passport", number="P 0001"
    )
    case = procedures.case_open(
        actor=owner, organisation=orgs["ngo_a"], procedure="asylum", person=principal,
        opened_on=START,
    )  # fmt: skip
    share = share_grant_agreed(
        actor=officer, recipient=orgs["ngo_b"], household=household,
        purpose="Legal counselling", expires_on=dt.date.today() + dt.timedelta(days=90),
    )  # fmt: skip
    share_grant_agreed(
        actor=officer, recipient=orgs["ngo_b"], person=single,
        purpose="Legal counselling", expires_on=dt.date.today() + dt.timedelta(days=90),
    )  # fmt: skip
    legacy = Case.objects.create(
        country=single.country_office, procedure="asylum", person=single,
        organisation=orgs["ngo_b"], stage=procedure_for("KAZ", "asylum").initial.code,
        opened_on=START, version=1,
    )  # fmt: skip
    CaseStep.objects.create(
        case=legacy, kind="opened", to_stage=legacy.stage, occurred_on=START, actor=recipient,
        organisation=orgs["ngo_b"],
    )  # fmt: skip
    grant = CaseAccess.objects.create(
        case=legacy, organisation=orgs["ngo_c"], can_act=False, purpose="Follow",
        granted_by=recipient,
    )  # fmt: skip
    candidate = Candidate.objects.create(first=member, second=single, probability=0.9)
    decided = Candidate.objects.create(first=principal, second=single, probability=0.8)
    decision = pair_decide(actor=officer, candidate=decided, verdict="different", reasons="x")
    reminder = Reminder.objects.create(
        kind=ReminderKind.DEADLINE, case=legacy, deadline="decide", due_on=START,
        person=single, organisation=orgs["ngo_b"], country=single.country_office,
    )  # fmt: skip
    return World(
        orgs=orgs, owner=owner, recipient=recipient, household=household, principal=principal,
        member=member, single=single, document=document, period=period, case=case,
        legacy=legacy, grant=grant, share=share, candidate=candidate, decision=decision,
        reminder=reminder,
    )  # fmt: skip


def _fingerprint(w: World) -> tuple[Any, ...]:
    """Everything a refused write could have changed."""
    return (
        sorted(Person.objects.values_list("pk", "version", "household_id", "merged_into_id")),
        sorted(Household.objects.values_list("pk", "version")),
        sorted(LegalStatusPeriod.objects.values_list("pk", "status", "effective_to", "basis")),
        sorted(Document.objects.values_list("pk", "number", "expires_on")),
        sorted(Share.objects.values_list("pk", "revoked_at")),
        sorted(Case.objects.values_list("pk", "version", "stage", "paused_since")),
        CaseStep.objects.count(),
        sorted(CaseAccess.objects.values_list("pk", "revoked_at")),
        sorted(Candidate.objects.values_list("pk", "verdict")),
        sorted(PairDecision.objects.values_list("pk", "undone_at")),
        sorted(Reminder.objects.values_list("pk", "done_at")),
        # The agreement the share was made under (the referral rows make others).
        sorted(
            Agreement.objects.filter(pk=w.share.agreement_record_id).values_list(
                "pk", "version", "ended_at", "field_groups"
            )
        ),
    )


def _register(w: World, case: Case) -> procedures.StepInput:
    return step_input(_transition("register"), START + dt.timedelta(days=1))


def _referral(w: World, state: str = "sent") -> Referral:
    """NGO A's referral of the shared ``single`` to NGO C (rows as a sent one leaves them):
    NGO B, which only views ``single`` through a share, is no party to it."""
    agreement = Agreement.objects.create(
        reference=f"DSA-{state}", provider=w.orgs["ngo_a"], recipient=w.orgs["ngo_c"],
        purpose="Referrals", field_groups=["identity"], starts_on=dt.date.today(),
        expires_on=dt.date.today() + dt.timedelta(days=30), recorded_by=w.owner,
    )  # fmt: skip
    return Referral.objects.create(
        person=w.single, sender=w.orgs["ngo_a"], sent_by=w.owner, recipient=w.orgs["ngo_c"],
        reason="Legal aid", urgency="medium", field_groups=["identity"], agreement=agreement,
        state=state,
    )  # fmt: skip


_CONSENT = ConsentInput(given=True, given_by="the person", method="phone", given_on=START)


def _step(name: str, state: str, **given: Any) -> Callable[[World], object]:
    def take(w: World) -> object:
        referral = _referral(w, state)
        return getattr(referrals, name)(actor=w.recipient, referral=referral, version=1, **given)

    return take


# Each write service, called by the share's recipient on the shared records.
WRITES: dict[str, Callable[[World], object]] = {
    "person_update": lambda w: persons.person_update(
        actor=w.recipient, person=w.single, expected_version=w.single.version,
        data=persons.person_input_from(w.single),
    ),
    "person_patch": lambda w: persons.person_patch(
        actor=w.recipient, person=w.single, expected_version=w.single.version,
        changes={"address": "Recipient's change"},
    ),
    "household_create": lambda w: households.household_create(
        actor=w.recipient, organisation=w.orgs["ngo_b"], members=[(w.single, "principal")],
    ),
    "household_member_add": lambda w: households.household_member_add(
        actor=w.recipient, household=w.household, person=w.single, relationship="son",
    ),
    "household_member_remove": lambda w: households.household_member_remove(
        actor=w.recipient, person=w.member,
    ),
    "household_member_register": lambda w: households.household_member_register(
        actor=w.recipient, organisation=w.orgs["ngo_b"], household=w.household,
        data=person_input(given_name="Timur"), relationship="son",
    ),
    "household_principal_change": lambda w: households.household_principal_change(
        actor=w.recipient, household=w.household, person=w.member,
        former_principal_relationship="husband",
    ),
    "status_period_record": lambda w: status.status_period_record(
        actor=w.recipient, organisation=w.orgs["ngo_b"], person=w.single, status="UND",
        effective_from=dt.date(2025, 1, 2),
    ),
    "status_period_correct": lambda w: status.status_period_correct(
        actor=w.recipient, period=w.period, deciding_authority=w.orgs["ngo_b"], basis="x",
    ),
    "document_add": lambda w: documents.document_add(
        actor=w.recipient, person=w.single, type="passport", number="P 0002",
    ),
    "document_update": lambda w: documents.document_update(
        actor=w.recipient, document=w.document, number="P 0003",
    ),
    "share_grant": lambda w: shares.share_grant(
        actor=w.recipient, recipient=w.orgs["ngo_c"], person=w.single, agreement="DTA-9",
        purpose="Onward", expires_on=dt.date.today() + dt.timedelta(days=30),
    ),
    "share_revoke": lambda w: shares.share_revoke(actor=w.recipient, share=w.share),
    # The agreement the recipient received the share under: it may not change or end it.
    "agreement_change": lambda w: agreement_change(
        actor=w.recipient, agreement=w.share.agreement_record,
        version=w.share.agreement_record.version, purpose="Recipient's change",
        field_groups=["identity"], starts_on=dt.date.today(), expires_on=dt.date.today(),
    ),
    "agreement_end": lambda w: agreement_end(
        actor=w.recipient, agreement=w.share.agreement_record,
        version=w.share.agreement_record.version, reason="Recipient's end",
    ),
    "pair_decide": lambda w: pair_decide(
        actor=w.recipient, candidate=w.candidate, verdict="same", kept=w.single,
    ),
    "decision_undo": lambda w: decision_undo(actor=w.recipient, decision=w.decision),
    "case_open": lambda w: procedures.case_open(
        actor=w.recipient, organisation=w.orgs["ngo_b"], procedure="statelessness",
        person=w.single, opened_on=START,
    ),
    "case_step": lambda w: procedures.case_step(
        actor=w.recipient, case=w.legacy, version=w.legacy.version, step=_register(w, w.legacy),
    ),
    "case_step_check": lambda w: procedures.case_step_check(
        actor=w.recipient, case=w.legacy, version=w.legacy.version, step=_register(w, w.legacy),
    ),
    "case_extend": lambda w: procedures.case_extend(
        actor=w.recipient, case=w.legacy, version=w.legacy.version, deadline="decide",
        until=dt.date(2025, 6, 1), occurred_on=START, reasons="x",
    ),
    "case_pause": lambda w: procedures.case_pause(
        actor=w.recipient, case=w.legacy, version=w.legacy.version, occurred_on=START,
        reasons="In hospital", resume=False,
    ),
    "case_assign": lambda w: procedures.case_assign(
        actor=w.recipient, case=w.legacy, version=w.legacy.version, assignee=w.recipient,
    ),
    "case_access_grant": lambda w: procedures.case_access_grant(
        actor=w.recipient, case=w.legacy, organisation=w.orgs["government"], can_act=True,
        purpose="Decide",
    ),
    "case_access_revoke": lambda w: procedures.case_access_revoke(
        actor=w.recipient, access=w.grant,
    ),
    "reminder_done": lambda w: reminder_done(actor=w.recipient, reminder=w.reminder),
    "subject_request_record": lambda w: subject_request_record(
        actor=w.recipient, person=w.single, kind="access", received_on=dt.date(2025, 1, 6),
        received_via="in_person"),
    "person_anonymise": lambda w: person_anonymise(
        actor=w.recipient, person=w.single, reason="subject_request"),
    # Referrals (referrals/tests): the sender needs change rights on the person; NGO B, a
    # share's recipient, neither refers the person nor takes a step on another's referral.
    "referral_create": lambda w: referrals.referral_create(
        actor=w.recipient, person=w.single, recipient=w.orgs["ngo_c"], services=["legal_aid"],
        reason="Legal aid", urgency="medium", field_groups=["identity"], consent=_CONSENT),
    "referral_send": _step("referral_send", "draft"),
    "referral_acknowledge": _step("referral_acknowledge", "sent"),
    "referral_accept": _step("referral_accept", "sent"),
    "referral_decline": _step("referral_decline", "sent", reason="Full"),
    "referral_start": _step("referral_start", "accepted"),
    "referral_complete": _step(
        "referral_complete", "service_started", outcome="Done", outcome_on=START),
    "referral_close": _step("referral_close", "completed"),
    "referral_withdraw": _step("referral_withdraw", "sent", reason="Not needed"),
    "referral_rerefer": lambda w: referrals.referral_rerefer(
        actor=w.recipient, referral=_referral(w, "declined"), version=1,
        recipient=w.orgs["government"], services=["legal_aid"], consent=_CONSENT),
    "referral_step_take": _step("referral_step_take", "sent", step="accept"),
    "referral_consent_override_approve": _step("referral_consent_override_approve", "draft"),
}  # fmt: skip

# Public functions of the services modules that are not walked above, and why.
EXEMPT: dict[str, str] = {
    # Create new records in the actor's own organisation (require_perm_in): no existing person.
    "person_create": "creates a new person of the actor's organisation",
    "household_register": "creates a new household of the actor's organisation",
    # Helpers called inside a service that has passed its gate (walked through that service).
    "status_period_append": "inside status_period_record and case_step (walked)",
    "document_issue": "inside document_add and case_step (walked)",
    "person_name_keys_rebuild": "inside person_create/person_update (walked)",
    "require_perm_in": "a permission check, writes nothing",
    "refuse_anonymised": "a check that an anonymised record is read-only, writes nothing",
    # Reads and pure functions.
    "person_input_from": "reads a person into a form input",
    "document_number_hash": "pure",
    "document_number_normalise": "pure",
    "document_numbers_encrypt": "pure",
    "document_keys_rotate": "re-encrypts stored numbers under the first key (operator, no actor)",
    "name_keys_rebuild": "rewrites derived search keys after a folding change (operator, no actor)",
    "registration_number_format": "pure",
    "registration_number_allocate": "a counter row inside person_create/household_register",
    "check_birth": "validation",
    "check_name": "validation",
    "check_region": "validation",
    "name_warnings": "validation (pure)",
    "check_citizenship": "validation",
    "check_languages": "validation",
    "check_needs": "validation",
    "check_phones": "validation",
    "person_input_check": "validation",
    # Imports of new records into the importing organisation, run by an operator (no actor).
    "registry_bulk_insert": "bulk import of new records (command line, no actor)",
    "registry_bulk_prepare": "bulk import of new records (command line, no actor)",
    "registry_bulk_write": "bulk import of new records (command line, no actor)",
    "registry_analyze": "database statistics",
    "references_trusted": "bulk import context",
    "bulk_loading": "bulk import context",
    "batch_build": "bulk import rows",
    "batch_write": "bulk import rows",
    "random_uuids": "pure",
    "reserve_ids": "bulk import id range",
    # Matching: stores candidate pairs for review, never changes a person; a run is started only
    # by the agency office (run_start checks it).
    "candidates_store": "candidate pairs, no person changed",
    "registry_records": "reads the registry for a matching run",
    "run_start": "agency office only; no person changed",
    "run_execute": "the background task of run_start",
    # The background refresh (no actor): reminders of the responsible organisation.
    "reminders_refresh": "background task, no actor",
    # Not about a person.
    "access_log_flush": "the read log",
    "access_log_record": "the read log",
    "security_event_record": "the security log (written by share_grant/share_revoke)",
    "reference_data_sync": "reference tables",
    "reference_data_sync_after_migrate": "reference tables",
    "factsheet_seed": "fact sheet text",
    "factsheet_text_save": "fact sheet text",
    # Data-subject rights: an answer is about a request recorded by subject_request_record
    # (walked), checked by the same gate (rights/tests); the rest are reads and the retention
    # job (no actor, closed records only).
    "subject_request_answer": "the request's person is checked as in subject_request_record",
    "subject_request_due_on": "pure",
    "birth_kept": "pure (which parts of a date of birth an anonymisation keeps)",
    "legal_holds": "reads the open cases",
    "retention_run": "background task, no actor",
    "cases_expired": "reads for retention_run",
    "persons_expired": "reads for retention_run",
    "years_before": "pure",
    # Users and memberships, not people: each checks organisation.manage in the organisation
    # (members/tests); a share grants nothing there.
    "membership_grant": "memberships, not people (members/tests)",
    "membership_revoke": "memberships, not people (members/tests)",
    "membership_role_change": "memberships, not people (members/tests)",
    "organisation_first_administrator": "operator command, memberships",
    "organisation_user_create": "users, not people (members/tests)",
    "user_deactivate": "users, not people (members/tests)",
    # Users' sessions, tokens and accounts (organisations/services.py): no person.
    "security_event": "the security log, through audit's writer",
    "security_event_writer_register": "registers audit's writer",
    "user_session_record": "which user a session belongs to",
    "user_sessions_end": "ends a user's sessions and tokens",
    # Two-factor sign-in: the actor's own devices, or a reset checked against organisation.manage
    # (twofactor/tests/test_reset.py); no person is written.
    "enrolment_key_new": "pure",
    "two_factor_enrol": "the actor's own devices",
    "two_factor_verify": "the user's own devices",
    "two_factor_recovery_codes_renew": "the actor's own devices",
    "two_factor_reset": "organisation.manage over the user's organisation (test_reset.py)",
    # Matching runs: the reviewers' decisions read as labels.
    "decided_pairs": "reads the standing decisions",
    # Partner directory and agreements (partners/tests): organisations, not people.
    "agreement_record": "agreements between organisations (partners/tests/test_agreements_access.py)",
    "partner_profile_save": "an organisation's directory entry (partners/tests)",
    "service_catalogue_sync": "reference tables",
    # Help site pages (help/tests/test_help_access.py): public texts, no person.
    "help_page_create": "a public help page; no person (help/tests)",
    "help_page_update": "a public help page; no person (help/tests)",
    "help_page_publish": "a public help page; no person (help/tests)",
    "help_page_restore": "a public help page; no person (help/tests)",
    "service_catalogue_sync_after_migrate": "reference tables",
    # Funding (funding/tests): money and donors, never a person; edited by the managers of an
    # agency office only, which funding/tests/test_records.py and test_editing_access.py prove.
    "funding_catalogue_sync": "reference tables (areas, operations)",
    "funding_catalogue_sync_after_migrate": "reference tables (areas, operations)",
    "donor_create": "donors, no person (funding/tests)",
    "donor_update": "donors, no person (funding/tests/test_donor_and_rate_pages.py)",
    "donor_remove": "donors, no person (funding/tests/test_donor_and_rate_pages.py)",
    "exchange_rate_record": "exchange rates, no person (funding/tests)",
    "exchange_rate_correct": "exchange rates, no person (funding/tests/test_donor_and_rate_pages.py)",
    "requirement_set": "an operation's requirement, no person (funding/tests)",
    "contribution_record": "money received, no person (funding/tests)",
    "contribution_update": "money received, no person (funding/tests)",
    "amount_clean": "validation",
    "currency_clean": "validation",
    "rate_for": "reads the rate that counts",
    # Imports: new rows become records of the importing organisation; a row whose source id the
    # organisation already holds updates its own record through person_update (walked), so a
    # share never lets an import change a person (imports/tests).
    "import_file": "new records of the importer; updates through person_update (walked)",
    "import_allowed": "the check itself: the actor registers people for the organisation",
    "kobo_pull": "import_file on the pulled submissions, and the organisation's pull mark",
    "row_problem": "pure: the message of a refused row",
    "mapping_check": "validation",
    "mapping_save": "an organisation's column mapping, no person",
    "file_keep": "the encrypted copy of an imported file",
    "file_read": "reads the encrypted copy",
    "file_sha256": "pure",
    "files_purge": "deletes expired copies of imported files (operator)",
    # Web imports (imports/services/jobs.py): the steps around import_file, the requester's own
    # job only (imports/tests/test_web_import_access.py).
    "import_job_upload": "keeps the uploaded file, encrypted; no person",
    "import_job_file": "reads the kept upload",
    "import_job_map": "an organisation's column mapping (mapping_save), no person",
    "import_job_start": "queues the requester's own job",
    "import_job_rerun": "queues again the requester's own interrupted job, no person",
    "import_job_interrupted": "reads the job's lease",
    "heartbeat_path": "pure",
    "import_job_execute": "import_file as the requester (above)",
    "import_job_report": "reads the requester's own error report",
    "import_jobs_purge": "deletes expired uploads and reports (operator)",
    "progress_path": "pure",
    # Held rows: decided only in the row's own organisation (imports/tests/test_held_review.py).
    "held_row_values": "reads the held row's cells",
    "held_row_register": "a new record of the importer (person_create); joins its own household",
    "held_row_same": "closes the held row; the record is only read (visible_persons)",
    # List exports: read people through the access gate and the field policy (exports/tests).
    "export_request": "reads: a list export of the people the user may see",
    "export_execute": "reads: builds the export's file",
    "export_file": "reads the requester's own export file",
    "exports_purge": "deletes expired export files",
    # Hotline tickets (hotline/tests): a ticket is the desk organisation's own record, never
    # shared; every step checks hotline.answer in the ticket's organisation. A link to a person
    # writes the ticket only, and only names a person the actor may see (test_person_link.py).
    "ticket_submit": "a new ticket from the public form, no person",
    "ticket_log": "a new ticket of the actor's desk organisation, no person",
    "ticket_triage": "the desk's ticket, no person (hotline/tests/test_hotline_access.py)",
    "ticket_assign": "the desk's ticket, no person",
    "ticket_note_add": "the desk's ticket, no person",
    "ticket_answer": "the desk's ticket, no person",
    "ticket_close": "the desk's ticket, no person",
    "ticket_link_person": "the ticket only; the person through visible_persons, unchanged",
    "answer_template_save": "the desk's answer templates, no person",
    "public_hotline": "reads the organisation that receives the form's tickets",
    "reference_new": "pure",
    "text_clean": "validation (pure)",
    # GRF pledges (pledges/tests): a state's commitments, no person; managers of the agency
    # office of the pledge's country only (test_progress.py, test_pledges_access.py).
    "pledge_record": "a state's pledge, no person (pledges/tests)",
    "pledge_progress_record": "a pledge's progress, no person (pledges/tests)",
    "pledges_seed": "demo data",
    # Legal standards (legal/tests): laws and assessments of a country, no person; managers of
    # the agency office of the country only (test_assessments.py, test_legal_access.py).
    "instruments_sync": "reference tables",
    "instruments_sync_after_migrate": "reference tables",
    "provision_record": "a national law's article, no person (legal/tests)",
    "assessment_record": "an assessment of a law, no person (legal/tests)",
    "recommendation_record": "a recommendation on a law, no person (legal/tests)",
    "recommendation_follow_up": "a recommendation's follow-up, no person (legal/tests)",
    "treaty_status_change": "a country's treaty status, no person (legal/tests)",
}


def _service_functions() -> set[str]:
    found: set[str] = set()
    for info in pkgutil.walk_packages(qorgau.__path__, "qorgau."):
        name = info.name
        if ".tests" in name or ".migrations" in name:
            continue
        if not (".services" in name or name.endswith((".runs", ".actions"))):
            continue
        module = importlib.import_module(name)
        found |= {
            n
            for n, f in inspect.getmembers(module, inspect.isfunction)
            if f.__module__ == name and not n.startswith("_")
        }
    return found


def test_it_lists_every_write_service() -> None:
    found = _service_functions()
    assert sorted(found - set(WRITES) - set(EXEMPT)) == []
    assert sorted((set(WRITES) | set(EXEMPT)) - found) == []


@pytest.mark.parametrize("service", sorted(WRITES))
def test_a_share_recipient_writes_nothing(service: str, world: World) -> None:
    before = _fingerprint(world)

    with pytest.raises(PermissionDenied):
        WRITES[service](world)

    assert _fingerprint(world) == before
