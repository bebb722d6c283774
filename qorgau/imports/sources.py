"""Which record an organisation's own id of a person (``source_id``) names, for every import
that names people by it (people and their documents alike): the person the organisation
registered under that id, or else the record a review linked the id to ("same person as",
``SourceLink``, ADR 0054), followed to the record a merge kept. The people are read through
``people.access.persons_of_source_ids``, the one door to them. A linked record the importing
user may only see (a share), or may not see at all, is noted as such: rows naming it are
recognised, never written."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from qorgau.imports.models import SourceLink
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import persons_of_source_ids, visible_persons
from qorgau.people.models import Person


@dataclass
class SourcePeople:
    people: dict[str, Person] = field(default_factory=dict)  # by source id
    view_only: set[int] = field(default_factory=set)  # pks of linked records not changeable


def source_people(
    *,
    organisation: Organisation,
    user: User,
    source_ids: Collection[str],
    prefetch: Sequence[str] = (),
    writes: bool = True,
) -> SourcePeople:
    """The records the organisation's ids name (a few queries for the whole collection), as
    ``user`` may see them. For a preview (``writes=False``, nothing written) every linked
    record the user may see counts as changeable. A linked record the user may not see is
    an unsaved ``Person`` holding only its primary key (nothing of it is read), and is never
    changeable."""
    wanted = {s for s in source_ids if s}
    found = SourcePeople()
    if not wanted:
        return found
    links = dict(
        SourceLink.objects.filter(organisation=organisation, source_id__in=wanted).values_list(
            "source_id", "person_id"
        )
    )
    persons = persons_of_source_ids(
        organisation=organisation,
        user=user,
        source_ids=wanted,
        linked=links,
        prefetch=prefetch,
    )
    found.people = persons.people
    found.people.update({s: Person(pk=pk) for s, pk in persons.unseen.items()})
    found.view_only = set(persons.unseen.values())
    linked = {p.pk for s, p in persons.people.items() if s in links}
    if writes and linked:
        changeable = set(
            visible_persons(user, Perm.PERSON_CHANGE)
            .filter(pk__in=linked)
            .values_list("pk", flat=True)
        )
        found.view_only |= linked - changeable
    return found
