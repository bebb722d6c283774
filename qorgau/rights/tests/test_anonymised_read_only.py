"""An anonymised record is read-only: every service that writes to a person refuses it with the
one translated message (people/errors.py ANONYMISED_RECORD), so the pages, the API and bulk
actions all get the refusal; nothing is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone

from qorgau.audit.models import SecurityEvent
from qorgau.errors import NotAllowed
from qorgau.organisations.models import Organisation, User
from qorgau.people import errors
from qorgau.people.models import (
    Document,
    DocumentType,
    Household,
    LegalStatus,
    LegalStatusPeriod,
    Person,
    Relationship,
    Share,
)
from qorgau.people.services.documents import document_add, document_issue, document_update
from qorgau.people.services.households import (
    household_create,
    household_member_add,
    household_member_remove,
    household_principal_change,
)
from qorgau.people.services.persons import person_input_from, person_update
from qorgau.people.services.status import status_period_correct, status_period_record
from qorgau.people.tests.factories import share_grant_agreed
from qorgau.people.tests.test_household_changes import (  # noqa: F401 (the fixture)
    _member,
    family,
)
from qorgau.procedures.models import Case
from qorgau.procedures.services import case_open
from qorgau.procedures.tests.factories import all_roles_user
from qorgau.rights.services.anonymise import person_anonymise
from qorgau.rights.tests.factories import rich_person

pytestmark = pytest.mark.django_db


def _anonymised(person: Person, actor: User) -> Person:
    person_anonymise(actor=actor, person=person, reason="subject_request")
    person.refresh_from_db()
    return person


@pytest.fixture
def gone(clerk: User, agency: Organisation) -> Person:
    """A person of the agency office, anonymised."""
    return _anonymised(rich_person(clerk, agency), clerk)


def _refused(write: Callable[[], object]) -> None:
    with pytest.raises(NotAllowed) as refused:
        write()
    assert refused.value.code == "anonymised_record"
    assert str(refused.value.message) == str(errors.ANONYMISED_RECORD)


# --- services -------------------------------------------------------------------------------


def test_person_update_is_refused(clerk, gone):
    data = person_input_from(gone)
    data.given_name = "Ерлан"

    _refused(
        lambda: person_update(actor=clerk, person=gone, expected_version=gone.version, data=data)
    )

    assert Person.objects.get(pk=gone.pk).given_name == ""


def test_a_new_status_period_is_refused(clerk, agency, gone):
    periods = LegalStatusPeriod.objects.filter(person=gone).count()

    _refused(
        lambda: status_period_record(
            actor=clerk,
            organisation=agency,
            person=gone,
            status=LegalStatus.REFUGEE,
            effective_from=timezone.localdate(),
        )
    )

    assert LegalStatusPeriod.objects.filter(person=gone).count() == periods


def test_a_status_period_correction_is_refused(clerk, gone):
    period = LegalStatusPeriod.objects.get(person=gone)

    _refused(lambda: status_period_correct(actor=clerk, period=period, basis="Решение 12/2015"))

    assert LegalStatusPeriod.objects.get(pk=period.pk).basis == ""


def test_a_new_document_is_refused(clerk, gone):
    _refused(
        lambda: document_add(
            actor=clerk, person=gone, type=DocumentType.STATELESS_CERTIFICATE, number="SC 1112223"
        )
    )

    assert not Document.objects.filter(person=gone).exists()


def test_a_document_correction_is_refused(clerk, gone):
    # Anonymisation deletes the documents; one stored past the services (as an older import
    # could have) is still not correctable.
    document = document_issue(
        actor=clerk, person=gone, type=DocumentType.STATELESS_CERTIFICATE, number="SC 1112223"
    )

    _refused(lambda: document_update(actor=clerk, document=document, issuer="Migration Service"))

    assert Document.objects.get(pk=document.pk).issuer == ""


def test_grouping_into_a_new_household_is_refused(clerk, agency, gone):
    _refused(
        lambda: household_create(
            actor=clerk, organisation=agency, members=[(gone, Relationship.PRINCIPAL)]
        )
    )

    assert Person.objects.get(pk=gone.pk).household_id is None


def test_joining_a_household_is_refused(clerk, family, gone):  # noqa: F811
    _refused(
        lambda: household_member_add(
            actor=clerk, household=family, person=gone, relationship=Relationship.BROTHER
        )
    )

    assert Person.objects.get(pk=gone.pk).household_id is None
    assert Household.objects.get(pk=family.pk).version == family.version


def test_leaving_a_household_is_refused(clerk, family):  # noqa: F811
    child = _anonymised(_member(family, Relationship.SON), clerk)

    _refused(lambda: household_member_remove(actor=clerk, person=child))

    assert Person.objects.get(pk=child.pk).household_id == family.pk


@pytest.mark.parametrize("who", ["new", "former"])
def test_a_change_of_principal_involving_the_person_is_refused(clerk, family, who):  # noqa: F811
    principal = _member(family, Relationship.PRINCIPAL)
    child = _member(family, Relationship.SON)
    _anonymised(child if who == "new" else principal, clerk)

    _refused(
        lambda: household_principal_change(
            actor=clerk,
            household=family,
            person=child,
            former_principal_relationship=Relationship.FATHER,
        )
    )

    assert Person.objects.get(pk=principal.pk).relationship == Relationship.PRINCIPAL
    assert Person.objects.get(pk=child.pk).relationship == Relationship.SON


@pytest.mark.parametrize("what", ["person", "household"])
def test_a_share_is_refused_and_logged(clerk, agency, ngo_a_org, family, what):  # noqa: F811
    manager = all_roles_user("manager", agency)
    child = _anonymised(_member(family, Relationship.SON), clerk)
    record = {"person": child} if what == "person" else {"household": family}

    _refused(
        lambda: share_grant_agreed(
            actor=manager,
            recipient=ngo_a_org,
            agreement="DTA 2025/07 with NGO A",
            purpose="Legal counselling",
            expires_on=timezone.localdate() + dt.timedelta(days=30),
            **record,
        )
    )

    assert not Share.objects.exists()
    event = SecurityEvent.objects.get(event="share_refused")
    assert event.detail["reasons"] == ["anonymised_record"]


def test_a_case_on_the_person_is_refused(agency, gone):
    manager = all_roles_user("manager", agency)

    _refused(
        lambda: case_open(
            actor=manager,
            organisation=agency,
            procedure="asylum",
            person=gone,
            opened_on=timezone.localdate(),
        )
    )

    assert not Case.objects.exists()


def test_other_records_are_still_changed(clerk, family):  # noqa: F811
    """Only the anonymised record is frozen: its household's other members still change."""
    principal = _member(family, Relationship.PRINCIPAL)
    _anonymised(_member(family, Relationship.SON), clerk)
    data = person_input_from(principal)
    data.address = "Астана"

    person_update(actor=clerk, person=principal, expected_version=principal.version, data=data)

    assert Person.objects.get(pk=principal.pk).address == "Астана"


# --- page and API ---------------------------------------------------------------------------


def test_the_edit_page_refuses_and_says_why(clerk, gone, login):
    client = login(clerk)
    url = reverse("people:edit", kwargs={"public_id": gone.public_id})
    post = {
        "given_name": "Ерлан",
        "sex": "male",
        "citizenship_status": "stateless",
        "date_of_birth": "1990",
        "version": gone.version,
    }

    response = client.post(url, post)

    assert response.status_code == 403
    assert str(errors.ANONYMISED_RECORD) in response.content.decode()
    assert Person.objects.get(pk=gone.pk).given_name == ""


@pytest.mark.parametrize("method", ["patch", "put"])
def test_the_api_refuses_and_says_why(clerk, gone, login, method):
    body = {
        "given_name": "Ерлан",
        "sex": "male",
        "citizenship_status": "stateless",
        "version": gone.version,
    }

    response = getattr(login(clerk), method)(
        reverse("person-detail", args=[gone.public_id]), body, content_type="application/json"
    )

    assert response.status_code == 403
    assert str(errors.ANONYMISED_RECORD) in response.content.decode()
    assert Person.objects.get(pk=gone.pk).given_name == ""


def test_the_person_page_offers_no_change_of_an_anonymised_record(clerk, gone, login):
    page = login(clerk).get(reverse("people:detail", kwargs={"public_id": gone.public_id}))

    html = page.content.decode()
    for name in ("people:edit", "people:status-add", "people:document-add", "people:share-add"):
        assert reverse(name, kwargs={"public_id": gone.public_id}) not in html, name
    assert reverse("procedures:open", kwargs={"public_id": gone.public_id}) not in html
    # A further request of the person is still recorded (e.g. to see what is kept).
    assert reverse("rights:new", kwargs={"public_id": gone.public_id}) in html


@pytest.mark.parametrize(
    "name", ["people:edit", "people:status-add", "people:document-add", "people:share-add"]
)
def test_a_change_page_of_an_anonymised_record_is_refused_before_its_form(
    agency, gone, login, name
):
    # A user holding every role: the refusal is the record's, not a missing permission.
    manager = all_roles_user("manager", agency)
    response = login(manager).get(reverse(name, kwargs={"public_id": gone.public_id}))

    assert response.status_code == 403
    assert str(errors.ANONYMISED_RECORD) in response.content.decode()
    assert b"<form" not in response.content.split(b"<main", 1)[1].split(b"</main>", 1)[0]
