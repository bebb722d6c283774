"""Certificates about to expire: which ones give a reminder, to whom, and when it ends."""

from __future__ import annotations

import datetime as dt

import pytest

from qorgau.organisations.models import Organisation, User
from qorgau.people.models import DocumentType, LegalStatus, Person
from qorgau.people.services.documents import document_update
from qorgau.reminders.models import Reminder, ReminderKind
from qorgau.reminders.services import reminders_refresh
from qorgau.reminders.tests.factories import (
    CERTIFICATE_OF,
    TODAY,
    certificate_add,
    holder,
    status_record,
)

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _refresh(today: dt.date = TODAY) -> list[Reminder]:
    reminders_refresh(today=today, document_days=30)
    return list(Reminder.objects.filter(done_at=None, closed_at=None))


@pytest.mark.parametrize("status", list(CERTIFICATE_OF), ids=str)
def test_it_reminds_the_registering_organisation_of_an_expiring_certificate(
    status: str, ngo_a: User, ngo_a_org: Organisation, person: Person
) -> None:
    document = holder(ngo_a, ngo_a_org, person, TODAY + 20 * DAY, status)

    [reminder] = _refresh()

    assert reminder.kind == ReminderKind.DOCUMENT_EXPIRY
    assert (reminder.document, reminder.person, reminder.due_on) == (
        document,
        person,
        TODAY + 20 * DAY,
    )
    assert reminder.organisation == ngo_a_org
    assert reminder.country.iso3 == "KAZ"


@pytest.mark.parametrize(("days", "reminded"), [(30, True), (31, False)])
def test_it_reminds_only_within_the_lead_time(
    days: int, reminded: bool, ngo_a: User, ngo_a_org: Organisation, person: Person
) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY + days * DAY)

    assert bool(_refresh()) == reminded


def test_it_reads_the_lead_time_from_the_settings(
    settings, ngo_a: User, ngo_a_org: Organisation, person: Person
) -> None:
    settings.REMINDER_DOCUMENT_DAYS = 60
    holder(ngo_a, ngo_a_org, person, TODAY + 45 * DAY)

    result = reminders_refresh(today=TODAY)

    assert result.created == 1


def test_it_reminds_of_an_expired_certificate_still_needed(
    ngo_a: User, ngo_a_org: Organisation, person: Person
) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY - 10 * DAY)

    [reminder] = _refresh()

    assert reminder.due_on == TODAY - 10 * DAY


def test_it_closes_the_reminder_when_the_certificate_is_renewed(
    ngo_a: User, ngo_a_org: Organisation, person: Person
) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY + 10 * DAY)
    [old] = _refresh()

    certificate_add(ngo_a, person, DocumentType.ASYLUM_SEEKER_CERTIFICATE, TODAY + 100 * DAY)

    assert _refresh() == []
    old.refresh_from_db()
    assert old.closed_at is not None
    assert old.done_at is None


def test_it_reminds_of_the_renewed_certificate_when_that_one_expires(
    ngo_a: User, ngo_a_org: Organisation, person: Person
) -> None:
    holder(ngo_a, ngo_a_org, person, TODAY + 10 * DAY)
    renewed = certificate_add(
        ngo_a, person, DocumentType.ASYLUM_SEEKER_CERTIFICATE, TODAY + 100 * DAY
    )

    [reminder] = _refresh(TODAY + 80 * DAY)

    assert reminder.document == renewed


def test_it_stops_when_the_status_no_longer_needs_the_certificate(
    ngo_a: User, ngo_a_org: Organisation, person: Person
) -> None:
    """A recognised refugee needs no new asylum-seeker certificate."""
    holder(ngo_a, ngo_a_org, person, TODAY + 10 * DAY)
    assert len(_refresh()) == 1

    status_record(ngo_a, ngo_a_org, person, LegalStatus.REFUGEE, since=TODAY - 5 * DAY)

    assert _refresh() == []


@pytest.mark.parametrize(
    ("status", "document_type"),
    [
        (LegalStatus.NATURALISED, DocumentType.STATELESS_CERTIFICATE),
        (LegalStatus.UNDETERMINED, DocumentType.STATELESS_CERTIFICATE),
        (LegalStatus.REFUGEE, DocumentType.ASYLUM_SEEKER_CERTIFICATE),
        (LegalStatus.ASYLUM_SEEKER, DocumentType.PASSPORT),
    ],
    ids=str,
)
def test_it_gives_none_for_a_document_the_status_does_not_need(
    status: str, document_type: str, ngo_a: User, ngo_a_org: Organisation, person: Person
) -> None:
    status_record(ngo_a, ngo_a_org, person, status)
    certificate_add(ngo_a, person, document_type, TODAY + 5 * DAY)

    assert _refresh() == []


def test_it_gives_none_to_a_person_without_a_status(ngo_a: User, person: Person) -> None:
    certificate_add(ngo_a, person, DocumentType.STATELESS_CERTIFICATE, TODAY + 5 * DAY)

    assert _refresh() == []


def test_it_reminds_again_when_the_expiry_date_is_corrected(
    ngo_a: User, ngo_a_org: Organisation, person: Person
) -> None:
    document = holder(ngo_a, ngo_a_org, person, TODAY + 10 * DAY)
    [old] = _refresh()

    document_update(actor=ngo_a, document=document, expires_on=TODAY + 12 * DAY)

    [new] = _refresh()
    assert new.due_on == TODAY + 12 * DAY
    old.refresh_from_db()
    assert old.closed_at is not None
