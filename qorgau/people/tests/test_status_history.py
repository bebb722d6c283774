"""Legal status history: periods are appended, the current status is derived as of a date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from qorgau.people import errors
from qorgau.people.models import LegalStatus, LegalStatusPeriod
from qorgau.people.selectors import person_status_on
from qorgau.people.services.status import status_period_record

pytestmark = pytest.mark.django_db

APPLIED = dt.date(2023, 5, 10)
RECOGNISED = dt.date(2024, 2, 1)


@pytest.fixture
def person(clerk, agency, make_person):
    return make_person(clerk, agency)


def _record(clerk, agency, person, status, effective_from):
    return status_period_record(
        actor=clerk,
        organisation=agency,
        person=person,
        status=status,
        effective_from=effective_from,
    )


def test_it_closes_the_open_period_and_opens_a_new_one(clerk, agency, person):
    first = _record(clerk, agency, person, LegalStatus.ASYLUM_SEEKER, APPLIED)

    second = _record(clerk, agency, person, LegalStatus.REFUGEE, RECOGNISED)

    first.refresh_from_db()
    assert first.effective_to == RECOGNISED
    assert second.effective_to is None
    assert second.recorded_by == agency
    assert list(person.status_periods.values_list("status", flat=True)) == ["ASY", "REF"]


@pytest.mark.parametrize("days", [0, -1])
def test_it_refuses_a_start_not_after_the_current_one(clerk, agency, person, days):
    _record(clerk, agency, person, LegalStatus.ASYLUM_SEEKER, APPLIED)

    with pytest.raises(ValidationError) as caught:
        _record(clerk, agency, person, LegalStatus.REFUGEE, APPLIED + dt.timedelta(days=days))

    expected = str(errors.STATUS_BEFORE_CURRENT) % {"date": APPLIED.isoformat()}
    assert caught.value.message_dict["effective_from"] == [expected]
    only = person.status_periods.get()
    assert only.status == LegalStatus.ASYLUM_SEEKER
    assert only.effective_to is None


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (APPLIED - dt.timedelta(days=1), None),
        (APPLIED, "ASY"),
        (RECOGNISED - dt.timedelta(days=1), "ASY"),
        (RECOGNISED, "REF"),
        (dt.date(2099, 1, 1), "REF"),
    ],
)
def test_it_derives_the_status_as_of_a_date(clerk, agency, person, on, expected):
    _record(clerk, agency, person, LegalStatus.ASYLUM_SEEKER, APPLIED)
    _record(clerk, agency, person, LegalStatus.REFUGEE, RECOGNISED)

    period = person_status_on(person, on)

    assert (period.status if period else None) == expected


def test_it_derives_the_current_status_for_today_by_default(clerk, agency, person):
    _record(clerk, agency, person, LegalStatus.ASYLUM_SEEKER, APPLIED)

    assert person_status_on(person).status == LegalStatus.ASYLUM_SEEKER


def test_it_has_the_database_refuse_a_second_open_period(clerk, agency, person):
    _record(clerk, agency, person, LegalStatus.ASYLUM_SEEKER, APPLIED)

    with pytest.raises(IntegrityError), transaction.atomic():
        LegalStatusPeriod.objects.create(
            person=person,
            status=LegalStatus.REFUGEE,
            effective_from=RECOGNISED,
            recorded_by=agency,
        )

    assert person.status_periods.filter(effective_to__isnull=True).count() == 1
