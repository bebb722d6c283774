"""Change history: every change made through a service is kept, with the actor who made it."""

import datetime as dt

import pytest
from django.utils import timezone

from qorgau.organisations.models import Membership, User
from qorgau.organisations.permissions import Role
from qorgau.people.models import (
    Document,
    DocumentType,
    LegalStatus,
    LegalStatusPeriod,
    PersonAlias,
    PersonNeed,
    PhoneNumber,
    Relationship,
    Share,
)
from qorgau.people.selectors import person_history
from qorgau.people.services.documents import document_add, document_update
from qorgau.people.services.households import (
    MemberInput,
    household_member_add,
    household_member_remove,
    household_register,
)
from qorgau.people.services.persons import AliasInput, person_input_from, person_update
from qorgau.people.services.shares import share_revoke
from qorgau.people.services.status import status_period_record
from qorgau.people.tests.factories import person_input, share_grant_agreed

pytestmark = pytest.mark.django_db

RELATED = (PhoneNumber, PersonNeed, PersonAlias)


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(
        clerk,
        agency,
        phones=["+77012345678"],
        needs=["SM-CI"],
        aliases=[AliasInput(family_name="Seytkaziyev", given_name="Yerlan")],
    )


def _history(model, person):
    return model.history.filter(person_id=person.pk)


def _counts(person):
    return {model.__name__: _history(model, person).count() for model in RELATED}


def test_it_records_the_actor_of_a_registration_and_its_related_rows(clerk, person):
    assert person.history.get().history_user == clerk
    assert person.history.get().history_type == "+"
    for model in RELATED:
        row = _history(model, person).get()
        assert (row.history_user, row.history_type) == (clerk, "+")


def test_it_records_the_actor_of_a_change(clerk, person):
    data = person_input_from(person)
    data.phones = ["+77017654321"]
    data.needs = []

    person_update(actor=clerk, person=person, expected_version=1, data=data)

    latest = person.history.latest()
    assert (latest.history_user, latest.history_type, latest.version) == (clerk, "~", 2)
    phone_changes = _history(PhoneNumber, person).order_by("history_id")
    assert [(r.history_type, str(r.number)) for r in phone_changes] == [
        ("+", "+77012345678"),
        ("-", "+77012345678"),
        ("+", "+77017654321"),
    ]
    assert {r.history_user for r in phone_changes} == {clerk}
    need_removed = _history(PersonNeed, person).latest()
    assert (need_removed.history_type, need_removed.history_user) == ("-", clerk)


def test_it_changes_no_related_rows_when_only_names_change(clerk, person):
    before = _counts(person)
    data = person_input_from(person)
    data.given_name = "Ержан"
    data.family_name = "Сейтказиев"

    person_update(actor=clerk, person=person, expected_version=1, data=data)

    assert _counts(person) == before
    assert person.history.count() == 2


def test_it_records_the_actor_of_documents(clerk, person):
    document = document_add(
        actor=clerk, person=person, type=DocumentType.PASSPORT, number="N1234567"
    )
    document_update(actor=clerk, document=document, issuer="МВД РК")

    rows = Document.history.filter(id=document.pk).order_by("history_id")
    assert [(r.history_type, r.history_user) for r in rows] == [("+", clerk), ("~", clerk)]


def test_it_records_the_actor_of_status_periods(clerk, agency, person):
    status_period_record(
        actor=clerk,
        organisation=agency,
        person=person,
        status=LegalStatus.ASYLUM_SEEKER,
        effective_from=dt.date(2023, 5, 10),
    )
    status_period_record(
        actor=clerk,
        organisation=agency,
        person=person,
        status=LegalStatus.REFUGEE,
        effective_from=dt.date(2024, 2, 1),
    )

    rows = LegalStatusPeriod.history.filter(person_id=person.pk).order_by("history_id")
    assert [(r.status, r.history_type) for r in rows] == [
        ("ASY", "+"),
        ("ASY", "~"),
        ("REF", "+"),
    ]
    assert {r.history_user for r in rows} == {clerk}


def test_it_records_the_actor_of_household_changes(clerk, agency, make_person):
    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[MemberInput(person_input(), Relationship.PRINCIPAL)],
    )
    son = make_person(clerk, agency, given_name="Нұрлан")

    household_member_add(actor=clerk, household=household, person=son, relationship="son")
    household_member_remove(actor=clerk, person=son)

    versions = household.history.order_by("history_id")
    assert [(r.history_type, r.version) for r in versions] == [("+", 1), ("~", 2), ("~", 3)]
    assert {r.history_user for r in versions} == {clerk}
    changes = son.history.order_by("history_id")
    assert [(r.history_type, r.relationship) for r in changes] == [
        ("+", ""),
        ("~", "son"),
        ("~", ""),
    ]
    assert {r.history_user for r in changes} == {clerk}
    principal = household.members.get()
    assert {r.history_user for r in principal.history.all()} == {clerk}


def test_it_records_who_granted_and_who_revoked_a_share(agency, ngo_a_org, clerk, make_person):
    officer = User.objects.create(username="officer")
    Membership.objects.create(user=officer, organisation=agency, role=Role.PROTECTION_OFFICER)
    person = make_person(clerk, agency)

    share = share_grant_agreed(
        actor=officer,
        recipient=ngo_a_org,
        agreement="DTA 2025/07",
        purpose="Legal counselling",
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        person=person,
    )
    share_revoke(actor=officer, share=share)

    rows = Share.history.filter(id=share.pk).order_by("history_id")
    assert [(r.history_type, r.history_user) for r in rows] == [("+", officer), ("~", officer)]


def test_it_lists_the_history_of_the_person_and_its_records(clerk, person):
    document_add(actor=clerk, person=person, type=DocumentType.PASSPORT, number="N1234567")

    entries = person_history(person)

    assert {e.user for e in entries} == {str(clerk)}
    assert len(entries) == 5  # person, phone, need, alias, document
