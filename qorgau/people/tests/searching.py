"""What a search shows a user: the people found, in order (for the tests of the search)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from qorgau.organisations.models import User
from qorgau.people.models import Person
from qorgau.people.selectors import person_search, search_rows


def found(user: User | AnonymousUser, query: str) -> list[Person]:
    ids = person_search(user=user, query=query).ids
    return [row.person for row in search_rows(user=user, ids=ids)]
