"""Registration numbers: per country office and year, consecutive, without gaps or duplicates."""

import datetime as dt
import re
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, connections, transaction
from django.utils import timezone

from qorgau.organisations.models import Membership
from qorgau.organisations.permissions import Role
from qorgau.people.models import Person, Relationship
from qorgau.people.services.households import MemberInput, household_register
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input

pytestmark = pytest.mark.django_db


def _year():
    return timezone.localdate().year % 100


def _serial(number):
    return int(number.rsplit("-", 1)[1].lstrip("H"))


class _Rollback(Exception):
    pass


def test_it_numbers_people_in_the_country_office_format(clerk, agency, make_person):
    person = make_person(clerk, agency)

    assert re.fullmatch(r"KAZ-\d{2}-\d{6}", person.registration_number)
    assert person.registration_number == f"KAZ-{_year():02d}-000001"


def test_it_numbers_households_in_their_own_series(clerk, agency, make_person):
    make_person(clerk, agency)

    household = household_register(
        actor=clerk,
        organisation=agency,
        members=[MemberInput(person_input(), Relationship.PRINCIPAL)],
    )

    assert household.registration_number == f"KAZ-{_year():02d}-H00001"
    assert household.members.get().registration_number == f"KAZ-{_year():02d}-000002"


def test_it_hands_out_consecutive_numbers(clerk, agency, make_person):
    numbers = [make_person(clerk, agency).registration_number for _ in range(3)]

    assert [_serial(n) for n in numbers] == [1, 2, 3]


def test_it_keeps_separate_series_per_country_office(
    clerk, agency, agency_kgz, make_person, django_user_model
):
    kgz_clerk = django_user_model.objects.create(username="kgz-clerk")
    Membership.objects.create(user=kgz_clerk, organisation=agency_kgz, role=Role.REGISTRATION_CLERK)
    make_person(clerk, agency)

    kgz = make_person(kgz_clerk, agency_kgz)

    assert kgz.registration_number == f"KGZ-{_year():02d}-000001"


def test_it_starts_again_every_year(clerk, agency, make_person):
    make_person(clerk, agency)
    next_year = timezone.localdate().year + 1

    with time_machine.travel(
        dt.datetime(next_year, 1, 1, 9, tzinfo=ZoneInfo(settings.TIME_ZONE)), tick=False
    ):
        person = make_person(clerk, agency)

    assert person.registration_number == f"KAZ-{next_year % 100:02d}-000001"


def test_it_reuses_the_number_of_a_rolled_back_registration(clerk, agency, make_person):
    first = make_person(clerk, agency)

    def register_then_roll_back():
        with transaction.atomic():
            make_person(clerk, agency, given_name="Айгүл")
            raise _Rollback

    with pytest.raises(_Rollback):
        register_then_roll_back()

    second = make_person(clerk, agency, given_name="Бақыт")
    assert _serial(second.registration_number) == _serial(first.registration_number) + 1


def test_it_consumes_no_number_for_a_refused_registration(clerk, agency, make_person):
    first = make_person(clerk, agency)

    with pytest.raises(ValidationError):
        # Needs are checked after the number is allocated: the transaction must return it.
        make_person(clerk, agency, needs=["ZZ-ZZ"])

    second = make_person(clerk, agency)
    assert _serial(second.registration_number) == _serial(first.registration_number) + 1
    assert Person.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_it_gives_concurrent_registrations_distinct_gap_free_numbers(clerk, agency):
    if connection.vendor != "postgresql":
        pytest.skip("threads do not share SQLite's in-memory test database; CI runs PostgreSQL")
    threads_count, per_thread = 6, 3
    barrier = threading.Barrier(threads_count)
    numbers: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def register():
        try:
            barrier.wait(timeout=10)
            for _ in range(per_thread):
                person = person_create(actor=clerk, organisation=agency, data=person_input())
                with lock:
                    numbers.append(person.registration_number)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    close_old_connections()

    assert failures == []
    total = threads_count * per_thread
    assert len(numbers) == len(set(numbers)) == total
    assert sorted(_serial(n) for n in numbers) == list(range(1, total + 1))
