"""A partial change of a person (the API's PATCH) is a service: the stored values with the sent
ones in their place, refused without the version it was based on."""

import pytest
from django.core.exceptions import ValidationError

from qorgau.people import errors
from qorgau.people.models import Person
from qorgau.people.services.persons import person_patch

pytestmark = pytest.mark.django_db


def test_it_keeps_what_was_not_sent(clerk, agency, make_person):
    person = make_person(clerk, agency)

    changed = person_patch(
        actor=clerk, person=person, expected_version=person.version, changes={"address": "Ул. 1"}
    )

    stored = Person.objects.get(pk=person.pk)
    assert (stored.address, stored.family_name) == ("Ул. 1", person.family_name)
    assert stored.version == changed.version == person.version + 1


def test_it_needs_the_version_and_changes_nothing_without_it(clerk, agency, make_person):
    person = make_person(clerk, agency)

    with pytest.raises(ValidationError) as missing:
        person_patch(actor=clerk, person=person, expected_version=None, changes={"address": "X"})

    assert missing.value.message_dict == {"version": [str(errors.REQUIRED)]}
    assert Person.objects.get(pk=person.pk).version == person.version
