"""The person page, built by one selector (style rule 23): ``person_page(user, person)``
returns a plain dataclass the template renders, and no template tag queries.

People is a floor below procedures and identity (architecture.md), so this module may not import
them. Their parts of the page (the person's cases; the records merged into or from the person)
come through a registry of page sections instead: each app registers a function in its
``AppConfig.ready`` with :func:`person_page_section_register`, and ``person_page`` calls each one
with the user, the person and the page's language. Imports stay downward, and a new app adds its
section without touching people. The household page takes sections the same way
(:func:`household_page_section_register`, ADR 0061).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any
from uuid import UUID

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import get_language

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import user_has_perm_somewhere
from qorgau.people import access
from qorgau.people.fields import FieldGroup, field_policy
from qorgau.people.models import (
    Document,
    Household,
    LegalStatusPeriod,
    Person,
    PersonAlias,
    PersonNeed,
    PhoneNumber,
    Share,
)
from qorgau.people.selectors import (
    HistoryEntry,
    household_members,
    person_history,
)
from qorgau.reference.languages import language_name

#: A section of the person page another app adds: (user, person, language) -> what it shows.
PersonPageSection = Callable[[User, Person, str], Any]

#: What a section shows of other records, for the access log: (action, object type, public id)
#: per record it names, read from the section's value.
SectionShown = Callable[[Any], Iterable[tuple[str, str, UUID]]]

_SECTIONS: dict[str, PersonPageSection] = {}
_SHOWN: dict[str, SectionShown] = {}

#: A section of the household page another app adds: (user, household, language) -> what it
#: shows; None when it has nothing to show or offer.
HouseholdPageSection = Callable[[User, Household, str], Any]

_HOUSEHOLD_SECTIONS: dict[str, HouseholdPageSection] = {}

#: The person's own links the page shows (each one query when set, none when empty).
PERSON_RELATED = (
    "registered_by",
    "household",
    "birth_country",
    "citizenship_country",
    "origin_country",
    "region",
)


#: What the person page's view reads with the person (``access_person(related=...)``): its
#: links but the three countries, and its anonymisation (a reverse link, named here: people
#: imports no app above it). The countries come in one look-up of their own
#: (``_links_read``): three more joins of the same table took PostgreSQL 4-5 ms to plan
#: (EXPLAIN ANALYZE at a million people), four joins under 1 ms.
PERSON_PAGE_READ = ("registered_by", "household", "region", "anonymisation")


def person_page_section_register(
    name: str, section: PersonPageSection, *, shown: SectionShown | None = None
) -> None:
    """Add a section to every person page, under ``name`` (called from ``AppConfig.ready``).
    ``shown`` names the records of people or cases the section shows, so that the page logs
    their reads (``PersonPage.shown``)."""
    _SECTIONS[name] = section
    if shown is not None:
        _SHOWN[name] = shown


def household_page_section_register(name: str, section: HouseholdPageSection) -> None:
    """Add a section to every household page, under ``name`` (called from
    ``AppConfig.ready``, as ``person_page_section_register``)."""
    _HOUSEHOLD_SECTIONS[name] = section


def household_page_sections(
    user: User, household: Household, *, language: str | None = None
) -> dict[str, Any]:
    """The other apps' sections of the page of ``household`` (reached through its gate), by
    name; the template reads ``sections.referrals`` …"""
    language = language or get_language()
    return {
        name: section(user, household, language) for name, section in _HOUSEHOLD_SECTIONS.items()
    }


@dataclass(frozen=True)
class PersonPage:
    """Everything the person page shows, read once."""

    person: Person
    current_status: LegalStatusPeriod | None
    status_periods: list[LegalStatusPeriod]
    documents: list[Document]
    needs: list[PersonNeed]
    phones: list[PhoneNumber]
    languages: list[str]
    aliases: list[PersonAlias]
    members: list[Person]
    household_visible: bool  # a share of one person does not show their household's number
    can_manage_household: bool
    history: list[HistoryEntry]
    can_change: bool
    can_edit: bool  # a merged record is kept as it was: its changes belong on the record kept
    anonymised: bool  # an anonymised record is read-only (people/services/permissions.py)
    can_open_case: bool  # opening a case writes to the person: never offered on a share
    shares: list[Share] | None  # None: the user may not share the person
    today: dt.date
    sections: Mapping[str, Any]  # the other apps' sections, by name
    fields: Mapping[str, bool]  # the field groups the user's role may read ("specific_needs" …)

    def as_context(self) -> dict[str, Any]:
        """The page as the template's context, one name per field (the template reads
        ``person``, ``documents``, ``sections.cases`` …)."""
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def shown(self) -> dict[tuple[str, str], list[UUID]]:
        """The records the other apps' sections show beside the person (its cases, the
        records merged into or from it), by (action, object type), each id once, the person
        itself left out: what the page logs as read, one batch per kind."""
        found: dict[tuple[str, str], list[UUID]] = {}
        for name, shown in _SHOWN.items():
            if name not in self.sections:
                continue
            for action, object_type, public_id in shown(self.sections[name]):
                ids = found.setdefault((action, object_type), [])
                if public_id != self.person.public_id and public_id not in ids:
                    ids.append(public_id)
        return found


def person_page(user: User, person: Person, *, language: str | None = None) -> PersonPage:
    """The person page for ``user``, who reached ``person`` through ``access_person`` (the read
    is logged there)."""
    # The records the page names beside the person, read here rather than by the template
    # (none when the view read them with the person: ``access_person`` with
    # ``related=PERSON_PAGE_READ``).
    _links_read(person, [name for name in PERSON_RELATED if not _related_read(person, name)])
    can_change = access.person_visible(user, person, Perm.PERSON_CHANGE)
    household = person.household
    # Read with the person by the view (``PERSON_PAGE_READ``), or asked here: one record at
    # most, cached on the person for the data-subject requests' section.
    anonymised = getattr(person, "anonymisation", None) is not None
    language = language or get_language()
    # What the user's role may not read is not read at all (people/fields.py).
    policy = field_policy(user, person)
    status_shown = policy.shows(FieldGroup.LEGAL_STATUS)
    household_shown = policy.shows(FieldGroup.HOUSEHOLD)
    contact_shown = policy.shows(FieldGroup.CONTACT)
    periods = (
        list(person.status_periods.select_related("deciding_authority", "recorded_by"))
        if status_shown
        else []
    )
    return PersonPage(
        person=person,
        current_status=_in_force(periods, timezone.localdate()),
        status_periods=periods,
        documents=list(person.documents.select_related("issuing_country"))
        if policy.shows(FieldGroup.DOCUMENTS)
        else [],
        needs=list(person.needs.select_related("need"))
        if policy.shows(FieldGroup.SPECIFIC_NEEDS)
        else [],
        phones=list(person.phones.all()) if contact_shown else [],
        languages=[language_name(code) for code in person.languages],
        aliases=list(person.aliases.all()),
        members=list(household_members(user=user, person=person)) if household_shown else [],
        household_visible=household_shown
        and household is not None
        and access.household_visible(user, household),
        can_manage_household=household is not None
        and access.household_visible(user, household, Perm.PERSON_CHANGE),
        history=person_history(person, parts=_history_parts(policy.read)),
        can_change=can_change,
        can_edit=can_change and person.merged_into_id is None and not anonymised,
        anonymised=anonymised,
        can_open_case=can_change
        and not anonymised
        and user_has_perm_somewhere(user, Perm.PERSON_CREATE),
        shares=access.person_shares(user, person),
        today=timezone.localdate(),
        sections={name: section(user, person, language) for name, section in _SECTIONS.items()},
        fields=policy.by_name,
    )


def _related_read(person: Person, name: str) -> bool:
    """Whether the link ``name`` of ``person`` was read with it (``select_related``)."""
    return person._meta.get_field(name).is_cached(person)  # type: ignore[union-attr]


def _links_read(person: Person, names: list[str]) -> None:
    """Read the links ``names`` of ``person``: one look-up per model they point to (the three
    countries together), none for a link that is empty."""
    wanted: dict[type[Model], dict[str, Any]] = {}
    for name in names:
        field: Any = person._meta.get_field(name)
        wanted.setdefault(field.related_model, {})[name] = getattr(person, field.attname)
    for model, links in wanted.items():
        ids = {pk for pk in links.values() if pk is not None}
        found = model._default_manager.in_bulk(ids) if ids else {}
        for name, pk in links.items():
            person._meta.get_field(name).set_cached_value(person, found.get(pk))  # type: ignore[union-attr]


def _in_force(periods: list[LegalStatusPeriod], on: dt.date) -> LegalStatusPeriod | None:
    """The period of ``periods`` (in their model's order) in force on ``on``: what
    ``person_status_on`` asks the database, found in the list the page reads anyway."""
    for period in periods:
        if period.effective_from <= on and (
            period.effective_to is None or period.effective_to > on
        ):
            return period
    return None


#: The records hanging from a person whose changes the page's history lists, by field group.
HISTORY_PARTS: tuple[tuple[type[Any], FieldGroup], ...] = (
    (Document, FieldGroup.DOCUMENTS),
    (LegalStatusPeriod, FieldGroup.LEGAL_STATUS),
    (PhoneNumber, FieldGroup.CONTACT),
    (PersonNeed, FieldGroup.SPECIFIC_NEEDS),
    (PersonAlias, FieldGroup.IDENTITY),
)


def _history_parts(read: frozenset[FieldGroup]) -> tuple[type[Any], ...]:
    """The parts whose change history the reader may see: a need's row added tells that the
    person has a specific need even without saying which."""
    return tuple(model for model, group in HISTORY_PARTS if group in read)
