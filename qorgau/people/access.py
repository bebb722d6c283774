"""The only doors to people and households.

Every page, search, list, export and API endpoint that shows a person or a household gets it
from here. A record is visible to a user holding the permission in an organisation that
(a) registered it, (b) is the operating agency's office of the record's country, or (c) for
viewing only, received an active share of it (or of its household). Shares never grant changes:
the registering organisation stays responsible for the record. Missing and not-yours give the
same 404.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from qorgau.audit.services import Reader, access_log_record
from qorgau.errors import NotAllowed, NotFound
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import Scope, user_scope
from qorgau.people import errors
from qorgau.people.models import Household, Person, PersonNameKey, Share


def _active_shares(scope: Scope) -> QuerySet[Share]:
    return Share.objects.filter(
        organisation_id__in=scope.organisation_ids,
        revoked_at__isnull=True,
        expires_on__gte=timezone.localdate(),
    )


def _person_condition(scope: Scope, shared: bool, via: str = "") -> Q:
    """Who of the people the scope may see, as a condition on a person (``via`` is the path from
    the rows filtered to their person, e.g. ``"person__"``); ``shared``: also the people shared
    with the scope, or whose household is (viewing only)."""
    person = f"{via}pk" if via else "pk"
    condition = Q(**{f"{via}registered_by_id__in": scope.organisation_ids}) | Q(
        **{f"{via}country_office_id__in": scope.agency_country_ids}
    )
    if shared:
        shares = _active_shares(scope)
        condition |= Q(Exists(shares.filter(person_id=OuterRef(person)))) | Q(
            Exists(shares.filter(household_id=OuterRef(f"{via}household_id")))
        )
    return condition


def visible_persons(user: User | AnonymousUser, perm: Perm = Perm.PERSON_VIEW) -> QuerySet[Person]:
    scope = user_scope(user, perm)
    if scope.is_empty:
        return Person.objects.none()
    return Person.objects.filter(_person_condition(scope, shared=perm == Perm.PERSON_VIEW))


def person_visible(
    user: User | AnonymousUser, person: Person, perm: Perm = Perm.PERSON_VIEW
) -> bool:
    """Whether ``user`` may see ``person`` (a record already read in this request) with
    ``perm``: ``visible_persons(user, perm)`` asked of one record. The registering organisation
    and the agency office are read from the record itself, with no query; only a share (for
    viewing) is looked up, and only when neither holds (issue 12: a person page asked this
    of the database six times)."""
    if person_held(user, person, perm):
        return True
    scope = user_scope(user, perm)
    if scope.is_empty or perm != Perm.PERSON_VIEW:
        return False
    return Person.objects.filter(_person_condition(scope, shared=True), pk=person.pk).exists()


def person_held(user: User | AnonymousUser, person: Person, perm: Perm = Perm.PERSON_VIEW) -> bool:
    """Whether ``person`` (a record already read) is held where ``user`` holds ``perm``:
    registered by one of those organisations, or in the country of one that is the agency's
    office there. Shares left aside; read from the record, no query."""
    return _held(person, user_scope(user, perm))


def _held(record: Person | Household, scope: Scope) -> bool:
    """``_person_condition``/``_household_condition`` without shares, asked of a record read."""
    return (
        record.registered_by_id in scope.organisation_ids
        or record.country_office_id in scope.agency_country_ids
    )


def household_visible(
    user: User | AnonymousUser, household: Household, perm: Perm = Perm.PERSON_VIEW
) -> bool:
    """``visible_households(user, perm)`` asked of one household already read, as
    ``person_visible``: a query only for a share."""
    scope = user_scope(user, perm)
    if scope.is_empty:
        return False
    if _held(household, scope):
        return True
    if perm != Perm.PERSON_VIEW:
        return False
    condition = _household_condition(scope, shared=True)
    return Household.objects.filter(condition, pk=household.pk).exists()


def _shares_held(user: User | AnonymousUser, scope: Scope, perm: Perm) -> bool:
    """Whether the scope's organisations hold any active share (for viewing); asked once per
    user object, that is per request, like the scope itself."""
    if perm != Perm.PERSON_VIEW:
        return False
    cache: dict[frozenset[int], bool] = user.__dict__.setdefault("_qorgau_shares", {})
    if scope.organisation_ids not in cache:
        cache[scope.organisation_ids] = _active_shares(scope).exists()
    return cache[scope.organisation_ids]


def visible_persons_among(
    user: User | AnonymousUser, ids: list[int], perm: Perm = Perm.PERSON_VIEW
) -> QuerySet[Person]:
    """The people of ``ids`` the user may see: ``visible_persons`` for a page of ids already
    found (a search's results). Most organisations hold no share; their condition is then built
    without the two share look-ups, half the work of a results page (issue 12). Only for a
    list of ids: on the whole registry a condition without them changes SQLite's plan."""
    return visible_persons_looked_up(user, perm).filter(pk__in=ids)


def visible_persons_looked_up(
    user: User | AnonymousUser, perm: Perm = Perm.PERSON_VIEW
) -> QuerySet[Person]:
    """``visible_persons`` for a look-up by an indexed column (the members of one household):
    without the share look-ups when the scope holds no share, as
    ``visible_households_looked_up``."""
    scope = user_scope(user, perm)
    if scope.is_empty:
        return Person.objects.none()
    return Person.objects.filter(_person_condition(scope, _shares_held(user, scope, perm)))


def visible_name_keys(
    user: User | AnonymousUser, perm: Perm = Perm.PERSON_VIEW
) -> QuerySet[PersonNameKey]:
    """The name keys of the people the user may see: what a search walks in the order of the
    name-key index, checking each person's visibility as it goes (ADR 0014)."""
    scope = user_scope(user, perm)
    if scope.is_empty:
        return PersonNameKey.objects.none()
    shared = perm == Perm.PERSON_VIEW
    return PersonNameKey.objects.filter(_person_condition(scope, shared, via="person__"))


@dataclass
class SourcePersons:
    """What an organisation's own ids of people name (``persons_of_source_ids``)."""

    #: By source id: the records the user may see.
    people: dict[str, Person] = field(default_factory=dict)
    #: By source id: the primary key of a linked record the user may not see (never read).
    unseen: dict[str, int] = field(default_factory=dict)


def persons_of_source_ids(
    *,
    organisation: Organisation,
    user: User,
    source_ids: Collection[str],
    linked: Mapping[str, int] | None = None,
    prefetch: Sequence[str] = (),
) -> SourcePersons:
    """The people an organisation's own ids name, for its imports (a few queries for the whole
    collection): the people it registered under those ids (never another organisation's
    person under the same id), and, for an id a review linked to a record (``linked``: source
    id → the record's primary key, the organisation's own links, ADR 0054), that record
    followed to the one a merge kept, when ``user`` may see it. A linked record the user may
    not see is named by its primary key only, in ``unseen``: its rows are recognised, never
    read, shown nor written."""
    wanted = {s for s in source_ids if s}
    found = SourcePersons()
    if not wanted:
        return found
    own = Person.objects.filter(registered_by=organisation, source_id__in=wanted)
    found.people = {p.source_id: p for p in own.prefetch_related(*prefetch)}
    links = {s: pk for s, pk in (linked or {}).items() if s in wanted and s not in found.people}
    if not links:
        return found
    merged = Person.objects.filter(pk__in=set(links.values())).values_list("pk", "merged_into_id")
    kept = {pk: into or pk for pk, into in merged}
    seen = visible_persons(user).filter(pk__in=set(kept.values())).prefetch_related(*prefetch)
    by_pk = {p.pk: p for p in seen}
    for source_id, pk in links.items():
        record = kept.get(pk)
        if record in by_pk:
            found.people[source_id] = by_pk[record]
        elif record is not None:
            found.unseen[source_id] = record
    return found


#: Beyond this many people shared with an organisation, its search walks every key and checks
#: each person instead of listing the shared people first.
SHARED_LISTED_MAX = 5_000


def name_key_walks(
    user: User | AnonymousUser, perm: Perm = Perm.PERSON_VIEW
) -> list[QuerySet[PersonNameKey]]:
    """The name keys of the people the user may see, as parts that an index can each serve in
    ``(key, person)`` order: together exactly the rows of ``visible_name_keys`` (a person may be
    in more than one part). A country office sees most of its country, so it walks every key
    and checks each person; an organisation that sees only its own people walks their keys
    alone (``name_key_registrant``), and the keys of the people shared with it apart, by their
    ids (ADR 0014)."""
    scope = user_scope(user, perm)
    if scope.is_empty:
        return []
    if scope.agency_country_ids:
        return [visible_name_keys(user, perm)]
    parts = [
        PersonNameKey.objects.filter(registered_by_id=organisation)
        for organisation in sorted(scope.organisation_ids)
    ]
    if perm == Perm.PERSON_VIEW:
        # The scope's shares, then the members of the households shared: look-ups by index,
        # not one condition with OR, which PostgreSQL serves by reading every person.
        granted = _active_shares(scope).values_list("person_id", "household_id")
        shared: set[int] = set()
        households: set[int] = set()
        for person_id, household_id in granted[: SHARED_LISTED_MAX + 1]:
            if person_id is not None:
                shared.add(person_id)
            if household_id is not None:
                households.add(household_id)
        if households:
            members = Person.objects.filter(household_id__in=households).values_list("pk")
            shared.update(pk for (pk,) in members[: SHARED_LISTED_MAX + 1])
        if len(shared) > SHARED_LISTED_MAX:
            return [visible_name_keys(user, perm)]
        if shared:
            parts.append(PersonNameKey.objects.filter(person_id__in=sorted(shared)))
    return parts


def visible_households(
    user: User | AnonymousUser, perm: Perm = Perm.PERSON_VIEW
) -> QuerySet[Household]:
    scope = user_scope(user, perm)
    if scope.is_empty:
        return Household.objects.none()
    return Household.objects.filter(_household_condition(scope, shared=perm == Perm.PERSON_VIEW))


def _household_condition(scope: Scope, shared: bool) -> Q:
    condition = Q(registered_by_id__in=scope.organisation_ids) | Q(
        country_office_id__in=scope.agency_country_ids
    )
    if shared:
        condition |= Q(Exists(_active_shares(scope).filter(household_id=OuterRef("pk"))))
    return condition


def visible_households_looked_up(
    user: User | AnonymousUser, perm: Perm = Perm.PERSON_VIEW
) -> QuerySet[Household]:
    """``visible_households`` for a look-up by id (a results page asks of each person's
    household whether it is shown): without the share look-up when the scope holds no share."""
    scope = user_scope(user, perm)
    if scope.is_empty:
        return Household.objects.none()
    return Household.objects.filter(_household_condition(scope, _shares_held(user, scope, perm)))


def parse_public_id(public_id: UUID | str, object_type: str = "") -> UUID:
    """The id asked for; 404 when it is malformed (naming ``object_type``, for the security
    log)."""
    try:
        return public_id if isinstance(public_id, UUID) else UUID(str(public_id))
    except ValueError as exc:
        raise NotFound().about(object_type, None) from exc


def record_or_404[M: Model](
    records: QuerySet[M], public_id: UUID | str, object_type: str = ""
) -> M:
    """The record of ``records`` with this public id; 404 when there is none, or the id is
    malformed (the same answer for "does not exist" and "not yours"). The refusal names the
    record asked for (``object_type``, by default the model's name), so that the web layer logs
    it as a security event."""
    object_type = object_type or str(records.model._meta.model_name)
    asked = parse_public_id(public_id, object_type)
    record = records.filter(public_id=asked).first()
    if record is None:
        raise NotFound().about(object_type, asked)
    return record


def access_person(*, reader: Reader, public_id: UUID | str, related: Sequence[str] = ()) -> Person:
    """A person the reader may see, logging the read; 404 otherwise. ``related``: the links
    read with the person, in the same statement (the person page's).

    The record is read by its public id and its visibility asked of it (``person_visible``):
    the same answer as ``record_or_404(visible_persons(...))``, without building the share
    conditions for a record the user's organisations hold (issue 12, ADR 0071). A record the
    reader may not see is never returned, shown nor logged as read."""
    asked = parse_public_id(public_id, "person")
    people = Person.objects.filter(public_id=asked)
    if related:  # never select_related() bare: that follows every link
        people = people.select_related(*related)
    person = people.first()
    if person is None or not person_visible(reader.user, person):
        raise NotFound().about("person", asked)
    access_log_record(
        reader=reader, action="view", object_type="person", object_ids=[person.public_id]
    )
    return person


def members_shown(
    *, reader: Reader, members: Iterable[Person], beside: Person | None = None
) -> None:
    """Log the household members a page or an answer shows beside the record it is about (the
    person page, the household page, the API's households), ``beside`` itself left out: its
    own read is logged by its gate."""
    access_log_record(
        reader=reader,
        action="member",
        object_type="person",
        object_ids=[m.public_id for m in members if beside is None or m.pk != beside.pk],
    )


def page_sections_shown(*, reader: Reader, shown: Mapping[tuple[str, str], list[UUID]]) -> None:
    """Log what the person page's sections show beside the person (``PersonPage.shown``): one
    batch per kind of record."""
    for (action, object_type), object_ids in shown.items():
        access_log_record(
            reader=reader, action=action, object_type=object_type, object_ids=object_ids
        )


def access_person_for_change(*, user: User, public_id: UUID | str) -> Person:
    """A person the user may change; 404 otherwise (changes are kept in the record's history)."""
    person = record_or_404(visible_persons(user, Perm.PERSON_CHANGE), public_id, "person")
    if person.merged_into_id is not None:
        # A merged record stays as it was, so that undoing the merge restores it exactly.
        raise NotAllowed(errors.MERGED_RECORD, code="merged_record")
    return person


def access_household(*, reader: Reader, public_id: UUID | str) -> Household:
    household = record_or_404(visible_households(reader.user), public_id, "household")
    access_log_record(
        reader=reader, action="view", object_type="household", object_ids=[household.public_id]
    )
    return household


def access_household_for_change(*, user: User, public_id: UUID | str) -> Household:
    return record_or_404(visible_households(user, Perm.PERSON_CHANGE), public_id, "household")


def visible_shares(user: User | AnonymousUser) -> QuerySet[Share]:
    """The shares of the records the user may share (the registering organisation's, or the
    agency office's): a share's recipient never sees the others' shares of the record."""
    return Share.objects.filter(
        Q(person__in=visible_persons(user, Perm.PERSON_SHARE))
        | Q(household__in=visible_households(user, Perm.PERSON_SHARE))
    )


def person_shares(user: User | AnonymousUser, person: Person) -> list[Share] | None:
    """The shares of the person and of their household, for a user who may share them (None
    for anyone else: the person page then shows no shares at all)."""
    if not person_visible(user, person, Perm.PERSON_SHARE):
        return None
    condition = Q(person=person)
    if person.household_id:
        condition |= Q(household_id=person.household_id)
    return list(Share.objects.filter(condition).select_related("organisation", "household"))


def access_share(*, reader: Reader, public_id: UUID | str) -> Share:
    """A share of a record the reader may share; 404 otherwise. No read is logged: a share names
    a record and an organisation, not the person's data."""
    return record_or_404(_shares_related(reader.user), public_id)


def access_share_for_change(*, user: User, public_id: UUID | str) -> Share:
    """A share the user may revoke (they may share its record; share rights include change
    rights, and a share's recipient never holds them); 404 otherwise (the service asks again)."""
    return record_or_404(_shares_related(user), public_id)


def _shares_related(user: User | AnonymousUser) -> QuerySet[Share]:
    return visible_shares(user).select_related("organisation", "person", "household")
