"""Selectors of the registry's lists, as the API serves them: filters given as data, every row
through the access gate (``access.visible_persons`` and ``visible_households``), related rows
fetched in a fixed number of queries whatever the length of the page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from django.db.models import Model, Prefetch, QuerySet

from qorgau.organisations.models import User
from qorgau.people.access import (
    parse_public_id,
    visible_households,
    visible_persons,
    visible_persons_among,
)
from qorgau.people.fields import FieldGroup, persons_reading
from qorgau.people.models import Household, Person, PersonNeed

# Query parameter → lookup on the person.
PERSON_FILTERS = {
    "sex": "sex",
    "citizenship_status": "citizenship_status",
    "country_office": "country_office__iso3",
    "registered_by": "registered_by__code",
}


def person_filters(params: Mapping[str, str]) -> dict[str, str]:
    """The lookups that the given query parameters ask for; an empty parameter asks for none."""
    return {
        lookup: value for param, lookup in PERSON_FILTERS.items() if (value := params.get(param))
    }


def persons_with_related(people: QuerySet[Person]) -> QuerySet[Person]:
    """People with what the API shows of them. Only the joins that are never empty and the
    household are joined: PostgreSQL spent 10-12 ms planning the one query with every
    reference joined (four of them outer joins) and 0.6 ms running it, on each page of 50
    people (issue 12). The nullable references (countries, region) are small tables, read by
    id in a query each instead (none when no person on the page has one)."""
    return people.select_related("country_office", "registered_by", "household").prefetch_related(
        "birth_country",
        "citizenship_country",
        "origin_country",
        "region",
        # Into lists (``to_attr``): Django sets up a related manager per person otherwise, a
        # fifth of the time of a page of 50 people.
        Prefetch("phones", to_attr="listed_phones"),
        Prefetch("aliases", to_attr="listed_aliases"),
        Prefetch(
            "needs", queryset=PersonNeed.objects.select_related("need"), to_attr="listed_needs"
        ),
    )


def person_with_related(person: Person) -> Person:
    """A person already let through the gate, again with everything the API shows of them."""
    return persons_with_related(Person.objects.filter(pk=person.pk)).get()


def person_list(user: User, filters: Mapping[str, str]) -> QuerySet[Person]:
    """The people the user may see, filtered, by registration number."""
    return persons_with_related(visible_persons(user).filter(**filters)).order_by(
        "registration_number"
    )


def persons_found(user: User, ids: list[int]) -> list[Person]:
    """A page of people found by a search, in the order found, through the gate."""
    by_id = {p.pk: p for p in persons_with_related(visible_persons_among(user, ids))}
    return [by_id[pk] for pk in ids if pk in by_id]


def household_list(user: User) -> QuerySet[Household]:
    return visible_households(user).select_related("country_office", "registered_by")


def household_members(user: User, households: list[Household]) -> dict[int, list[Person]]:
    """The members of each household that the user may see, by household id."""
    members: dict[int, list[Person]] = {}
    rows = visible_persons(user).filter(household__in=households).order_by("registration_number")
    for person in rows:
        members.setdefault(person.household_id or 0, []).append(person)
    return members


def person_part_rows[M: Model](
    user: User, model: type[M], related: tuple[str, ...] = (), group: FieldGroup | None = None
) -> QuerySet[M]:
    """Records that belong to one person (documents, status periods): visible exactly when
    the person is, and (``group``) the user's role may read that group of the person's fields
    (``people/fields.py``)."""
    rows = cast("QuerySet[M]", model._default_manager.filter(person__in=visible_persons(user)))
    if group is not None:
        rows = rows.filter(person__in=persons_reading(user, group))
    return rows.select_related("person", *related)


def person_part_list[M: Model](
    user: User,
    model: type[M],
    *,
    related: tuple[str, ...] = (),
    ordering: tuple[str, ...] = ("person_id", "id"),
    person: str | None = None,
    group: FieldGroup | None = None,
) -> QuerySet[M]:
    """The records of every person the user may see, or of one (``person``, its public id)."""
    rows = person_part_rows(user, model, related, group).order_by(*ordering)
    if person:
        rows = rows.filter(person__public_id=parse_public_id(person))
    return rows
