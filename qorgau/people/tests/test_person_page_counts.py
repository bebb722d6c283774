"""The person page asks the database a fixed number of times: the count does not grow with the
person's documents, status periods, cases, household members, shares or merged records."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.shortcuts import render
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qorgau.identity.models import Candidate, Verdict
from qorgau.identity.services import ScoredPair, candidates_store, pair_decide
from qorgau.organisations.models import Organisation, OrganisationType, User
from qorgau.organisations.permissions import Perm, Role
from qorgau.organisations.selectors import user_has_perm_somewhere
from qorgau.organisations.tests.factories import organisation_make, user_make
from qorgau.people.access import visible_persons
from qorgau.people.models import DocumentType, LegalStatus, Person, Relationship
from qorgau.people.page import PERSON_PAGE_READ, person_page
from qorgau.people.services.documents import document_add
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input, share_grant_agreed
from qorgau.procedures.services import case_open
from qorgau.reference.models import Country

pytestmark = pytest.mark.django_db

PROCEDURES = ("asylum", "statelessness", "naturalisation")
STATUSES = (LegalStatus.ASYLUM_SEEKER, LegalStatus.REFUGEE, LegalStatus.STATELESS)
DOCUMENTS = (DocumentType.PASSPORT, DocumentType.REFUGEE_CERTIFICATE, DocumentType.RESIDENCE_PERMIT)


def _principal(officer: User, agency: Organisation, size: int) -> Person:
    """A household's principal with ``size`` of everything the page lists."""
    household = household_register(
        actor=officer,
        organisation=agency,
        members=[
            MemberInput(person_input(given_name="Ерлан"), Relationship.PRINCIPAL),
            *(
                MemberInput(person_input(given_name=f"Бала{i}", date_of_birth="2015"), "son")
                for i in range(size)
            ),
        ],
    )
    person = household.members.get(relationship=Relationship.PRINCIPAL)
    for i in range(size):
        document_add(actor=officer, person=person, type=DOCUMENTS[i], number=f"N{size}{i}000{i}")
        status_period_record(
            actor=officer,
            organisation=agency,
            person=person,
            status=STATUSES[i],
            effective_from=dt.date(2020 + i, 1, 1),
        )
        case_open(
            actor=officer,
            organisation=agency,
            procedure=PROCEDURES[i],
            person=person,
            opened_on=dt.date(2025, 1, 10),
        )
        share_grant_agreed(
            actor=officer,
            recipient=organisation_make(f"ngo-{size}-{i}", OrganisationType.NGO),
            person=person,
            agreement="DTA 2024/07",
            purpose="Legal counselling",
            expires_on=timezone.localdate() + dt.timedelta(days=30),
        )
        # A record found to be the same person and merged into this one.
        twin = household_register(
            actor=officer,
            organisation=agency,
            members=[MemberInput(person_input(given_name=f"Ерлан{i}"), Relationship.PRINCIPAL)],
        ).members.get()
        first, second = sorted((person.pk, twin.pk))
        candidates_store([ScoredPair(first, second, 0.99, [])])
        pair_decide(
            actor=officer,
            candidate=Candidate.objects.get(first_id=first, second_id=second),
            verdict=Verdict.SAME,
            kept=person,
        )
    return person


def _page_queries(client: Any, person: Person) -> int:
    url = reverse("people:detail", kwargs={"public_id": person.public_id})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", ["en", "kk"])
def test_the_count_does_not_grow_with_what_the_person_has(
    agency: Organisation, login: Any, language: str, settings: Any
) -> None:
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    client = login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    one = _principal(officer, agency, 1)
    three = _principal(officer, agency, 3)

    _page_queries(client, one)  # the first request warms caches (definitions, session)
    assert _page_queries(client, three) == _page_queries(client, one)


def test_the_template_asks_nothing_the_selector_did_not_read(agency: Organisation) -> None:
    """Everything the page shows comes from ``person_page``: rendering it runs no query (the
    navigation's permission flags aside, read before)."""
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    person = _principal(officer, agency, 2)
    person = Person.objects.get(pk=person.pk)  # as the access gate hands it over: nothing loaded
    request = RequestFactory().get("/")
    request.user = officer
    page = person_page(officer, person)
    for perm in Perm:
        user_has_perm_somewhere(officer, perm)

    with CaptureQueriesContext(connection) as queries:
        html = render(request, "people/detail.html", page.as_context()).content.decode()

    assert [q["sql"] for q in queries] == []
    assert len(page.sections["cases"]) == 2
    for row in page.sections["cases"]:
        assert reverse("procedures:detail", kwargs={"public_id": row["case"].public_id}) in html
    assert page.sections["merges"]["merged_records"]


def test_it_reads_each_part_once(agency: Organisation) -> None:
    """The page's selector, given the person as ``person_detail`` reads it (its links with
    it), asks one statement per part it lists: no gate asked again of the person or household
    it already holds, one statement for the whole change history (issue 12: before, the
    gates were asked again six times and the history took six statements)."""
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    person = _principal(officer, agency, 2)
    person = visible_persons(officer).select_related(*PERSON_PAGE_READ).get(pk=person.pk)
    for perm in Perm:
        user_has_perm_somewhere(officer, perm)

    with CaptureQueriesContext(connection) as queries:
        person_page(officer, person)

    assert len(queries) == PAGE_QUERIES, "\n".join(q["sql"][:120] for q in queries)


#: Status periods, documents, needs, phones, aliases, members, the history, the shares, cases,
#: the ids merged into the person, whether the user's organisations hold any share and the
#: merged records, data-subject requests, referrals.
PAGE_QUERIES = 14


def test_it_reads_the_persons_countries_in_one_look_up(
    agency: Organisation, make_person: Any
) -> None:
    """The three countries a person names come in one statement, read by the page when the gate
    did not (``PERSON_PAGE_READ`` leaves them out: their joins were slow to plan)."""
    officer = user_make("officer", agency, Role.PROTECTION_OFFICER)
    afghanistan, kyrgyzstan = Country.objects.get(iso3="AFG"), Country.objects.get(iso3="KGZ")
    person = make_person(
        officer,
        agency,
        birth_country=afghanistan,
        citizenship_status="citizen",
        citizenship_country=kyrgyzstan,
        origin_country=afghanistan,
    )
    person = visible_persons(officer).select_related(*PERSON_PAGE_READ).get(pk=person.pk)

    with CaptureQueriesContext(connection) as queries:
        page = person_page(officer, person)

    countries = [q for q in queries if q["sql"].startswith('SELECT "reference_country"')]
    assert len(countries) == 1
    assert (page.person.birth_country, page.person.citizenship_country) == (afghanistan, kyrgyzstan)
    assert page.person.origin_country == afghanistan
