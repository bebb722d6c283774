"""Reads of the registry. Every function starts from the access gate."""

from __future__ import annotations

import datetime as dt
import heapq
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import reduce
from operator import and_, or_
from typing import Any

import phonenumbers
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Expression,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.utils import timezone

from qorgau.names import fold_tokens
from qorgau.organisations.models import User
from qorgau.people.access import (
    name_key_walks,
    visible_households_looked_up,
    visible_persons,
    visible_persons_among,
    visible_persons_looked_up,
)
from qorgau.people.fields import field_policies
from qorgau.people.models import (
    Document,
    LegalStatus,
    LegalStatusPeriod,
    Person,
    PersonAlias,
    PersonNameKey,
    PersonNeed,
    PhoneNumber,
    Relationship,
)
from qorgau.people.services.documents import document_number_hash, document_number_normalise
from qorgau.reference.models import Country

_REGISTRATION_NUMBER = re.compile(r"^[A-Za-z]{3}-\d{2}-[Hh]?\d{1,6}$")
_YEAR = re.compile(r"^(19|20)\d\d$")
MAX_QUERY_TOKENS = 6


SEARCH_CAP = 1000
# When a query has several words, the search starts from the word fewest people's names begin
# with; each word's keys are counted up to this many (from the index alone) to find it.
_KEY_COUNT_LIMIT = 20_000
# A word counted at the limit is common: the process remembers it for a while and does not
# count it again (counting one costs ~4 ms on PostgreSQL at a million people, and common names
# are the ones searched again and again). Only the order of the walk depends on it: never
# whether a person matches; when more than ``SEARCH_CAP`` match, which of them are listed
# depends on the word walked first, as it did before between words counted alike. At most
# ``_COMMON_WORDS_MAX`` words are kept.
_COMMON_WORDS: dict[str, float] = {}
_COMMON_WORDS_SECONDS = 3600.0
_COMMON_WORDS_MAX = 10_000


@dataclass(frozen=True)
class SearchHits:
    """Whom a search found, in the order shown: the ids of at most ``SEARCH_CAP`` people, and
    whether more people match than are listed (the list is then to be narrowed, ADR 0014)."""

    ids: list[int]
    more: bool = False


def person_search(
    *,
    user: User | AnonymousUser,
    query: str,
    filters: dict[str, Any] | None = None,
    cap: int = SEARCH_CAP,
) -> SearchHits:
    """The people the user may see whose registration number, document number, phone number
    or names match ``query`` (and ``filters``, lookups on the person).

    Names match in any script: every word of the query must begin a word of the person's
    names or aliases, compared by their folded keys ("Сейтқазиев" finds "Seitkaziev"). People
    whose names hold every word whole come first ("Ахмедов" before "Ахмедова"), then by
    registration number.

    Every kind of look-up starts from an index and stops after ``cap + 1`` people, so its cost
    does not grow with the registry or with how common a name is (ADR 0014): a name walks the
    name-key index in its order from the rarest word's first key, checking the other words and
    the user's right to see each person as it goes.
    """
    query = query.strip()
    if not query:
        return SearchHits([])

    # Built only for a number: a name is found by walking the name keys (``_people_named``).
    def people() -> QuerySet[Person]:
        return visible_persons(user).filter(**(filters or {}))

    if _REGISTRATION_NUMBER.match(query):
        # A registration number is no name: "KAZ-24-000123" must not find everyone named "Kaz…".
        # Numbers are stored upper-case: an exact match serves from the unique index.
        return SearchHits(
            list(people().filter(registration_number=query.upper()).values_list("pk", flat=True))
        )
    numbers = Q()
    if _looks_like_document_number(query):
        holders = Document.objects.filter(number_hash=document_number_hash(query))
        numbers |= Q(pk__in=holders.values("person_id"))
    if phone := _phone_number(query):
        numbers |= Q(pk__in=PhoneNumber.objects.filter(number=phone).values("person_id"))
    found: list[int] = []
    if numbers:
        found = list(
            people()
            .filter(numbers)
            .order_by("registration_number")
            .values_list("pk", flat=True)[: cap + 1]
        )
    words = query.split()
    years = [int(w) for w in words if _YEAR.match(w)]
    names = [w for w in words if not any(ch.isdigit() for ch in w)]
    if names and len(names) + len(years) == len(words):
        # Only words of letters are names; a four-digit word narrows by year of birth
        # ("Seitkaziev 1984"). Anything else with digits is a document number only.
        keys = fold_tokens(" ".join(names))[:MAX_QUERY_TOKENS]
        if keys and len(found) <= cap:
            listed = set(found)
            named = _people_named(user, keys, years, filters or {}, cap - len(found))
            found += [pk for pk in named if pk not in listed]
    return SearchHits(found[:cap], more=len(found) > cap)


def _people_named(
    user: User | AnonymousUser,
    keys: list[str],
    years: list[int],
    filters: dict[str, Any],
    cap: int,
) -> list[int]:
    """Up to ``cap + 1`` ids of people (visible to the user) with a name key beginning with
    each of ``keys``, ranked; when more match, the first ``cap + 1`` in name-key order."""
    parts = name_key_walks(user)
    if not parts:
        return []
    first, *others = _rarest_first(keys)
    narrowed = Q(key__prefix=first) & Q(
        **{f"person__{lookup}": value for lookup, value in filters.items()}
    )
    for key in others:
        narrowed &= Q(_holds_word(key))
    for year in years:
        narrowed &= Q(person__birth_year=year)
    # Read a tenth more than needed at first: people with two keys of the word are common
    # enough that reading exactly ``cap + 1`` keys would often need a second read.
    size = cap + 1 + cap // 10
    walks = [
        _walk(
            part.filter(narrowed)
            .order_by("key", "person_id")
            .values_list("person_id", "key", "person__registration_number", "words"),
            size,
        )
        for part in parts
    ]
    # The parts in one order (a person in several parts comes once: the first key read ranks).
    rows = walks[0] if len(walks) == 1 else heapq.merge(*walks, key=lambda row: (row[1], row[0]))
    # A person may have several keys that begin with the word; the first one read (the
    # smallest: a whole word sorts before its longer forms) ranks them.
    first_read: dict[int, tuple[str, str, str]] = {}
    for person_id, key, number, held in rows:
        if person_id not in first_read:
            first_read[person_id] = (key, number, held)
            if len(first_read) > cap:
                break
    unheld = _whole_words_looked_up(
        [pk for pk, (_, _, held) in first_read.items() if not held], others
    )
    rank = {
        pk: (
            not (
                key == first
                and (
                    all(f" {other} " in held for other in others)
                    if held
                    else unheld.get(pk, 0) == len(others)
                )
            ),
            number,
        )
        for pk, (key, number, held) in first_read.items()
    }
    listed = list(rank)[: cap + 1]
    return sorted(listed[:cap], key=rank.__getitem__) + listed[cap:]


def _holds_word(key: str) -> RawSQL:
    """Whether the name-key row's person has a key beginning with ``key``: checked on the row's
    ``words`` (every key of the person, in the index beside the key). Only for a person whose
    keys did not fit there (``words`` empty) are the person's keys looked up: a probe of the
    (person, key) index by person alone, the key's beginning compared as a string, which no
    index of keys can serve, so that no planner walks every key beginning with the word for each
    row instead. A scalar subquery, not EXISTS: PostgreSQL would turn an EXISTS into a join and
    might read each person before checking the word. Written as SQL: the ORM's building of the
    same condition cost more than the database's work (issue 12)."""
    table = connection.ops.quote_name(PersonNameKey._meta.db_table)
    return RawSQL(  # noqa: S611 (our SQL; the values are parameters)
        f"({table}.words LIKE %s OR ({table}.words = '' AND "  # noqa: S608 (our table)
        f"(SELECT probe.person_id FROM {table} probe WHERE probe.person_id = {table}.person_id "
        "AND SUBSTR(probe.key, 1, %s) = %s LIMIT 1) IS NOT NULL))",
        # Folded keys are lower-case a-z only: nothing in them is special to LIKE.
        (f"% {key}%", len(key), key),
        output_field=BooleanField(),
    )


def _whole_words_looked_up(people: list[int], words: list[str]) -> dict[int, int]:
    """For people whose keys did not fit in ``words`` (rare): how many of ``words`` each holds
    whole, looked up in one statement."""
    if not people or not words:
        return {}
    held = PersonNameKey.objects.filter(person_id__in=people, key__in=words)
    return dict(held.values_list("person_id").annotate(n=Count("key")).order_by())


def _walk(rows: QuerySet[Any, Any], size: int) -> Iterator[Any]:
    """The rows of a query ordered by ``key, person_id``, read ``size`` at a time, each batch
    going on where the last one ended (the rest of its key, then the keys after it): two
    ranges of the index, never an offset that reads the earlier rows again."""
    batch = _fetched(rows[:size])
    yield from batch
    while len(batch) == size:
        person_id, key = batch[-1][0], batch[-1][1]
        batch = _fetched(rows.filter(key=key, person_id__gt=person_id)[:size])
        if len(batch) < size:
            batch += _fetched(rows.filter(key__gt=key)[: size - len(batch)])
        yield from batch


def _fetched(rows: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` statement of plain columns, read from the cursor: Django's
    row iterator cost more than the database's work for a thousand short rows (issue 12)."""
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _rarest_first(keys: list[str]) -> list[str]:
    """The distinct words of a query, the one fewest name keys begin with first (in the order
    typed when several are common); the keys of each word not known to be common are counted
    (up to a limit, from the index alone) in one statement."""
    words = list(dict.fromkeys(keys))
    if len(words) == 1:
        return words
    now = time.monotonic()
    by_count = {
        word: _KEY_COUNT_LIMIT
        for word in words
        if now - _COMMON_WORDS.get(word, -_COMMON_WORDS_SECONDS) < _COMMON_WORDS_SECONDS
    }
    counted = _key_counts([word for word in words if word not in by_count])
    if len(_COMMON_WORDS) >= _COMMON_WORDS_MAX:
        _COMMON_WORDS.clear()
    _COMMON_WORDS.update({word: now for word, n in counted.items() if n >= _KEY_COUNT_LIMIT})
    by_count.update(counted)
    return sorted(words, key=by_count.__getitem__)


def _key_counts(words: list[str]) -> dict[str, int]:
    """How many name keys begin with each word, counted up to ``_KEY_COUNT_LIMIT``."""
    if not words:
        return {}
    counts = []
    params: list[Any] = []
    for word in words:
        sql, word_params = (
            PersonNameKey.objects.filter(key__prefix=word)
            .values("person_id")[:_KEY_COUNT_LIMIT]
            .query.sql_with_params()
        )
        counts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608 (Django-made SQL)
        params.extend(word_params)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(counts)}", params)
        row = cursor.fetchone()
    return dict(zip(words, row, strict=True))


@dataclass(frozen=True)
class SearchRow:
    """What a line of search results shows of a person besides the record itself."""

    person: Person
    age: int | None
    status: str | None
    household_number: str | None
    # The field groups the user's role may read of the person (people/fields.py), by name.
    fields: Mapping[str, bool] = dataclass_field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return str(LegalStatus(self.status).label) if self.status else ""


def search_rows(*, user: User | AnonymousUser, ids: list[int]) -> list[SearchRow]:
    """A page of results: the people of ``ids`` (through the gate, in that order) with their
    age, current status and (when the user may see it) household — one query for the page."""
    today = timezone.localdate()
    in_force = (
        LegalStatusPeriod.objects.filter(person_id=OuterRef("pk"), effective_from__lte=today)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=today))
        .order_by("-effective_from")
        .values("status")[:1]
    )
    shown = visible_households_looked_up(user).filter(pk=OuterRef("household_id"))
    found = (
        visible_persons_among(user, ids)
        .select_related("registered_by", "household")
        .annotate(status_now=Subquery(in_force), household_shown=Exists(shown))
    )
    by_id = {person.pk: person for person in found}
    people = [by_id[pk] for pk in ids if pk in by_id]
    policies = field_policies(user, people)
    rows = []
    for p in people:
        readable = policies[p.pk].by_name
        rows.append(
            SearchRow(
                person=p,
                age=person_age(p, today) if readable["identity"] else None,
                status=p.status_now if readable["legal_status"] else None,
                household_number=p.household.registration_number
                if readable["household"] and p.household_shown and p.household is not None
                else None,
                fields=readable,
            )
        )
    return rows


def person_age(person: Person, on: dt.date) -> int | None:
    """Completed years on ``on``; from the year alone when the day or month is not known."""
    if person.birth_year is None:
        return None
    age = on.year - person.birth_year
    if person.birth_month and (on.month, on.day) < (person.birth_month, person.birth_day or 1):
        age -= 1
    return max(age, 0)


_PHONE_CHARACTERS = re.compile(r"^\+?[\d\s()-]{7,20}$")


def _phone_number(query: str) -> str | None:
    """The query as an E.164 number when it is one (local numbers read as Kazakhstan's)."""
    if not _PHONE_CHARACTERS.match(query) or sum(ch.isdigit() for ch in query) < 7:
        return None
    try:
        parsed = phonenumbers.parse(query, settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _looks_like_document_number(query: str) -> bool:
    normalised = document_number_normalise(query)
    return len(normalised) >= 4 and any(ch.isdigit() for ch in normalised)


def person_status_on(person: Person, on: dt.date | None = None) -> LegalStatusPeriod | None:
    """The status period in force on ``on`` (today by default), derived from the history."""
    on = on or timezone.localdate()
    return (
        person.status_periods.filter(effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gt=on))
        .select_related("deciding_authority", "recorded_by")
        .first()
    )


def household_members(*, user: User | AnonymousUser, person: Person) -> QuerySet[Person]:
    """The other members of the person's household that the user may see."""
    if person.household_id is None:
        return Person.objects.none()
    principal_first = Case(When(relationship=Relationship.PRINCIPAL, then=0), default=1)
    return (
        visible_persons_looked_up(user)
        .filter(household_id=person.household_id)
        .order_by(principal_first, "registration_number")
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    user: str
    record: str
    change: str


def person_history(
    person: Person, limit: int = 50, parts: tuple[Any, ...] | None = None
) -> list[HistoryEntry]:
    """The change history of the person and of the records hanging from it (``parts``: those
    the reader may read, by default all), newest first. Read as values (date, kind, user
    name), not as historical records: a historical person has every column of a person, and
    building them was most of this function's time. One statement for all the histories
    (``_history_sql``): the page asked six, and building them through the ORM cost more than
    running them (issue 12)."""
    if parts is None:
        parts = (Document, LegalStatusPeriod, PhoneNumber, PersonNeed, PersonAlias)
    models: tuple[type[Model], ...] = (Person, *parts)
    sql, dated = _history_sql(models)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(person.pk for _ in models), limit])
        newest = cursor.fetchall()
    kinds = _history_kinds()
    return [
        HistoryEntry(
            at=dated(at),
            user=username or "",
            record=str(models[part]._meta.verbose_name),
            change=str(kinds[kind]),
        )
        for at, kind, username, part in newest
    ]


def _history_kinds() -> dict[str, Any]:
    """The kinds of change by code (the same three in every history), their labels lazy."""
    field: Any = _history_model(Person)._meta.get_field("history_type")
    return dict(field.flatchoices)


#: Each model's historical model, found once (simple-history's ``Model.history`` builds a new
#: manager class on every access).
_HISTORY_MODELS: dict[type[Model], type[Model]] = {}

#: The statement of ``_history_sql`` by the models it reads, written once per process.
_HISTORY_SQL: dict[tuple[type[Model], ...], tuple[str, Callable[[Any], dt.datetime]]] = {}


def _history_model(model: type[Model]) -> type[Model]:
    found = _HISTORY_MODELS.get(model)
    if found is None:
        found = _HISTORY_MODELS[model] = model.history.model  # type: ignore[attr-defined]
    return found


def _history_sql(
    models: tuple[type[Model], ...],
) -> tuple[str, Callable[[Any], dt.datetime]]:
    """The newest changes of one person in the histories of ``models`` (the person's first,
    by its id, the others by their ``person_id``), with the user's name: one UNION ALL of
    index look-ups, then one join to the users, parameters the person's id once per model and
    the limit. With it, what turns a date read back into an aware datetime (SQLite returns
    text), as the ORM would."""
    found = _HISTORY_SQL.get(models)
    if found is not None:
        return found
    name = connection.ops.quote_name
    selects = []
    for index, model in enumerate(models):
        table = name(_history_model(model)._meta.db_table)
        person = name("id" if model is Person else "person_id")
        # Names from the models, no value: the person's id is a parameter.
        selects.append(
            f"SELECT history_date AS at, history_type AS kind, history_user_id AS user_id, "  # noqa: S608
            f"{index} AS part FROM {table} WHERE {person} = %s"
        )
    union = " UNION ALL ".join(selects)
    users = name(User._meta.db_table)
    sql = (
        f"SELECT h.at, h.kind, u.username, h.part FROM ({union}) h "  # noqa: S608 (as above)
        f"LEFT OUTER JOIN {users} u ON u.id = h.user_id ORDER BY h.at DESC, h.part LIMIT %s"
    )
    historical: Any = _history_model(Person)
    column = historical._meta.get_field("history_date").get_col(historical._meta.db_table)
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)

    def dated(value: Any) -> dt.datetime:
        for converter in converters:
            value = converter(value, column, connection)
        return value

    found = _HISTORY_SQL[models] = (sql, dated)
    return found


def status_periods_in_force(*, country: str, on: dt.date) -> QuerySet[LegalStatusPeriod]:
    """The status periods in force on ``on`` (a change on that day counts) for one country
    office. A record merged into another is the same person: only the record kept counts."""
    return _country_periods(country).filter(in_force_on(on))


def in_force_on(on: dt.date) -> Q:
    """Periods in force on ``on``: started by then, not ended by then (ends are exclusive)."""
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gt=on))


def _country_periods(country: str) -> QuerySet[LegalStatusPeriod]:
    periods = LegalStatusPeriod.objects.all()
    office = _country_id(country)
    if office is not None and _fewer_outside(office, outside := _outside(office)):
        return periods.filter(_not_among(outside))
    return periods.filter(person__country_office_id=office, person__merged_into__isnull=True)


def _outside(office: int) -> list[Q]:
    """Who does not count for ``office``: people of other offices (two ranges, so that an
    index serves each) and records merged into another."""
    return [
        Q(country_office_id__lt=office),
        Q(country_office_id__gt=office),
        Q(merged_into__isnull=False),
    ]


FEW_OUTSIDE = 50_000
"""With this many people outside a country office or more, its periods are selected by
joining its people. Excluding costs about 2 µs per person outside on SQLite (3 on
PostgreSQL) and saves the join: over 1,000,000 people with 150,000 in another office the
join was faster on SQLite (0.49 s against 0.69 s) and about even on PostgreSQL."""


def _fewer_outside(office: int, outside: list[Q]) -> bool:
    """Whether fewer people are outside ``office`` than in it: its periods are then selected
    by excluding the others' and read from their index without joining the people at all;
    otherwise its own people are joined. Each count stops once the answer is known."""
    found = 0
    for part in outside:
        found += Person.objects.filter(part).order_by()[: FEW_OUTSIDE - found].count()
        if found >= FEW_OUTSIDE:
            return False
    inside = Person.objects.filter(country_office_id=office, merged_into__isnull=True)
    return inside.order_by()[: found + 1].count() > found


def _not_among(parts: list[Q]) -> Q | Expression:
    """Periods of people not matching any of ``parts``. PostgreSQL plans NOT EXISTS as a hash
    anti-join (NOT IN is hashed only when the planner expects it to fit in memory). SQLite has
    no hash join: each NOT IN list is built once from its index and then probed in memory."""
    if connection.vendor == "postgresql":
        return ~Exists(Person.objects.filter(reduce(or_, parts), pk=OuterRef("person_id")))
    return reduce(and_, (~Q(person_id__in=Person.objects.filter(p).values("pk")) for p in parts))


def status_periods_started(
    *, country: str, statuses: tuple[str, ...]
) -> QuerySet[LegalStatusPeriod]:
    """Periods of these statuses (transitions into them, flows) for one country office, of
    people not merged into another record."""
    return _country_periods(country).filter(status__in=statuses)


def _country_id(iso3: str) -> int | None:
    """The country office's id, looked up first: filtering people by the id (rather than
    joining the countries) lets PostgreSQL's planner see how many people it selects."""
    return Country.objects.filter(iso3=iso3).values_list("id", flat=True).first()


def status_counts_as_of(
    *, country: str, on: dt.date, by: str | None = None
) -> dict[tuple[str, str | None], int]:
    """Aggregate counts of people in each legal status on ``on`` (from the status history
    alone), for one country office, optionally broken down by another person field (e.g.
    ``origin_country__iso3``). Aggregates only: no person is returned."""
    periods = status_periods_in_force(country=country, on=on)
    fields = ["status"] + ([f"person__{by}"] if by else [])
    rows = periods.values(*fields).annotate(count=Count("id")).order_by(*fields)
    return {(row["status"], row[f"person__{by}"] if by else None): row["count"] for row in rows}


def status_starts_per_year(*, country: str, statuses: tuple[str, ...]) -> dict[int, int]:
    """How many periods of these statuses started in each year: flows such as acquisitions
    of citizenship (NAT, NCF)."""
    rows = (
        status_periods_started(country=country, statuses=statuses)
        .annotate(year=ExtractYear("effective_from"))
        .values("year")
        .annotate(count=Count("id"))
        .order_by("year")
    )
    return {row["year"]: row["count"] for row in rows}
