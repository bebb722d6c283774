"""The registration page refuses the names the API refuses (issue 14): the checks are the
service's, so the page shows them on the field and saves nothing."""

import pytest

from qorgau.people import errors
from qorgau.people.models import Household, Person
from qorgau.people.tests.test_web_forms import REGISTER, WIFE, _members, _principal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Ер\u200bлан", str(errors.NAME_CHARACTER) % {"character": "U+200B"}),
        ("Ер\u202eлан", str(errors.NAME_CHARACTER) % {"character": "U+202E"}),
        ("Щ" * 100, str(errors.NAME_TOO_LONG_IN_LATIN) % {"length": 400, "limit": 150}),
    ],
)
def test_it_shows_a_refused_name_on_the_field_and_saves_nothing(clerk, login, name, message):
    data = {**_principal(given_name=name), **_members(WIFE)}

    response = login(clerk).post(REGISTER, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.exists()
    assert not Household.objects.exists()
