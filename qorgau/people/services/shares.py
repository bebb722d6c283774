"""Sharing a person or a household with another organisation under an agreement."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people import errors
from qorgau.people.access import visible_households, visible_persons
from qorgau.people.models import Household, Person, Share


@transaction.atomic
def share_grant(
    *,
    actor: User,
    recipient: Organisation,
    agreement: str,
    purpose: str,
    expires_on: dt.date,
    person: Person | None = None,
    household: Household | None = None,
) -> Share:
    """Only an organisation that may change the record (its registrant or the agency office)
    can share it; the recipient may then view it until ``expires_on``."""
    record: Person | Household | None = person or household
    if record is None or (person is not None and household is not None):
        raise ValueError("share exactly one person or one household")
    gate = visible_persons if person is not None else visible_households
    if not gate(actor, Perm.PERSON_SHARE).filter(pk=record.pk).exists():
        raise PermissionDenied(errors.NO_PERMISSION)
    problems: dict[str, ValidationError] = {}
    if expires_on < timezone.localdate():
        problems["expires_on"] = ValidationError(errors.SHARE_EXPIRY_PAST, code="expiry_past")
    if recipient.pk == record.registered_by_id:
        problems["organisation"] = ValidationError(
            errors.SHARE_SAME_ORGANISATION, code="same_organisation"
        )
    for name, value in (("agreement", agreement), ("purpose", purpose)):
        if not value.strip():
            problems[name] = ValidationError(errors.REQUIRED, code="required")
    if problems:
        raise ValidationError(problems)
    share = Share(
        organisation=recipient,
        person=person,
        household=household,
        agreement=agreement.strip(),
        purpose=purpose.strip(),
        expires_on=expires_on,
        granted_by=actor,
    )
    share._history_user = actor  # type: ignore[attr-defined]
    share.save()
    return share


@transaction.atomic
def share_revoke(*, actor: User, share: Share) -> Share:
    record: Person | Household | None = share.person or share.household
    gate = visible_persons if share.person_id else visible_households
    if record is None or not gate(actor, Perm.PERSON_SHARE).filter(pk=record.pk).exists():
        raise PermissionDenied(errors.NO_PERMISSION)
    share.revoked_at = timezone.now()
    share._history_user = actor  # type: ignore[attr-defined]
    share.save(update_fields=["revoked_at"])
    return share
