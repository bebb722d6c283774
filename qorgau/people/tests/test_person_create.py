import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from qorgau.people import errors
from qorgau.people.models import Person, PersonNameKey
from qorgau.people.services.persons import person_create
from qorgau.people.tests.factories import person_input

pytestmark = pytest.mark.django_db


def test_it_registers_with_a_number_and_a_latin_form(clerk, agency, make_person):
    person = make_person(clerk, agency)

    assert person.registration_number.startswith("KAZ-")
    assert person.family_name == "Сейтқазиев"
    assert person.family_name_latin == "Seitkaziev"
    assert person.registered_by == agency
    assert person.history.count() == 1
    assert person.history.first().history_user == clerk


def test_it_allocates_consecutive_numbers(clerk, agency, make_person):
    first = make_person(clerk, agency)
    second = make_person(clerk, agency)

    assert int(second.registration_number[-6:]) == int(first.registration_number[-6:]) + 1


def test_it_stores_search_keys_of_every_name(clerk, agency, make_person):
    person = make_person(clerk, agency)

    keys = set(PersonNameKey.objects.filter(person=person).values_list("key", flat=True))
    assert len(keys) == 3


def test_it_refuses_a_future_date_of_birth(clerk, agency):
    with pytest.raises(ValidationError) as caught:
        person_create(
            actor=clerk, organisation=agency, data=person_input(date_of_birth="2999-01-01")
        )

    assert caught.value.message_dict["date_of_birth"] == [str(errors.DATE_IN_FUTURE)]
    assert Person.objects.count() == 0


def test_it_refuses_to_register_for_another_organisation(clerk, ngo_a_org):
    with pytest.raises(PermissionDenied):
        person_create(actor=clerk, organisation=ngo_a_org, data=person_input())


def test_it_never_imports_the_same_source_id_twice(clerk, agency, make_person):
    make_person(clerk, agency, source_id="GOV-17")

    with pytest.raises(ValidationError) as caught:
        make_person(clerk, agency, source_id="GOV-17")

    assert "source_id" in caught.value.message_dict
    assert Person.objects.count() == 1
