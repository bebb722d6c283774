"""Legal status history. Periods are only ever appended: a new status closes the open one."""

from __future__ import annotations

import datetime as dt
import enum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.errors import NotAllowed
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people import errors
from qorgau.people.access import visible_persons
from qorgau.people.models import LegalStatusPeriod, Person
from qorgau.people.models.choices import LEGAL_STATUS_VALUES
from qorgau.people.services.permissions import refuse_anonymised, require_perm_in


@transaction.atomic
def status_period_record(
    *,
    actor: User,
    organisation: Organisation,
    person: Person,
    status: str,
    effective_from: dt.date,
    deciding_authority: Organisation | None = None,
    basis: str = "",
) -> LegalStatusPeriod:
    """Start a new status on ``effective_from``, ending the current one that day.

    The person row is locked first, so two recordings for one person queue up instead of both
    closing the same open period.
    """
    require_perm_in(actor=actor, perm=Perm.PERSON_CHANGE, organisation=organisation)
    locked = (
        visible_persons(actor, Perm.PERSON_CHANGE).select_for_update().filter(pk=person.pk).first()
    )
    if locked is None:
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    refuse_anonymised([locked])
    if status not in LEGAL_STATUS_VALUES:
        raise ValidationError(
            {
                "status": ValidationError(
                    errors.UNKNOWN_CODE, code="unknown_code", params={"code": status}
                )
            }
        )
    return status_period_append(
        actor=actor,
        organisation=organisation,
        person=locked,
        status=status,
        effective_from=effective_from,
        deciding_authority=deciding_authority,
        basis=basis,
    )


def status_period_append(
    *,
    actor: User,
    organisation: Organisation,
    person: Person,
    status: str,
    effective_from: dt.date,
    deciding_authority: Organisation | None = None,
    basis: str = "",
) -> LegalStatusPeriod:
    """Close the open period and start ``status``, for a caller that has already passed its own
    gate and locked the person (``status_period_record``, or a case step whose transition the
    procedure's definition allows). Run inside the caller's transaction.
    """
    if effective_from > timezone.localdate():
        # A period starting in 2999 would refuse every real one after it (issue 14).
        raise ValidationError(
            {"effective_from": ValidationError(errors.STATUS_IN_FUTURE, code="date_in_future")}
        )
    current = LegalStatusPeriod.objects.filter(person=person, effective_to__isnull=True).first()
    if current is not None:
        if effective_from <= current.effective_from:
            raise ValidationError(
                {
                    "effective_from": ValidationError(
                        errors.STATUS_BEFORE_CURRENT,
                        code="status_before_current",
                        params={"date": current.effective_from.isoformat()},
                    )
                }
            )
        current.effective_to = effective_from
        history_stamp(current, actor=actor, reason="ended by a later status")
        current.save(update_fields=["effective_to"])
    period = LegalStatusPeriod(
        person=person,
        status=status,
        effective_from=effective_from,
        deciding_authority=deciding_authority,
        recorded_by=organisation,
        basis=basis.strip(),
    )
    history_stamp(period, actor=actor)
    period.save()
    return period


class _Kept(enum.Enum):
    KEPT = "kept"


#: A field a partial correction leaves as stored.
KEPT = _Kept.KEPT


@transaction.atomic
def status_period_correct(
    *,
    actor: User,
    period: LegalStatusPeriod,
    deciding_authority: Organisation | _Kept | None = KEPT,
    basis: str | _Kept = KEPT,
) -> LegalStatusPeriod:
    """Correct the authority or basis of a recorded period (a field not given keeps its stored
    value, read under the lock); dates and status are only changed by recording a new period,
    so that the history of what was known stays intact."""
    if not visible_persons(actor, Perm.PERSON_CHANGE).filter(pk=period.person_id).exists():
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    locked = (
        LegalStatusPeriod.objects.select_for_update().select_related("person").get(pk=period.pk)
    )
    refuse_anonymised([locked.person])
    if not isinstance(deciding_authority, _Kept):
        locked.deciding_authority = deciding_authority
    if not isinstance(basis, _Kept):
        locked.basis = basis.strip()
    history_stamp(locked, actor=actor, reason="corrected")
    locked.save(update_fields=["deciding_authority", "basis"])
    return locked
