"""Sharing a person or a household with another organisation under an agreement.

The rules a new share must meet are the protection policy (``people/policy.py``). Every share,
revocation and refusal is written to the security log (``audit.SecurityEvent``); a refusal is
recorded outside the share's transaction, so that it is kept although nothing else is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import NotAllowed
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Perm
from qorgau.people import errors
from qorgau.people.access import visible_households, visible_persons
from qorgau.people.fields import SHARE_DEFAULT, FieldGroup, readable_groups
from qorgau.people.models import Household, Person, Share
from qorgau.people.policy import record_people, share_agreement_check, share_policy_check
from qorgau.people.services.permissions import refuse_anonymised

SHARE_GRANTED = "share_granted"
SHARE_REVOKED = "share_revoked"
SHARE_REFUSED = "share_refused"
SHARE_REVOKE_REFUSED = "share_revoke_refused"


def _log(
    actor: User, event: str, record: Person | Household | None, detail: dict[str, Any]
) -> None:
    if record is None:
        return
    security_event_record(
        actor=actor,
        event=event,
        object_type="person" if isinstance(record, Person) else "household",
        object_id=record.public_id,
        detail=detail,
    )


def _scope_check(field_groups: Iterable[str] | None, readable: frozenset[FieldGroup]) -> list[str]:
    """The scope as sorted group codes: the default's readable part when none is named; an
    unknown group, a group the granter does not read or an empty choice is refused
    (``ValidationError`` on ``field_groups``)."""
    if field_groups is None:
        return sorted(group.value for group in SHARE_DEFAULT & readable)
    codes = sorted(set(field_groups))
    if not codes:
        raise ValidationError(
            {"field_groups": ValidationError(errors.SHARE_GROUPS_REQUIRED, code="required")}
        )
    for code in codes:
        if code not in FieldGroup.values:
            raise ValidationError(
                {
                    "field_groups": ValidationError(
                        errors.SHARE_GROUP_UNKNOWN, code="unknown_group", params={"group": code}
                    )
                }
            )
        if FieldGroup(code) not in readable:
            raise ValidationError(
                {
                    "field_groups": ValidationError(
                        errors.SHARE_GROUP_NOT_READABLE,
                        code="group_not_readable",
                        params={"group": FieldGroup(code).label},
                    )
                }
            )
    return codes


def share_grant(
    *,
    actor: User,
    recipient: Organisation,
    purpose: str,
    expires_on: dt.date,
    agreement: str = "",
    person: Person | None = None,
    household: Household | None = None,
    field_groups: Iterable[str] | None = None,
    agreement_record: Any | None = None,
) -> Share:
    """Only an organisation that may change the record (its registrant or the agency office)
    can share it, and only as the policy allows; the recipient may then view it until
    ``expires_on``, and of it only the ``field_groups`` the granter chose among those they may
    read themselves (``SHARE_DEFAULT`` when they name none; ADR 0038). Refusals raise
    (``PermissionDenied`` or ``ValidationError`` naming the fields) after being written to the
    security log; nothing else is stored then.

    ``agreement_record`` (a ``partners.Agreement``) must be in force for ``recipient`` until
    the share expires, and the share's field groups within the agreement's; without one, the
    share is refused when ``settings.SHARE_AGREEMENT_REQUIRED`` (ADR 0043)."""
    record: Person | Household | None = person or household
    if record is None or (person is not None and household is not None):
        raise ValueError("share exactly one person or one household")
    if agreement_record is not None:
        agreement = agreement_record.reference
    terms: dict[str, Any] = {
        "recipient": recipient.code,
        "agreement": agreement.strip()[:200],
        "purpose": purpose.strip()[:300],
        "expires_on": expires_on.isoformat(),
        # Codes only: anything else a client sent is not kept.
        "field_groups": None
        if field_groups is None
        else sorted({c if c in FieldGroup.values else "?" for c in map(str, field_groups)}),
        "agreement_record": str(agreement_record.public_id) if agreement_record else None,
    }
    gate = visible_persons if person is not None else visible_households
    if not gate(actor, Perm.PERSON_SHARE).filter(pk=record.pk).exists():
        _log(actor, SHARE_REFUSED, record, {**terms, "reasons": ["no_permission"]})
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    people = record_people(record)
    try:
        refuse_anonymised(people)
    except NotAllowed:
        _log(actor, SHARE_REFUSED, record, {**terms, "reasons": ["anonymised_record"]})
        raise
    try:
        readable = readable_groups(actor, people)
        if agreement_record is not None and field_groups is None:
            # No scope named: the default, within what the agreement allows.
            allowed = {
                FieldGroup(g) for g in agreement_record.field_groups if g in FieldGroup.values
            }
            readable = readable & frozenset(allowed)
        scope = _scope_check(field_groups, readable)
        share_policy_check(
            record=record,
            people=people,
            recipient=recipient,
            agreement=agreement,
            purpose=purpose,
            expires_on=expires_on,
            today=timezone.localdate(),
        )
        share_agreement_check(
            agreement=agreement_record,
            recipient=recipient,
            expires_on=expires_on,
            today=timezone.localdate(),
            purpose=purpose,
            field_groups=scope,
            record=record,
        )
    except ValidationError as exc:
        reasons = sorted(
            {f"{name}:{e.code}" for name, found in exc.error_dict.items() for e in found}
        )
        _log(actor, SHARE_REFUSED, record, {**terms, "reasons": reasons})
        raise
    with transaction.atomic():
        share = Share(
            organisation=recipient,
            person=person,
            household=household,
            agreement=agreement_record.reference if agreement_record else agreement.strip(),
            agreement_record=agreement_record,
            purpose=purpose.strip(),
            expires_on=expires_on,
            granted_by=actor,
            field_groups=scope,
        )
        history_stamp(share, actor=actor, reason="share granted")
        share.save()
        _log(
            actor,
            SHARE_GRANTED,
            record,
            {**terms, "field_groups": scope, "share": str(share.public_id)},
        )
    return share


def share_revoke(*, actor: User, share: Share) -> Share:
    record: Person | Household | None = share.person or share.household
    gate = visible_persons if share.person_id else visible_households
    detail = {"share": str(share.public_id), "recipient": share.organisation.code}
    if record is None or not gate(actor, Perm.PERSON_SHARE).filter(pk=record.pk).exists():
        _log(actor, SHARE_REVOKE_REFUSED, record, {**detail, "reasons": ["no_permission"]})
        raise NotAllowed(errors.NO_PERMISSION, code="no_permission")
    with transaction.atomic():
        share.revoked_at = timezone.now()
        history_stamp(share, actor=actor, reason="share revoked")
        share.save(update_fields=["revoked_at"])
        _log(actor, SHARE_REVOKED, record, detail)
    return share
