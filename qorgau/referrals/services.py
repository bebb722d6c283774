"""Writes of referrals (issue 17, ADR 0044): creating one (a draft, with the consent record),
each step of ``machine.py`` as one service, the protection officer's approval of a consent
override, and the re-referral to another partner.

Every step locks the referral, refuses a stale version, asks ``machine.transition_check`` and
nothing else about the flow, writes the step with its actor and organisation (the history, a
``ReferralEvent`` and the security log) in one transaction, and emails the other side after
commit. Refusals are written to the security log before they are raised (nothing else is
stored then)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from qorgau.audit.history import history_stamp
from qorgau.audit.services import security_event_record
from qorgau.errors import Invalid, NotAllowed, locked_at_version
from qorgau.organisations.models import Organisation, User
from qorgau.organisations.permissions import Role
from qorgau.organisations.selectors import user_memberships
from qorgau.partners.models import Agreement, Service
from qorgau.people.models import Household, Person, Share
from qorgau.people.policy import record_people
from qorgau.people.services.permissions import refuse_anonymised
from qorgau.people.services.shares import SHARE_GRANTED, SHARE_REVOKED
from qorgau.referrals import checks, emails, errors
from qorgau.referrals.checks import ConsentInput
from qorgau.referrals.deadlines import answer_due
from qorgau.referrals.machine import TRANSITIONS, ReferralState, Side, Step, transition_check
from qorgau.referrals.models import Consent, Referral, ReferralEvent

REFERRAL_CREATED = "referral_created"
REFERRAL_REFUSED = "referral_refused"
REFERRAL_STEP = "referral_step"
CONSENT_OVERRIDE_APPROVED = "referral_override_approved"
CONSENT_OVERRIDE_REFUSED = "referral_override_refused"

#: The steps after which the receiver no longer reads the person through the referral.
ENDS_READS = frozenset({ReferralState.WITHDRAWN, ReferralState.DECLINED, ReferralState.CLOSED})


def _refused(actor: User, referral: Referral | None, record: Any, reasons: list[str]) -> None:
    security_event_record(
        actor=actor,
        event=REFERRAL_REFUSED,
        object_type="referral"
        if referral
        else ("person" if isinstance(record, Person) else "household"),
        object_id=referral.public_id if referral else record.public_id,
        detail={"reasons": reasons},
    )


def referral_create(
    *,
    actor: User,
    recipient: Organisation,
    services: Iterable[str],
    reason: str,
    urgency: str,
    field_groups: Iterable[str],
    consent: ConsentInput | None,
    person: Person | None = None,
    household: Household | None = None,
    agreement: Agreement | None = None,
    previous: Referral | None = None,
) -> Referral:
    """A draft referral of ``person`` (or ``household``) by ``actor`` to ``recipient`` for the
    catalogue ``services``, sharing ``field_groups`` under ``agreement`` (by default the one in
    force between the two organisations that ends last), with the consent record. Refused
    (``NotAllowed``) to anyone who may not change the record; bad input raises a
    ``ValidationError`` naming every field at fault."""
    record: Person | Household | None = person or household
    if record is None or (person is not None and household is not None):
        raise ValueError("refer exactly one person or one household")
    sender = (
        checks.sending_organisation(actor, record) if checks.may_change(actor, record) else None
    )
    if sender is None:
        _refused(actor, None, record, ["no_permission"])
        raise NotAllowed(errors.NOT_SENDER, code="no_permission")
    people = record_people(record)
    refuse_anonymised(people)
    today = timezone.localdate()
    if agreement is None:
        agreement = checks.agreements_in_force(sender, recipient, today).first()
    codes = sorted(set(services))
    groups = sorted(set(field_groups))
    problems = checks.referral_rules_check(
        actor=actor, sender=sender, record=record, people=people, recipient=recipient,
        agreement=agreement, services=codes, field_groups=groups, urgency=urgency,
        reason=reason, today=today,
    )  # fmt: skip
    checks.consent_check(problems, consent, person, today)
    if problems.found:
        _refused(actor, None, record, problems.codes)
        problems.raise_any()
    if consent is None or agreement is None:  # refused above
        raise ValueError("consent and agreement are checked above")
    with transaction.atomic():
        referral = Referral(
            person=person, household=household, sender=sender, sent_by=actor,
            recipient=recipient, reason=reason.strip(), urgency=urgency, field_groups=groups,
            agreement=agreement, previous=previous,
        )  # fmt: skip
        history_stamp(referral, actor=actor, reason="referral created")
        referral.save()
        referral.services.set(Service.objects.filter(code__in=codes))
        row = Consent(
            referral=referral, given=consent.given, given_by=consent.given_by.strip(),
            method=consent.method, given_on=consent.given_on, guardian=consent.guardian.strip(),
            override_reason=consent.override_reason.strip() if not consent.given else "",
            recorded_by=actor,
        )  # fmt: skip
        history_stamp(row, actor=actor, reason="consent recorded")
        row.save()
        _event(referral, actor, sender, "create", "", referral.state, "")
        security_event_record(
            actor=actor,
            event=REFERRAL_CREATED,
            object_type="referral",
            object_id=referral.public_id,
            detail={
                "sender": sender.code,
                "recipient": recipient.code,
                "services": codes,
                "field_groups": groups,
                "agreement": str(agreement.public_id),
                "consent": "given" if consent.given else "refused_override",
                "previous": str(previous.public_id) if previous else None,
            },
        )
    return referral


def _event(
    referral: Referral,
    actor: User,
    organisation: Organisation,
    step: str,
    from_state: str,
    to_state: str,
    note: str,
) -> None:
    ReferralEvent.objects.create(
        referral=referral, step=step, actor=actor, organisation=organisation,
        from_state=from_state, to_state=to_state, note=note, at=timezone.now(),
    )  # fmt: skip


def _acting_organisation(actor: User, referral: Referral, side: Side) -> Organisation:
    if side == Side.RECEIVER:
        return referral.recipient
    record = referral.person or referral.household
    assert record is not None  # noqa: S101 (a database constraint)
    return checks.sending_organisation(actor, record) or referral.sender


def _send_check(actor: User, referral: Referral) -> None:
    """What sending asks beyond the table: the consent (or its approved override), and every
    rule of a new referral again (the agreement may have expired since the draft)."""
    record = referral.person or referral.household
    assert record is not None  # noqa: S101
    today = timezone.localdate()
    problems = checks.referral_rules_check(
        actor=actor, sender=referral.sender, record=record, people=record_people(record),
        recipient=referral.recipient, agreement=referral.agreement,
        services=[s.code for s in referral.services.all()], field_groups=referral.field_groups,
        urgency=referral.urgency, reason=referral.reason, today=today,
    )  # fmt: skip
    consent = Consent.objects.filter(referral=referral).first()
    if consent is None:
        problems.add("consent", errors.NO_CONSENT, "no_consent")
    elif consent.blocks:
        problems.add("consent", errors.CONSENT_REFUSED, "consent_refused")
    if problems.found:
        _refused(actor, referral, None, problems.codes)
        problems.raise_any()


def _share_grant(actor: User, referral: Referral) -> Share:
    """The receiver's read grant: the referral's field groups, under its agreement."""
    share = Share(
        organisation=referral.recipient,
        person=referral.person,
        household=referral.household,
        agreement=referral.agreement.reference,
        agreement_record=referral.agreement,
        purpose="referral",
        expires_on=checks.share_expiry(referral.agreement, timezone.localdate()),
        field_groups=list(referral.field_groups),
        granted_by=actor,
    )
    history_stamp(share, actor=actor, reason="referral sent")
    share.save()
    _share_logged(actor, referral, SHARE_GRANTED, share)
    return share


def _share_end(actor: User, referral: Referral) -> None:
    share = referral.share
    if share is None or share.revoked_at is not None:
        return
    share.revoked_at = timezone.now()
    history_stamp(share, actor=actor, reason=f"referral {referral.state}")
    share.save(update_fields=["revoked_at"])
    _share_logged(actor, referral, SHARE_REVOKED, share)


def _share_logged(actor: User, referral: Referral, event: str, share: Share) -> None:
    record = referral.person or referral.household
    assert record is not None  # noqa: S101
    security_event_record(
        actor=actor,
        event=event,
        object_type="person" if referral.person_id else "household",
        object_id=record.public_id,
        detail={
            "share": str(share.public_id),
            "referral": str(referral.public_id),
            "recipient": referral.recipient.code,
            "field_groups": list(share.field_groups),
        },
    )


def _apply(referral: Referral, actor: User, target: str, given: dict[str, Any]) -> None:
    now = timezone.now()
    if target == ReferralState.SENT:
        referral.sent_at = now
        referral.answer_due = answer_due(sent_at=now, urgency=referral.urgency)
        referral.share = _share_grant(actor, referral)
    elif target in (ReferralState.ACCEPTED, ReferralState.DECLINED) and not referral.answered_at:
        referral.answered_at = now
    elif target == ReferralState.SERVICE_STARTED:
        referral.service_started_at = now
    if target in (ReferralState.COMPLETED, ReferralState.NOT_COMPLETED):
        referral.outcome = str(given["outcome"]).strip()
        referral.outcome_on = given["outcome_on"]
    if target in ENDS_READS:
        _share_end(actor, referral)


def _step(
    *, actor: User, referral: Referral, version: int, step: Step, given: dict[str, Any]
) -> Referral:
    sides = checks.referral_sides(actor, referral)
    if not sides:
        _refused(actor, referral, None, ["no_permission"])
        raise NotAllowed(errors.NOT_A_PARTY, code="no_permission")
    wanted = next(t.side for t in TRANSITIONS if t.step == step)
    side = wanted if wanted in sides else sides[0]
    if step == Step.SEND and side == Side.SENDER:
        _send_check(actor, referral)
    organisation = _acting_organisation(actor, referral, side)
    with transaction.atomic():
        locked = locked_at_version(
            Referral, referral.pk, version, message=errors.STALE_REFERRAL, code="stale_referral"
        )
        source = locked.state
        target = transition_check(state=source, step=step, side=side, given=given)
        _apply(locked, actor, target, given)
        locked.state = target
        locked.version += 1
        history_stamp(locked, actor=actor, reason=f"referral step: {step}")
        locked.save()
        note = str(given.get("reason") or given.get("outcome") or "").strip()
        _event(locked, actor, organisation, step, source, target, note)
        security_event_record(
            actor=actor,
            event=REFERRAL_STEP,
            object_type="referral",
            object_id=locked.public_id,
            detail={
                "step": str(step),
                "from": source,
                "to": str(target),
                "organisation": organisation.code,
                "version": locked.version,
            },
        )
        emails.referral_step_notify(locked, side=side)
    return locked


def referral_send(*, actor: User, referral: Referral, version: int) -> Referral:
    return _step(actor=actor, referral=referral, version=version, step=Step.SEND, given={})


def referral_acknowledge(*, actor: User, referral: Referral, version: int) -> Referral:
    return _step(actor=actor, referral=referral, version=version, step=Step.ACKNOWLEDGE, given={})


def referral_accept(*, actor: User, referral: Referral, version: int) -> Referral:
    return _step(actor=actor, referral=referral, version=version, step=Step.ACCEPT, given={})


def referral_decline(*, actor: User, referral: Referral, version: int, reason: str) -> Referral:
    return _step(
        actor=actor, referral=referral, version=version, step=Step.DECLINE,
        given={"reason": reason},
    )  # fmt: skip


def referral_start(*, actor: User, referral: Referral, version: int) -> Referral:
    return _step(actor=actor, referral=referral, version=version, step=Step.START_SERVICE, given={})


def referral_complete(
    *,
    actor: User,
    referral: Referral,
    version: int,
    outcome: str,
    outcome_on: dt.date | None,
    completed: bool = True,
) -> Referral:
    """Record the service's outcome: completed, or (``completed=False``) not completed."""
    step = Step.COMPLETE if completed else Step.NOT_COMPLETE
    return _step(
        actor=actor, referral=referral, version=version, step=step,
        given={"outcome": outcome, "outcome_on": outcome_on},
    )  # fmt: skip


def referral_close(*, actor: User, referral: Referral, version: int) -> Referral:
    return _step(actor=actor, referral=referral, version=version, step=Step.CLOSE, given={})


def referral_withdraw(*, actor: User, referral: Referral, version: int, reason: str) -> Referral:
    return _step(
        actor=actor, referral=referral, version=version, step=Step.WITHDRAW,
        given={"reason": reason},
    )  # fmt: skip


def referral_rerefer(
    *,
    actor: User,
    referral: Referral,
    version: int,
    recipient: Organisation,
    services: Iterable[str],
    consent: ConsentInput | None,
    reason: str = "",
    urgency: str = "",
    field_groups: Iterable[str] | None = None,
    agreement: Agreement | None = None,
) -> Referral:
    """Close a declined or not completed referral and draft a new one to ``recipient`` that
    links back to it (its history stays). The new draft asks consent again (for the new
    partner) and meets every rule of a new referral; refused, nothing changes."""
    if not checks.referral_sides(actor, referral):
        _refused(actor, referral, None, ["no_permission"])
        raise NotAllowed(errors.NOT_A_PARTY, code="no_permission")
    with transaction.atomic():
        closed = _step(
            actor=actor, referral=referral, version=version, step=Step.REREFER,
            given={"recipient": recipient},
        )  # fmt: skip
        try:
            return referral_create(
                actor=actor, person=closed.person, household=closed.household,
                recipient=recipient, services=services, reason=reason or closed.reason,
                urgency=urgency or closed.urgency, consent=consent, agreement=agreement,
                field_groups=closed.field_groups if field_groups is None else field_groups,
                previous=closed,
            )  # fmt: skip
        except ValidationError:
            transaction.set_rollback(True)
            raise


def referral_consent_override_approve(*, actor: User, referral: Referral, version: int) -> Referral:
    """A protection officer of the sending organisation (or of the agency office of the
    record's country) approves sending a draft despite refused consent, for its recorded
    overriding reason. Audited as a security event, approved or refused."""
    record = referral.person or referral.household
    assert record is not None  # noqa: S101
    officer = any(
        m.role == Role.PROTECTION_OFFICER and checks.holds(m.organisation, record)
        for m in user_memberships(actor)
    )
    consent = Consent.objects.filter(referral=referral).first()
    detail = {"referral": str(referral.public_id)}
    if not officer:
        security_event_record(
            actor=actor, event=CONSENT_OVERRIDE_REFUSED, object_type="referral",
            object_id=referral.public_id, detail={**detail, "reason": "no_permission"},
        )  # fmt: skip
        raise NotAllowed(errors.OVERRIDE_OFFICER_ONLY, code="no_permission")
    if consent is None or consent.given:
        raise Invalid(errors.OVERRIDE_NOT_NEEDED, code="override_not_needed", field="consent")
    with transaction.atomic():
        locked = locked_at_version(
            Referral, referral.pk, version, message=errors.STALE_REFERRAL, code="stale_referral"
        )
        if locked.state != ReferralState.DRAFT:
            raise Invalid(
                errors.STEP_OUT_OF_ORDER, code="step_out_of_order", field="step",
                params={"state": str(ReferralState(locked.state).label)},
            )  # fmt: skip
        consent.override_approved_by = actor
        consent.override_approved_at = timezone.now()
        history_stamp(consent, actor=actor, reason="consent override approved")
        consent.save()
        locked.version += 1
        history_stamp(locked, actor=actor, reason="consent override approved")
        locked.save()
        security_event_record(
            actor=actor, event=CONSENT_OVERRIDE_APPROVED, object_type="referral",
            object_id=locked.public_id, detail=detail,
        )  # fmt: skip
    return locked


def referral_step_take(
    *,
    actor: User,
    referral: Referral,
    version: int,
    step: str,
    reason: str = "",
    outcome: str = "",
    outcome_on: dt.date | None = None,
) -> Referral:
    """Any step but the re-referral (which drafts a new referral), by its name: what the
    page's buttons and the API's transition ask. A step the table does not know is refused as
    out of order."""
    named = {
        Step.SEND: lambda: referral_send(actor=actor, referral=referral, version=version),
        Step.ACKNOWLEDGE: lambda: referral_acknowledge(
            actor=actor, referral=referral, version=version
        ),
        Step.ACCEPT: lambda: referral_accept(actor=actor, referral=referral, version=version),
        Step.DECLINE: lambda: referral_decline(
            actor=actor, referral=referral, version=version, reason=reason
        ),
        Step.START_SERVICE: lambda: referral_start(
            actor=actor, referral=referral, version=version
        ),
        Step.COMPLETE: lambda: referral_complete(
            actor=actor, referral=referral, version=version, outcome=outcome,
            outcome_on=outcome_on,
        ),
        Step.NOT_COMPLETE: lambda: referral_complete(
            actor=actor, referral=referral, version=version, outcome=outcome,
            outcome_on=outcome_on, completed=False,
        ),
        Step.CLOSE: lambda: referral_close(actor=actor, referral=referral, version=version),
        Step.WITHDRAW: lambda: referral_withdraw(
            actor=actor, referral=referral, version=version, reason=reason
        ),
    }  # fmt: skip
    take = named.get(Step(step)) if step in Step.values else None
    if take is None:
        raise Invalid(
            errors.STEP_OUT_OF_ORDER, code="step_out_of_order", field="step",
            params={"state": str(ReferralState(referral.state).label)},
        )  # fmt: skip
    return take()
