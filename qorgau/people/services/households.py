"""Households (registration groups): exactly one principal applicant, every member related."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from qorgau.audit.history import history_stamp
from qorgau.errors import NotAllowed
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people import errors
from qorgau.people.access import visible_households, visible_persons
from qorgau.people.models import Household, Person, Relationship
from qorgau.people.models.choices import RELATIONSHIP_VALUES
from qorgau.people.services import numbers
from qorgau.people.services.permissions import refuse_anonymised, require_perm_in
from qorgau.people.services.persons import PersonInput, person_create


@dataclass
class MemberInput:
    data: PersonInput
    relationship: str
    source_id: str = ""


def _check_one_principal(relationships: list[str]) -> None:
    """Exactly one principal applicant and known relationships; errors name the member."""
    problems: dict[str, ValidationError] = {}
    for index, relationship in enumerate(relationships):
        if relationship not in RELATIONSHIP_VALUES:
            problems[f"members.{index}.relationship"] = ValidationError(
                errors.UNKNOWN_CODE, code="unknown_code", params={"code": relationship}
            )
    count = relationships.count(Relationship.PRINCIPAL)
    if count == 0:
        problems["members"] = ValidationError(errors.NO_PRINCIPAL, code="no_principal")
    elif count > 1:
        problems["members"] = ValidationError(
            errors.TWO_PRINCIPALS, code="two_principals", params={"count": count}
        )
    if problems:
        raise ValidationError(problems)


def _already_in_household(field: str, person: Person) -> ValidationError:
    number = person.household.registration_number if person.household else ""
    return ValidationError(
        {
            field: ValidationError(
                errors.ALREADY_IN_HOUSEHOLD,
                code="already_in_household",
                params={"name": person.display_name, "number": number},
            )
        }
    )


@transaction.atomic
def household_register(
    *, actor: User, organisation: Organisation, members: list[MemberInput], source_id: str = ""
) -> Household:
    """Register a new household and all its members at once; nothing is saved if any member
    is invalid."""
    require_perm_in(actor=actor, perm=Perm.PERSON_CREATE, organisation=organisation)
    _check_one_principal([m.relationship for m in members])
    household = Household(
        registered_by=organisation,
        country_office=organisation.country,
        source_id=source_id.strip(),
        registration_number=numbers.registration_number_allocate(
            country=organisation.country, kind=numbers.HOUSEHOLD
        ),
    )
    history_stamp(household, actor=actor)
    household.save()
    for index, member in enumerate(members):
        try:
            person = person_create(
                actor=actor, organisation=organisation, data=member.data, source_id=member.source_id
            )
        except ValidationError as exc:
            raise ValidationError(
                {f"members.{index}.{name}": problems for name, problems in exc.error_dict.items()}
            ) from exc
        _join(person, household, member.relationship, actor)
    return household


@transaction.atomic
def household_create(
    *, actor: User, organisation: Organisation, members: list[tuple[Person, str]]
) -> Household:
    """Group already registered people (none in a household yet) into a new household."""
    require_perm_in(actor=actor, perm=Perm.PERSON_CREATE, organisation=organisation)
    _check_one_principal([relationship for _, relationship in members])
    changeable = visible_persons(actor, Perm.PERSON_CHANGE)
    people = list(
        changeable.select_for_update().filter(pk__in=[p.pk for p, _ in members]).order_by("pk")
    )
    if len(people) != len({p.pk for p, _ in members}):
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    refuse_anonymised(people)
    for person in people:
        if person.household_id is not None:
            raise _already_in_household("members", person)
    household = Household(
        registered_by=organisation,
        country_office=organisation.country,
        registration_number=numbers.registration_number_allocate(
            country=organisation.country, kind=numbers.HOUSEHOLD
        ),
    )
    history_stamp(household, actor=actor)
    household.save()
    by_pk = {p.pk: p for p in people}
    for person, relationship in members:
        _join(by_pk[person.pk], household, relationship, actor)
    return household


def _bump(household: Household, actor: User) -> None:
    """A change of membership is a change of the household: a new version in its history."""
    household.version += 1
    history_stamp(household, actor=actor, reason="membership changed")
    household.save(update_fields=["version", "updated_at"])


def _join(person: Person, household: Household, relationship: str, actor: User) -> None:
    person.household = household
    person.relationship = relationship
    person.version += 1
    history_stamp(person, actor=actor, reason="joined household")
    person.save(update_fields=["household", "relationship", "version", "updated_at"])


def _household_locked(
    actor: User, household: Household, expected_version: int | None = None
) -> Household:
    """The household, locked, if the actor may change it and nobody changed it since
    ``expected_version`` (None: the caller holds no version, as the API's member routes)."""
    locked = (
        visible_households(actor, Perm.PERSON_CHANGE).select_for_update().filter(pk=household.pk)
    ).first()
    if locked is None:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    if expected_version is not None and locked.version != expected_version:
        raise errors.StaleVersionError(current_version=locked.version)
    return locked


def _check_member_relationship(relationship: str, field: str = "relationship") -> None:
    """A member other than the principal: a known relationship, never a second principal."""
    if relationship == Relationship.PRINCIPAL:
        raise ValidationError(
            {field: ValidationError(errors.PRINCIPAL_EXISTS, code="principal_exists")}
        )
    if relationship not in RELATIONSHIP_VALUES:
        raise ValidationError(
            {
                field: ValidationError(
                    errors.UNKNOWN_CODE, code="unknown_code", params={"code": relationship}
                )
            }
        )


@transaction.atomic
def household_member_add(
    *,
    actor: User,
    household: Household,
    person: Person,
    relationship: str,
    expected_version: int | None = None,
) -> Person:
    """Add a registered person (in no household) as a member other than the principal."""
    locked_household = _household_locked(actor, household, expected_version)
    locked_person = (
        visible_persons(actor, Perm.PERSON_CHANGE).select_for_update().filter(pk=person.pk)
    ).first()
    if locked_person is None:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    if locked_person.merged_into_id is not None:
        raise NotAllowed(errors.MERGED_RECORD, code="merged_record")
    refuse_anonymised([locked_person])
    _check_member_relationship(relationship)
    if locked_person.household_id is not None:
        raise _already_in_household("person", locked_person)
    _join(locked_person, locked_household, relationship, actor)
    _bump(locked_household, actor)
    return locked_person


@transaction.atomic
def household_member_remove(
    *, actor: User, person: Person, expected_version: int | None = None
) -> Person:
    """Take a member other than the principal out of their household. The person's record
    stays in the registry, as a person in no household; the household's history keeps that
    they were a member. ``expected_version`` is the household's."""
    if person.household_id is not None:
        # The household first, then the person: the order every household service locks in.
        household = Household.objects.get(pk=person.household_id)
        _household_locked(actor, household, expected_version)
    locked = (
        visible_persons(actor, Perm.PERSON_CHANGE).select_for_update().filter(pk=person.pk)
    ).first()
    if locked is None:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    refuse_anonymised([locked])
    if locked.relationship == Relationship.PRINCIPAL:
        raise ValidationError(
            {"person": ValidationError(errors.PRINCIPAL_CANNOT_LEAVE, code="principal_leaves")}
        )
    if locked.household is not None:
        _bump(
            Household.objects.select_for_update().get(pk=locked.household.pk),
            actor,
        )
    locked.household = None
    locked.relationship = ""
    locked.version += 1
    history_stamp(locked, actor=actor, reason="left household")
    locked.save(update_fields=["household", "relationship", "version", "updated_at"])
    return locked


@transaction.atomic
def household_member_register(
    *,
    actor: User,
    organisation: Organisation,
    household: Household,
    data: PersonInput,
    relationship: str,
    expected_version: int | None = None,
) -> Person:
    """Register a new person for ``organisation`` as a member (other than the principal) of an
    existing household; nothing is saved if the person or the relationship is invalid."""
    locked_household = _household_locked(actor, household, expected_version)
    _check_member_relationship(relationship)
    person = person_create(actor=actor, organisation=organisation, data=data)
    _join(person, locked_household, relationship, actor)
    _bump(locked_household, actor)
    return person


@transaction.atomic
def household_principal_change(
    *,
    actor: User,
    household: Household,
    person: Person,
    former_principal_relationship: str,
    expected_version: int | None = None,
) -> Person:
    """Make ``person``, a member of the household, its principal applicant; the former principal
    stays a member with ``former_principal_relationship`` to the new one. The other members keep
    the relationships recorded. The former principal is changed first, so the database's rule of
    one principal per household holds at every statement."""
    locked_household = _household_locked(actor, household, expected_version)
    _check_member_relationship(former_principal_relationship, field="former_principal_relationship")
    members = list(
        visible_persons(actor, Perm.PERSON_CHANGE)
        .select_for_update()
        .filter(household=locked_household)
        .order_by("pk")
    )
    new = next((m for m in members if m.pk == person.pk), None)
    if new is None:
        # Not a member of this household, or a member the actor may not change.
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    former = next((m for m in members if m.relationship == Relationship.PRINCIPAL), None)
    has_principal = locked_household.members.filter(relationship=Relationship.PRINCIPAL).exists()
    if former is None and has_principal:
        # The principal's record is one the actor may not change.
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    if new.merged_into_id is not None:
        raise NotAllowed(errors.MERGED_RECORD, code="merged_record")
    # Both records change (their relationship): neither may be an anonymised one.
    refuse_anonymised([new] if former is None else [new, former])
    if new.relationship == Relationship.PRINCIPAL:
        raise ValidationError(
            {"person": ValidationError(errors.ALREADY_PRINCIPAL, code="already_principal")}
        )
    if former is not None:
        _join(former, locked_household, former_principal_relationship, actor)
    _join(new, locked_household, Relationship.PRINCIPAL, actor)
    _bump(locked_household, actor)
    return new
