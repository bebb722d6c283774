"""What a page may show of a person it lists (issue 14, ADR 0030): ``person|fields_of:policies``
gives the template the ``{"identity": True, …}`` of the user's policy for the person, from the
``field_policies`` the view computed for the whole page in one call (templates never query)."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from qorgau.people.fields import FieldPolicy
from qorgau.people.models import Person

register = template.Library()

_NOTHING = FieldPolicy(frozenset())


@register.filter
def fields_of(person: Person | None, policies: Mapping[int, FieldPolicy] | None) -> dict[str, bool]:
    """The groups the page may show of ``person``: none when the view computed no policy for
    them (a person left out shows nothing rather than everything)."""
    if person is None or not policies:
        return _NOTHING.by_name
    return policies.get(person.pk, _NOTHING).by_name
