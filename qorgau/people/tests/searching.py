"""What a search shows a user: the people found, in order (for the tests of the search)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from qorgau.organisations.models import User
from qorgau.people.models import Person
from qorgau.people.selectors import people_listed, person_search


def found(user: User | AnonymousUser, query: str) -> list[Person]:
    return people_listed(user=user, ids=person_search(user=user, query=query).ids)
