"""Need-to-know: which groups of a person's fields each role may read and set, in one place
(issue 14, ADR 0030). Every channel a person's data leaves by (the person page, search results,
household pages, the API's people, households, documents and status periods) and every
channel it comes in by (the register and edit forms, the API's writes) asks here.

The effective policy of a user for a person combines the user's roles in the organisations
through which they see the person: a role held in the organisation that registered the person,
or in the agency's office of the person's country, reads what the table gives the role; a role
that sees the person only through a share reads that, narrowed by the share's own scope (the
groups its granter chose among those they may read, ``SHARE_DEFAULT`` unless they chose;
ADR 0038). Setting follows the table for roles that may change the person (a share never
grants a change).

Hidden groups are left out of the API (absent, not empty) and shown as "not shown to your
role" on pages. A write that carries a field of a group the role may not set is refused with a
message naming the field, and the refusal is kept in the security log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid
from qorgau.organisations.models import Membership, Organisation, User
from qorgau.organisations.permissions import Perm, Role, role_grants
from qorgau.organisations.selectors import user_memberships
from qorgau.people import errors
from qorgau.people.models import Person, Share
from qorgau.people.models.share import SHARE_DEFAULT_GROUPS


class FieldGroup(models.TextChoices):
    IDENTITY = "identity", _("Identity")
    LEGAL_STATUS = "legal_status", _("Legal status")
    DOCUMENTS = "documents", _("Documents")
    CONTACT = "contact", _("Contact")
    SPECIFIC_NEEDS = "specific_needs", _("Specific needs")
    HOUSEHOLD = "household", _("Household")


G = FieldGroup
ALL = frozenset(FieldGroup)

#: Role → the groups it may read of a person its organisation registered or its country office
#: holds. The registration number, the registering organisation and the record's version and
#: dates are not personal data of the person and always shown with the record.
ROLE_READ: dict[str, frozenset[FieldGroup]] = {
    Role.ADMINISTRATOR: ALL,
    Role.REGISTRATION_CLERK: ALL,
    Role.PROTECTION_OFFICER: ALL,
    # Their own organisation's records (they collected them); shared ones: see SHARE_DEFAULT.
    Role.PARTNER_CASEWORKER: ALL,
    # Identity and legal status (and the documents the state issues, and the family unity its
    # decisions follow), never the specific needs (GBV, torture, medical codes) nor contact.
    Role.GOVERNMENT_LIAISON: frozenset({G.IDENTITY, G.LEGAL_STATUS, G.DOCUMENTS, G.HOUSEHOLD}),
    Role.STATISTICS_VIEWER: frozenset(),
}

#: Role → the groups it may set (on a person it may change at all: shares never grant it).
ROLE_SET: dict[str, frozenset[FieldGroup]] = {
    Role.ADMINISTRATOR: ALL,
    Role.REGISTRATION_CLERK: ALL,
    Role.PROTECTION_OFFICER: ALL,
    Role.PARTNER_CASEWORKER: ALL,
    Role.GOVERNMENT_LIAISON: frozenset(),
    Role.STATISTICS_VIEWER: frozenset(),
}

#: What a share lets its recipient read when its granter names no scope (and what every share
#: made before shares carried a scope got): who the person is, their status, how to reach them
#: and their family, to serve them. Not their documents' numbers nor their specific needs: a
#: granter passes those only by naming them on the share (ADR 0030, 0038).
SHARE_DEFAULT = frozenset(FieldGroup(code) for code in SHARE_DEFAULT_GROUPS)


def share_scope(share: Share) -> frozenset[FieldGroup]:
    """The groups a share grants (codes no longer known are ignored)."""
    return frozenset(FieldGroup(code) for code in share.field_groups if code in FieldGroup.values)


#: The API's person fields, by group; fields not named here are always shown.
PERSON_API_FIELDS: dict[FieldGroup, tuple[str, ...]] = {
    G.IDENTITY: (
        "family_name", "given_name", "patronymic", "family_name_latin", "given_name_latin",
        "patronymic_latin", "sex", "date_of_birth", "date_of_birth_estimated", "birth_precision",
        "birth_country", "birth_place", "citizenship_status", "citizenship_country",
        "origin_country", "languages", "aliases",
    ),
    G.CONTACT: ("address", "region", "phones"),
    G.SPECIFIC_NEEDS: ("needs",),
    G.HOUSEHOLD: ("household", "relationship"),
}  # fmt: skip

#: ``PersonInput``'s fields (what the forms and the API build), by group.
PERSON_INPUT_FIELDS: dict[FieldGroup, tuple[str, ...]] = {
    G.IDENTITY: (
        "family_name", "given_name", "patronymic", "sex", "birth", "birth_country",
        "birth_place", "citizenship_status", "citizenship_country", "origin_country",
        "languages", "aliases",
    ),
    G.CONTACT: ("address", "region", "phones"),
    G.SPECIFIC_NEEDS: ("needs",),
}  # fmt: skip

#: The forms' fields that are neither (the languages not in the list).
FORM_FIELDS: dict[FieldGroup, tuple[str, ...]] = {G.IDENTITY: ("other_languages",)}

#: Any field name of the API, the forms or ``PersonInput`` → its group.
FIELD_GROUP = {
    name: group
    for table in (PERSON_API_FIELDS, PERSON_INPUT_FIELDS, FORM_FIELDS)
    for group, names in table.items()
    for name in names
}

#: The security event of a refused write of a field.
FIELD_WRITE_REFUSED = "field_write_refused"


@dataclass(frozen=True)
class FieldPolicy:
    """What one user may read of one person."""

    read: frozenset[FieldGroup]

    def shows(self, group: FieldGroup | str) -> bool:
        return group in self.read

    @property
    def by_name(self) -> dict[str, bool]:
        """``{"specific_needs": False, …}``: what a template asks (``fields.specific_needs``)."""
        return {group.value: group in self.read for group in FieldGroup}


def _viewing(user: User | AnonymousUser) -> list[Membership]:
    return [m for m in user_memberships(user) if role_grants(m.role, Perm.PERSON_VIEW)]


def _holds(organisation: Organisation, person: Person) -> bool:
    """The organisation registered the person, or is the agency's office of their country."""
    return person.registered_by_id == organisation.pk or (
        organisation.is_operating_agency and person.country_office_id == organisation.country_id
    )


def field_policies(user: User | AnonymousUser, people: Sequence[Person]) -> dict[int, FieldPolicy]:
    """The policy of ``user`` for each of ``people`` (by pk): no query for people the user's
    organisations hold, one query for the shares of all the others together."""
    memberships = _viewing(user)
    read: dict[int, set[FieldGroup]] = {}
    shared_needed: list[Person] = []
    for person in people:
        groups = read.setdefault(person.pk, set())
        for membership in memberships:
            if _holds(membership.organisation, person):
                groups |= ROLE_READ.get(membership.role, frozenset())
        if groups != ALL:
            shared_needed.append(person)
    if shared_needed and memberships:
        by_organisation = _shared_with(memberships, shared_needed)
        for person in shared_needed:
            for membership in memberships:
                scope = by_organisation.get(membership.organisation_id, {}).get(person.pk)
                if scope:
                    role_groups = ROLE_READ.get(membership.role, frozenset())
                    read[person.pk] |= role_groups & scope
    return {pk: FieldPolicy(frozenset(groups)) for pk, groups in read.items()}


# What a list shows of a person (name and registration number), with the columns
# ``field_policies`` reads: for ``QuerySet.only`` through a relation, so that a list of 50
# reminders or cases does not read the person's 31 columns.
LISTED_PERSON_COLUMNS = (
    "public_id",
    "registration_number",
    "family_name",
    "given_name",
    "patronymic",
    "registered_by",
    "country_office",
    "household",
)


def listed_person_columns(relation: str) -> tuple[str, ...]:
    return tuple(f"{relation}__{column}" for column in LISTED_PERSON_COLUMNS)


def shows_name(policies: Mapping[int, FieldPolicy], person_id: int | None) -> bool:
    """Whether a list may show the name of the person ``person_id`` under ``policies`` (those
    of ``field_policies``): not for a person left out of them, as ``people/_name.html``."""
    policy = policies.get(person_id or 0)
    return policy is not None and policy.shows(FieldGroup.IDENTITY)


def field_policy(user: User | AnonymousUser, person: Person) -> FieldPolicy:
    return field_policies(user, [person])[person.pk]


def _shared_with(
    memberships: list[Membership], people: list[Person]
) -> dict[int, dict[int, frozenset[FieldGroup]]]:
    """Organisation pk → {pk of one of ``people`` actively shared with it (the person or their
    household) → the union of those shares' scopes}, in one query."""
    households = {p.household_id: p.pk for p in people if p.household_id}
    rows = Share.objects.filter(
        Q(person_id__in=[p.pk for p in people]) | Q(household_id__in=list(households)),
        organisation_id__in={m.organisation_id for m in memberships},
        revoked_at__isnull=True,
        expires_on__gte=timezone.localdate(),
    ).values_list("organisation_id", "person_id", "household_id", "field_groups")
    members: dict[int, list[int]] = {}
    for person in people:
        if person.household_id:
            members.setdefault(person.household_id, []).append(person.pk)
    found: dict[int, dict[int, frozenset[FieldGroup]]] = {}
    for organisation, person_id, household_id, codes in rows:
        scope = frozenset(FieldGroup(code) for code in codes if code in FieldGroup.values)
        ids = [person_id] if person_id else members.get(household_id or 0, [])
        shared = found.setdefault(organisation, {})
        for pk in ids:
            shared[pk] = shared.get(pk, frozenset()) | scope
    return found


def readable_groups(user: User | AnonymousUser, people: Sequence[Person]) -> frozenset[FieldGroup]:
    """The groups ``user`` reads on every one of ``people`` they see: what they may put in the
    scope of a share (a share of a household hands over all its members; whether members they
    do not see may go with it is the share policy's question, ``people/policy.py``)."""
    seen = [policy.read for policy in field_policies(user, people).values() if policy.read]
    readable = ALL if seen else frozenset()
    for read in seen:
        readable &= read
    return readable


def persons_reading(user: User | AnonymousUser, group: FieldGroup) -> QuerySet[Person]:
    """The people whose ``group`` the user may read, as a query (for lists of records of that
    group, such as documents, so that a page of them is counted and cut in the database)."""
    condition = Q(pk__in=[])
    today = timezone.localdate()
    for membership in _viewing(user):
        role_groups = ROLE_READ.get(membership.role, frozenset())
        organisation = membership.organisation
        if group in role_groups:
            condition |= Q(registered_by_id=organisation.pk)
            if organisation.is_operating_agency:
                condition |= Q(country_office_id=organisation.country_id)
        if group in role_groups:
            shares = _shares_granting(organisation, group, today)
            condition |= Q(Exists(shares.filter(person_id=OuterRef("pk")))) | Q(
                Exists(shares.filter(household_id=OuterRef("household_id")))
            )
    return Person.objects.filter(condition)


def _shares_granting(
    organisation: Organisation, group: FieldGroup, today: dt.date
) -> QuerySet[Share]:
    """The organisation's active shares whose scope names ``group``. The scope is a JSON list,
    which SQLite cannot search inside, so the (few, granted by hand) active shares of the
    organisation are read once and picked here."""
    active = Share.objects.filter(
        organisation_id=organisation.pk, revoked_at__isnull=True, expires_on__gte=today
    )
    granting = [pk for pk, codes in active.values_list("pk", "field_groups") if group in codes]
    return Share.objects.filter(pk__in=granting)


def settable_groups(
    user: User, *, person: Person | None = None, organisation: Organisation | None = None
) -> frozenset[FieldGroup]:
    """The groups ``user`` may set on ``person`` (a change: roles that may change it, held in an
    organisation that holds it) or on a new person registered for ``organisation``."""
    groups: set[FieldGroup] = set()
    for membership in user_memberships(user):
        if person is not None:
            allowed = role_grants(membership.role, Perm.PERSON_CHANGE) and _holds(
                membership.organisation, person
            )
        else:
            allowed = (
                organisation is not None
                and membership.organisation_id == organisation.pk
                and role_grants(membership.role, Perm.PERSON_CREATE)
            )
        if allowed:
            groups |= ROLE_SET.get(membership.role, frozenset())
    return frozenset(groups)


def field_write_check(
    *,
    actor: User,
    fields: Iterable[str],
    person: Person | None = None,
    organisation: Organisation | None = None,
) -> None:
    """Refuse (``Invalid`` naming each field, and a security event) a write that carries a field
    of a group the actor may not set on ``person`` (or on a new person of ``organisation``).
    Call it outside the write's transaction, so that the event is kept."""
    allowed = settable_groups(actor, person=person, organisation=organisation)
    refused = sorted(
        name for name in set(fields) if name in FIELD_GROUP and FIELD_GROUP[name] not in allowed
    )
    if not refused:
        return
    security_event_record(
        actor=actor,
        event=FIELD_WRITE_REFUSED,
        object_type="person" if person is not None else "",
        object_id=person.public_id if person is not None else None,
        detail={
            "fields": refused,
            "groups": sorted({FIELD_GROUP[name].value for name in refused}),
            "organisation": organisation.code if organisation is not None else None,
        },
    )
    raise Invalid(
        errors.FIELD_NOT_SETTABLE,
        code="field_not_settable",
        field=refused[0],
        params={"field": refused[0]},
    )
