"""The whole record of a person for an access request: every section, and every export logged."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from django.utils.translation import override

from qorgau.audit.models import AccessLog, SecurityEvent
from qorgau.people.models import Relationship, Sex
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.procedures.tests.factories import all_roles_user
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import asylum_case_registered
from qorgau.rights.export import SECTIONS, person_record
from qorgau.rights.tests.factories import request_record, rich_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(clerk, agency, ngo_a_org):
    manager = all_roles_user("manager", agency)
    person = rich_person(clerk, agency)
    household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(person_input(given_name="Айгүл", sex=Sex.FEMALE), Relationship.PRINCIPAL),
        ],
    )
    share_grant_agreed(
        actor=manager,
        recipient=ngo_a_org,
        agreement="DSA-2026-07",
        purpose="Legal aid",
        expires_on=dt.date.today() + dt.timedelta(days=9),
        person=person,
    )
    asylum_case_registered(manager, agency, person)
    reminders_refresh(today=dt.date.today())
    return person


def test_it_holds_every_section_of_the_record(clerk, person, login):
    request_record(clerk, person)
    login(clerk).get(reverse("people:detail", kwargs={"public_id": person.public_id}))

    record = person_record(person, user=clerk)

    assert set(SECTIONS) <= set(record)
    assert record["person"]["given_name"] == "Ерлан"
    assert record["person"]["address"] == "Абай көшесі 10, Алматы"
    assert record["names"]["aliases"][0]["family_name"] == "Seitkaziev"
    # Numbers decrypted into the export only (the case's registration issued a second one).
    assert "SC 7654321" in [d["number"] for d in record["documents"]]
    assert all("number_hash" not in d for d in record["documents"])
    assert record["phones"] == ["+77011234567"]
    assert [n["code"] for n in record["specific_needs"]] == ["SM-MI"]
    assert record["status_history"][0]["status"] == "STA"
    assert record["status_history"][0]["basis"] == "Decision 42 of the commission"
    case = record["cases"][0]
    assert case["procedure"] == "asylum"
    assert [s["transition"] for s in case["steps"]] == ["", "register"]
    assert record["shares"][0]["agreement"].startswith("DSA-TEST-")  # the record's reference
    assert record["reminders"]  # the case's fingerprinting deadline
    assert record["data_subject_requests"][0]["kind"] == "access"
    assert record["change_history"]
    assert record["identity_resolution"] == {
        "merged_into": None,
        "merged_records": [],
        "candidates": [],
        "decisions": [],
    }
    read = record["reads"][0]
    assert (read["user"], read["channel"], read["action"]) == ("clerk", "web", "view")
    assert read["organisations"] == [str(clerk.memberships.get().organisation)]


def test_it_lists_household_members_by_number_and_relationship_only(clerk, agency):
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(person_input(given_name="Серік"), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Мадина", sex=Sex.FEMALE), Relationship.WIFE),
        ],
    )
    principal = household.members.get(relationship=Relationship.PRINCIPAL)

    section = person_record(principal, user=clerk)["household"]

    assert section["relationship"] == "principal"
    assert [m["relationship"] for m in section["members"]] == ["wife"]
    assert "Мадина" not in json.dumps(section, ensure_ascii=False)


@pytest.mark.parametrize(("format", "start"), [("json", b"{"), ("pdf", b"%PDF")])
def test_it_downloads_the_record_and_logs_the_export(clerk, person, login, format, start):
    request = request_record(clerk, person)

    response = login(clerk).get(
        reverse(f"rights:export-{format}", kwargs={"public_id": request.public_id})
    )

    assert response.status_code == 200
    assert response.content.startswith(start)
    assert "attachment" in response["Content-Disposition"]
    assert person.registration_number in response["Content-Disposition"]
    exported = AccessLog.objects.get(object_id=person.public_id, action="export")
    assert (exported.user, exported.channel) == (clerk, "export")
    event = SecurityEvent.objects.get(event="subject_access_export")
    assert event.object_id == person.public_id
    assert event.detail == {"format": format, "request": str(request.public_id)}


@pytest.mark.parametrize("language", ["en", "kk"])
def test_it_puts_every_section_into_the_pdf(clerk, person, language):
    from pypdf import PdfReader

    from qorgau.rights.export import record_pdf

    with override(language):
        titles = [str(title) for title in SECTIONS.values()]
    pdf = record_pdf(person_record(person, user=clerk), person=person, language=language)

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert [t for t in titles if t not in flat] == []
    assert "SC 7654321" in flat
    assert "Ерлан" in flat


def test_a_partners_export_holds_nothing_of_what_the_partner_may_not_see(
    clerk, ngo_a, ngo_a_org, agency, make_person, login
):
    """A partner answering an access request for a person it registered gets its own part of
    the record: no link to a record it cannot see (which would tell it that someone else holds
    one), no reads by other organisations' staff."""
    from qorgau.identity.models import Candidate

    own = make_person(ngo_a, ngo_a_org, given_name="Ерлан")
    hidden = make_person(clerk, agency, given_name="Ерлан")
    seen = make_person(ngo_a, ngo_a_org, given_name="Эрлан")
    Candidate.objects.create(first=own, second=hidden, probability=0.9)
    Candidate.objects.create(first=own, second=seen, probability=0.8)
    login(clerk).get(reverse("people:detail", kwargs={"public_id": own.public_id}))
    login(ngo_a).get(reverse("people:detail", kwargs={"public_id": own.public_id}))

    record = person_record(own, user=ngo_a)
    office = person_record(own, user=clerk)

    others = [c["other_record"] for c in record["identity_resolution"]["candidates"]]
    assert others == [seen.registration_number]
    assert hidden.registration_number not in json.dumps(record, ensure_ascii=False)
    assert {r["user"] for r in record["reads"]} == {ngo_a.username}
    # The agency office answers for the whole registry: it sees both links and both reads.
    assert len(office["identity_resolution"]["candidates"]) == 2
    assert {r["user"] for r in office["reads"]} == {ngo_a.username, clerk.username}


def test_the_record_export_is_limited_per_user(clerk, agency, person, login, settings):
    settings.EXPORT_RATE = "1/hour"
    request = request_record(clerk, person)
    url = reverse("rights:export-json", kwargs={"public_id": request.public_id})
    client = login(clerk)

    first = client.get(url)
    refused = client.get(url, headers={"accept-language": "ru"})

    assert first.status_code == 200
    assert refused.status_code == 429
    assert "Слишком много запросов" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert AccessLog.objects.filter(object_id=person.public_id, action="export").count() == 1
    manager = all_roles_user("manager-2", agency)
    assert login(manager).get(url).status_code == 200  # another user's count is their own
