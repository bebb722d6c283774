"""Deciding the rows an import held for review (ADR 0041): register the row as a new person,
or record that it is the same person as one of the records it resembles. Both only for
someone who registers people for the row's organisation, and only once (a security event
each, with ids only). Both decisions stick (ADR 0054): the new person carries the row's own
id, and "same person as" links that id to the record (``SourceLink``), so a later import of
the row finds the record instead of holding the row again."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed
from qorgau.imports import errors
from qorgau.imports.mapping import Lookups, row_read
from qorgau.imports.models import HeldRow, SourceLink
from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import visible_persons
from qorgau.people.models import Household, Person
from qorgau.people.models.encryption import document_cipher
from qorgau.people.services.households import household_member_add
from qorgau.people.services.permissions import require_perm_in
from qorgau.people.services.persons import person_create

HELD_ROW_DECIDED = "import_held_row_decided"


def held_row_values(held: HeldRow) -> dict[str, str]:
    """The row's cells by column, as the file held them (decrypted)."""
    values: dict[str, str] = json.loads(document_cipher().decrypt(bytes(held.values)))
    return values


def _pending(actor: User, held: HeldRow) -> HeldRow:
    try:
        require_perm_in(actor=actor, perm=Perm.PERSON_CREATE, organisation=held.organisation)
    except NotAllowed:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission") from None
    locked = (
        HeldRow.objects.select_for_update(of=("self",))
        .select_related("run__mapping")
        .get(pk=held.pk)
    )
    if locked.state != HeldRow.State.PENDING:
        raise Invalid(errors.ALREADY_DECIDED, code="already_decided")
    return locked


def _decided(actor: User, held: HeldRow, state: str, person: Person) -> None:
    held.state, held.person, held.decided_by = state, person, actor
    held.decided_at = timezone.now()
    held.save(update_fields=["state", "person", "decided_by", "decided_at"])
    security_event_record(
        actor=actor,
        event=HELD_ROW_DECIDED,
        object_type="held_row",
        object_id=held.public_id,
        detail={"decision": state, "person": str(person.public_id)},
    )


@transaction.atomic
def held_row_register(*, actor: User, held: HeldRow) -> Person:
    """ "Create as new": the row becomes a record of its organisation, through the registry's
    checks, with its own id (so a re-import finds it); a member of a household the organisation
    already holds under the row's household id joins it."""
    held = _pending(actor, held)
    mapping = held.run.mapping
    if mapping is None:
        raise Invalid(errors.HELD_MAPPING_GONE, code="mapping_gone")
    values, problems = row_read(held_row_values(held), mapping.columns, Lookups.load())
    if problems:
        first = problems[0]
        raise Invalid(
            first.message, code="invalid_row", params={"value": first.value, **first.params}
        )
    try:
        person = person_create(
            actor=actor,
            organisation=held.organisation,
            data=values.data,
            source_id=held.source_id,
        )
    except ValidationError as error:
        raise Invalid(" ".join(error.messages), code="invalid_row") from None
    household = None
    if held.household_source_id:
        household = Household.objects.filter(
            registered_by=held.organisation, source_id=held.household_source_id
        ).first()
    if household is not None and values.relationship:
        household_member_add(
            actor=actor, household=household, person=person, relationship=values.relationship
        )
    _decided(actor, held, HeldRow.State.IMPORTED, person)
    return person


@transaction.atomic
def held_row_same(*, actor: User, held: HeldRow, person: Person) -> HeldRow:
    """ "Same person as …": one of the row's candidates that the actor may see now; nothing is
    registered, the row is closed with the record it is, and the row's own id is linked to
    that record for the organisation's later imports (which then update it in place, where the
    importing user may change it)."""
    held = _pending(actor, held)
    if person.pk not in held.candidates or not visible_persons(actor).filter(pk=person.pk).exists():
        raise NotAllowed(errors.NOT_A_CANDIDATE, code="not_a_candidate")
    SourceLink.objects.update_or_create(
        organisation=held.organisation,
        source_id=held.source_id,
        defaults={"person": person, "held_row": held, "created_by": actor},
    )
    _decided(actor, held, HeldRow.State.SAME, person)
    return held
