"""The review queue shows each side's household, documents and current status, links to both
records, logs the reads as the person page does, and needs the same queries however many
pairs a page holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from qorgau.audit.models import AccessLog
from qorgau.identity.models import Candidate
from qorgau.identity.services import ScoredPair, candidates_store
from qorgau.organisations.models import Organisation, User
from qorgau.people.models import DocumentType, LegalStatus, Person, Relationship, Sex
from qorgau.people.services.documents import document_add
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import person_create
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input

pytestmark = pytest.mark.django_db


def _household_pair(clerk: User, agency: Organisation, given: str) -> tuple[Person, Person]:
    """A household of three (the principal named ``given``) and a loose record of the same
    person with a document and a status; returns (principal, loose)."""
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[
            MemberInput(person_input(given_name=given), Relationship.PRINCIPAL),
            MemberInput(person_input(given_name="Айгүл", sex=Sex.FEMALE), Relationship.WIFE),
            MemberInput(person_input(given_name="Нұрлан"), Relationship.SON),
        ],
    )
    principal = household.members.get(relationship=Relationship.PRINCIPAL)
    loose = person_create(actor=clerk, organisation=agency, data=person_input(given_name=given))
    document_add(
        actor=clerk,
        person=loose,
        type=DocumentType.STATELESS_CERTIFICATE,
        number="SC 0099" + str(loose.pk).zfill(3),
        expires_on=dt.date(2020, 1, 31),
    )
    status_period_record(
        actor=clerk,
        organisation=agency,
        person=loose,
        status=LegalStatus.STATELESS,
        effective_from=dt.date(2019, 5, 1),
    )
    candidates_store([ScoredPair(principal.pk, loose.pk, 0.97, [])])
    return principal, loose


def test_it_shows_household_documents_status_and_links_of_both_records(
    clerk: User, agency: Organisation, login: Callable[[User | None], Client]
) -> None:
    principal, loose = _household_pair(clerk, agency, "Ерлан")

    response = login(clerk).get(reverse("identity:review"))

    html = response.content.decode()
    assert principal.household is not None
    assert principal.household.registration_number in html
    assert "3 members" in html
    assert "Principal applicant" in html
    assert f"SC 0099{str(loose.pk).zfill(3)}" in html  # the number as the person page shows it
    assert "Expired" in html
    assert "Stateless" in html
    for person in (principal, loose):
        assert reverse("people:detail", kwargs={"public_id": person.public_id}) in html
    logged = AccessLog.objects.filter(action="view", object_type="person", user=clerk)
    assert set(logged.values_list("object_id", flat=True)) == {principal.public_id, loose.public_id}


def test_it_needs_the_same_queries_for_one_pair_and_for_a_full_page(
    clerk: User,
    agency: Organisation,
    login: Callable[[User | None], Client],
    django_assert_max_num_queries: Any,
) -> None:
    client = login(clerk)
    _household_pair(clerk, agency, "Ерлан")
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("identity:review"))
    for given in ("Асқар", "Дәулет", "Бауыржан", "Нұржан", "Ғалым", "Марат", "Серік"):
        _household_pair(clerk, agency, given)
    assert Candidate.objects.count() == 8

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("identity:review"))

    assert len(response.context["pairs"]) == 8


def test_it_names_the_evidence_in_the_page_language(
    clerk: User, agency: Organisation, login: Callable[[User | None], Client]
) -> None:
    _household_pair(clerk, agency, "Ерлан")
    Candidate.objects.update(
        evidence=[
            {"comparison": "family", "level": "other transliteration or language form",
             "weight": 5.1},
            {"comparison": "extra_column", "level": "exact", "weight": 1.0},
        ]
    )  # fmt: skip
    client = login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    html = client.get(reverse("identity:review")).content.decode()

    assert "Фамилия" in html
    assert "other transliteration" not in html
    assert "extra_column" in html  # a comparison the tables do not know is shown as it is
