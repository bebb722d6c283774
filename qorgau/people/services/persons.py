"""Registering and changing people."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from django.db import models, transaction

from qorgau.audit.history import history_stamp
from qorgau.errors import Invalid, NotAllowed
from qorgau.names import fold_tokens, transliterate
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people import errors
from qorgau.people.access import visible_persons
from qorgau.people.dates import PartialDate
from qorgau.people.fields import ALL, PERSON_INPUT_FIELDS, field_write_check, settable_groups
from qorgau.people.models import (
    AliasKind,
    Person,
    PersonAlias,
    PersonNameKey,
    PersonNeed,
    PhoneNumber,
)
from qorgau.people.models.person import name_keys_row_words
from qorgau.people.services import numbers
from qorgau.people.services.permissions import refuse_anonymised, require_perm_in
from qorgau.people.services.validation import ErrorCollector, check_needs, person_input_check
from qorgau.reference.models import Country, Region


@dataclass(frozen=True)
class AliasInput:
    family_name: str = ""
    given_name: str = ""
    patronymic: str = ""
    kind: str = AliasKind.SPELLING


@dataclass
class PersonInput:
    """Everything a person is registered with; the web form and the API both build one."""

    given_name: str
    sex: str
    citizenship_status: str
    family_name: str = ""
    patronymic: str = ""
    birth: PartialDate = field(default_factory=PartialDate.unknown)
    birth_country: Country | None = None
    birth_place: str = ""
    citizenship_country: Country | None = None
    origin_country: Country | None = None
    languages: list[str] = field(default_factory=list)
    address: str = ""
    region: Region | None = None
    phones: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    aliases: list[AliasInput] = field(default_factory=list)


def _apply(person: Person, data: PersonInput, languages: list[str]) -> None:
    person.family_name = data.family_name
    person.given_name = data.given_name
    person.patronymic = data.patronymic
    person.family_name_latin = transliterate(data.family_name)
    person.given_name_latin = transliterate(data.given_name)
    person.patronymic_latin = transliterate(data.patronymic)
    person.sex = data.sex
    person.birth_year = data.birth.year
    person.birth_month = data.birth.month
    person.birth_day = data.birth.day
    person.birth_precision = data.birth.precision
    person.birth_country = data.birth_country
    person.birth_place = data.birth_place.strip()
    person.citizenship_status = data.citizenship_status
    person.citizenship_country = data.citizenship_country
    person.origin_country = data.origin_country
    person.languages = languages
    person.address = data.address.strip()
    person.region = data.region


def _save_related(
    person: Person, data: PersonInput, phones: list[str], actor: User, collector: ErrorCollector
) -> None:
    """Bring phones, needs and aliases to the submitted ones (only real differences reach the
    history) and rebuild the name keys."""
    needs = check_needs(collector, data.needs)
    collector.raise_if_any()
    _sync(
        list(person.phones.all()),
        phones,
        key=lambda p: p.number.as_e164,
        make=lambda number: PhoneNumber(person=person, number=number),
        actor=actor,
    )
    _sync(
        list(person.needs.all()),
        [n.code for n in needs],
        key=lambda n: n.need.code,
        make=lambda code: PersonNeed(person=person, need=next(n for n in needs if n.code == code)),
        actor=actor,
    )
    aliases = [
        AliasInput(a.family_name.strip(), a.given_name.strip(), a.patronymic.strip(), a.kind)
        for a in data.aliases
    ]
    _sync(
        list(person.aliases.all()),
        aliases,
        key=lambda a: AliasInput(a.family_name, a.given_name, a.patronymic, a.kind),
        make=lambda a: PersonAlias(person=person, **asdict(a)),
        actor=actor,
    )
    person_name_keys_rebuild(person=person)


def _sync[R: models.Model, K](
    existing: list[R],
    wanted: list[K],
    *,
    key: Callable[[R], K],
    make: Callable[[K], R],
    actor: User,
) -> None:
    wanted_set = set(wanted)
    for row in existing:
        if key(row) not in wanted_set:
            history_stamp(row, actor=actor)
            row.delete()
    present = {key(row) for row in existing}
    for value in wanted:
        if value not in present:
            row = make(value)
            history_stamp(row, actor=actor)
            row.save()
            present.add(value)


def _name_keys(person: Person) -> set[str]:
    """The folded keys of every name and alias token of ``person``."""
    texts = [person.family_name, person.given_name, person.patronymic]
    for alias in person.aliases.all():
        texts += [alias.family_name, alias.given_name, alias.patronymic]
    return {key for text in texts for key in fold_tokens(text)}


def _name_keys_write(person: Person, keys: set[str]) -> None:
    PersonNameKey.objects.filter(person=person).delete()
    words = name_keys_row_words(keys)
    PersonNameKey.objects.bulk_create(
        PersonNameKey(person=person, key=k, words=words, registered_by_id=person.registered_by_id)
        for k in sorted(keys)
    )


def person_name_keys_rebuild(*, person: Person) -> None:
    """The folded keys of every name and alias token: what name search looks up."""
    _name_keys_write(person, _name_keys(person))


@dataclass
class NameKeysRebuild:
    """What :func:`name_keys_rebuild` did: people looked at, and whose keys it rewrote."""

    checked: int = 0
    rebuilt: int = 0


def name_keys_rebuild(
    *, batch_size: int = 1000, progress: Callable[[int, int], None] | None = None
) -> NameKeysRebuild:
    """Rewrite the stored name keys (``PersonNameKey``) of every person whose keys are not
    the ones :func:`qorgau.names.fold` gives today, after a change of the folding rules (ADR
    0045: ``Ахметжан`` was keyed ``akhmetskhan``). Walks the people by primary key, one
    transaction per ``batch_size`` people, and rewrites only those whose keys differ, so a
    second run (or a run after an interruption) changes nothing more. Anonymised people have
    no keys and keep none. Nothing but the derived keys changes: no version, no history row.
    ``progress(done, total)`` after each batch. Run by an operator (``qorgau
    rebuild-name-keys``), so there is no actor."""
    result = NameKeysRebuild()
    people = Person.objects.filter(anonymisation__isnull=True).order_by("pk")
    total = people.count()
    last = 0
    while True:
        with transaction.atomic():
            batch = list(people.filter(pk__gt=last).prefetch_related("aliases")[:batch_size])
            if not batch:
                break
            stored: dict[int, set[str]] = {person.pk: set() for person in batch}
            rows = PersonNameKey.objects.filter(person_id__in=stored).values_list(
                "person_id", "key"
            )
            for person_id, key in rows:
                stored[person_id].add(key)
            for person in batch:
                keys = _name_keys(person)
                if keys != stored[person.pk]:
                    _name_keys_write(person, keys)
                    result.rebuilt += 1
        result.checked += len(batch)
        last = batch[-1].pk
        if progress is not None:
            progress(result.checked, total)
    return result


def _field_policy_check(
    *,
    actor: User,
    data: PersonInput,
    before: Callable[[], PersonInput],
    person: Person | None = None,
    organisation: Organisation | None = None,
) -> None:
    """Refuse a write that changes a field the actor's role may not set (people/fields.py),
    before the write's transaction, so that the refusal's security event is kept. Nothing is
    compared for a role that may set everything (no query), nor for an actor who may not
    change the record at all (refused by the service's own check)."""
    allowed = settable_groups(actor, person=person, organisation=organisation)
    if not allowed or allowed == ALL:
        return
    stored = before()
    changed = [
        name
        for names in PERSON_INPUT_FIELDS.values()
        for name in names
        if getattr(data, name) != getattr(stored, name)
    ]
    field_write_check(actor=actor, fields=changed, person=person, organisation=organisation)


def person_create(
    *,
    actor: User,
    organisation: Organisation,
    data: PersonInput,
    source_id: str = "",
    country_office: Country | None = None,
) -> Person:
    """Register a person for ``organisation``, which must be one the actor registers for."""
    require_perm_in(actor=actor, perm=Perm.PERSON_CREATE, organisation=organisation)
    _field_policy_check(
        actor=actor,
        data=data,
        before=lambda: PersonInput(given_name="", sex="", citizenship_status=""),
        organisation=organisation,
    )
    return _person_create(
        actor=actor,
        organisation=organisation,
        data=data,
        source_id=source_id,
        country_office=country_office,
    )


@transaction.atomic
def _person_create(
    *,
    actor: User,
    organisation: Organisation,
    data: PersonInput,
    source_id: str,
    country_office: Country | None,
) -> Person:
    office = country_office or organisation.country
    languages, phones, collector = person_input_check(data, office=office)
    source_id = source_id.strip()
    if (
        source_id
        and Person.objects.filter(registered_by=organisation, source_id=source_id).exists()
    ):
        collector.add("source_id", errors.SOURCE_ID_TAKEN, "source_id_taken")
    collector.raise_if_any()
    person = Person(
        registered_by=organisation,
        country_office=office,
        source_id=source_id,
        registration_number=numbers.registration_number_allocate(
            country=office, kind=numbers.PERSON
        ),
    )
    _apply(person, data, languages)
    history_stamp(person, actor=actor)
    person.save()
    _save_related(person, data, phones, actor, collector)
    return person


def person_update(
    *, actor: User, person: Person, expected_version: int | None, data: PersonInput
) -> Person:
    """Change a person. ``expected_version`` is the version the actor's form was based on: if
    someone saved a newer one meanwhile, nothing is changed and StaleVersionError is raised;
    without it, nothing is changed either (a change must say what it was based on). A change
    of a field the actor's role may not set is refused (people/fields.py)."""
    _field_policy_check(
        actor=actor, data=data, before=lambda: person_input_from(person), person=person
    )
    return _person_update(actor=actor, person=person, expected_version=expected_version, data=data)


@transaction.atomic
def _person_update(
    *, actor: User, person: Person, expected_version: int | None, data: PersonInput
) -> Person:
    if expected_version is None:
        raise Invalid(errors.REQUIRED, code="required", field="version")
    locked = visible_persons(actor, Perm.PERSON_CHANGE).select_for_update().filter(pk=person.pk)
    current = locked.first()
    if current is None:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    refuse_anonymised([current])
    if current.version != expected_version:
        raise errors.StaleVersionError(current_version=current.version)
    languages, phones, collector = person_input_check(data, office=current.country_office)
    collector.raise_if_any()
    _apply(current, data, languages)
    current.version += 1
    history_stamp(current, actor=actor)
    current.save()
    _save_related(current, data, phones, actor, collector)
    return current


def person_patch(
    *,
    actor: User,
    person: Person,
    expected_version: int | None,
    changes: Mapping[str, Any],
) -> Person:
    """Change only some values of a person (the API's partial update): the stored values, with
    ``changes`` (names of ``PersonInput``) in their place, checked and saved as a whole."""
    data = replace(person_input_from(person), **changes)
    return person_update(actor=actor, person=person, expected_version=expected_version, data=data)


def person_input_from(person: Person) -> PersonInput:
    """The current values of a person, as the starting point of an edit."""
    return PersonInput(
        given_name=person.given_name,
        family_name=person.family_name,
        patronymic=person.patronymic,
        sex=person.sex,
        citizenship_status=person.citizenship_status,
        birth=PartialDate(
            person.birth_year, person.birth_month, person.birth_day, person.birth_precision
        ),
        birth_country=person.birth_country,
        birth_place=person.birth_place,
        citizenship_country=person.citizenship_country,
        origin_country=person.origin_country,
        languages=list(person.languages),
        address=person.address,
        region=person.region,
        phones=[str(p.number) for p in person.phones.all()],
        needs=[n.need.code for n in person.needs.select_related("need")],
        aliases=[
            AliasInput(a.family_name, a.given_name, a.patronymic, a.kind)
            for a in person.aliases.all()
        ],
    )
