"""Bulk registration: the same checks as a form, all or nothing, numbers and history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from qorgau.people import errors
from qorgau.people.models import Household, LegalStatusPeriod, Person
from qorgau.people.services.bulk import BulkHousehold, BulkPerson, BulkStatus, registry_bulk_insert
from qorgau.people.tests.factories import person_input

pytestmark = pytest.mark.django_db


def _household(agency):
    return BulkHousehold(
        registered_by_id=agency.pk,
        country_office_id=agency.country_id,
        country_iso3="KAZ",
        registered_at=timezone.now(),
    )


def _person(agency, household=None, relationship="", statuses=(), **fields):
    return BulkPerson(
        data=person_input(**fields),
        registered_by_id=agency.pk,
        country_office_id=agency.country_id,
        country_iso3="KAZ",
        registered_at=timezone.now(),
        household=household,
        relationship=relationship,
        statuses=list(statuses),
    )


def _status(agency, status, start, end=None):
    return BulkStatus(status, start, end, recorded_by_id=agency.pk)


def test_it_inserts_households_people_status_and_history(clerk, agency):
    household = _household(agency)
    people = [
        _person(
            agency,
            household,
            "principal",
            [
                _status(agency, "STA", dt.date(2015, 3, 1), dt.date(2020, 5, 1)),
                _status(agency, "NAT", dt.date(2020, 5, 1)),
            ],
        ),
        _person(agency, household, "wife", given_name="Айгүл", sex="female"),
    ]

    result = registry_bulk_insert(households=[household], people=people, actor=clerk)

    assert (result.households, result.people) == (1, 2)
    stored = Household.objects.get()
    assert stored.members.count() == 2
    principal = stored.members.get(relationship="principal")
    assert principal.family_name_latin == "Seitkaziev"
    assert list(principal.status_periods.values_list("status", flat=True)) == ["STA", "NAT"]
    assert principal.history.get().history_user == clerk
    assert LegalStatusPeriod.history.filter(person_id=principal.pk).count() == 2


def test_it_numbers_people_from_the_same_counters_as_single_registrations(
    clerk, agency, make_person
):
    first = make_person(clerk, agency)
    household = _household(agency)
    registry_bulk_insert(
        households=[household], people=[_person(agency, household, "principal")], actor=clerk
    )
    last = make_person(clerk, agency)

    numbers = sorted(Person.objects.values_list("registration_number", flat=True))
    assert numbers[0] == first.registration_number
    assert numbers[-1] == last.registration_number
    assert [int(n[-6:]) for n in numbers] == [1, 2, 3]


def test_it_refuses_the_whole_batch_when_one_person_is_invalid(clerk, agency):
    household = _household(agency)
    people = [
        _person(agency, household, "principal"),
        _person(agency, household, "son", date_of_birth="2999-01-01"),
    ]

    with pytest.raises(ValidationError) as caught:
        registry_bulk_insert(households=[household], people=people, actor=clerk)

    assert caught.value.message_dict["people.1.date_of_birth"] == [str(errors.DATE_IN_FUTURE)]
    assert not Person.objects.exists()
    assert not Household.objects.exists()


def test_it_refuses_a_household_without_a_principal(clerk, agency):
    household = _household(agency)

    with pytest.raises(ValidationError):
        registry_bulk_insert(
            households=[household], people=[_person(agency, household, "son")], actor=clerk
        )

    assert not Person.objects.exists()


@pytest.mark.parametrize(
    "periods",
    [
        [("STA", (2015, 1, 1), (2014, 1, 1))],
        [("STA", (2015, 1, 1), None), ("NAT", (2016, 1, 1), None)],
        [("STA", (2015, 1, 1), (2016, 1, 1)), ("NAT", (2017, 1, 1), None)],
    ],
    ids=["ends-before-start", "open-before-last", "gap"],
)
def test_it_refuses_status_periods_out_of_sequence(clerk, agency, periods):
    statuses = [_status(agency, s, dt.date(*a), dt.date(*b) if b else None) for s, a, b in periods]

    with pytest.raises(ValidationError) as caught:
        registry_bulk_insert(
            households=[], people=[_person(agency, statuses=statuses)], actor=clerk
        )

    assert caught.value.message_dict["people.0.statuses"] == [str(errors.STATUS_SEQUENCE)]
    assert not Person.objects.exists()
