"""The merges of a person, for the person's page."""

from __future__ import annotations

from django import template

from qorgau.identity.selectors import person_merges
from qorgau.organisations.models import User
from qorgau.people.models import Person

register = template.Library()


@register.simple_tag
def merges_of(person: Person, user: User) -> dict[str, object]:
    return person_merges(user, person)
