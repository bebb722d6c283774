"""Which record an organisation's own id of a person (``source_id``) names, for every import
that names people by it (people and their documents alike): the person the organisation
registered under that id, or else the record a review linked the id to ("same person as",
``SourceLink``, ADR 0054), followed to the record a merge kept. A linked record the importing
user may only see (a share) is noted as such: rows naming it are recognised, never written."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from qorgau.imports.models import SourceLink
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import visible_persons
from qorgau.people.models import Person


@dataclass
class SourcePeople:
    people: dict[str, Person] = field(default_factory=dict)  # by source id
    view_only: set[int] = field(default_factory=set)  # pks of linked records not changeable


def source_people(
    *,
    organisation: Organisation,
    actor: User | None,
    source_ids: Collection[str],
    prefetch: Sequence[str] = (),
    own: bool = True,
) -> SourcePeople:
    """The records the organisation's ids name (a few queries for the whole collection).
    ``own=False`` leaves out the organisation's own people (the caller has them already).
    Without an ``actor`` (a preview, which writes nothing) every linked record counts as
    changeable."""
    wanted = {s for s in source_ids if s}
    found = SourcePeople()
    if not wanted:
        return found
    if own:
        mine = Person.objects.filter(registered_by=organisation, source_id__in=wanted)
        found.people = {p.source_id: p for p in mine.prefetch_related(*prefetch)}
    rest = wanted - set(found.people)
    if not rest:
        return found
    links = dict(
        SourceLink.objects.filter(organisation=organisation, source_id__in=rest).values_list(
            "source_id", "person_id"
        )
    )
    if not links:
        return found
    linked = Person.objects.filter(pk__in=set(links.values())).select_related("merged_into")
    kept = {p.pk: (p.merged_into or p).pk for p in linked}
    records = Person.objects.filter(pk__in=set(kept.values())).prefetch_related(*prefetch)
    by_pk = {p.pk: p for p in records}
    if actor is not None:
        changeable = set(
            visible_persons(actor, Perm.PERSON_CHANGE)
            .filter(pk__in=by_pk)
            .values_list("pk", flat=True)
        )
        found.view_only = set(by_pk) - changeable
    found.people.update({s: by_pk[kept[pk]] for s, pk in links.items() if kept.get(pk) in by_pk})
    return found
