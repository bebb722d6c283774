"""The referral's life cycle as data (ADR 0044): one transition table, one guard.

Modelled on the Inter-Agency Referral Form: draft → sent → acknowledged → accepted / declined
→ service started → completed / not completed → closed; the sender withdraws a referral not yet
in service, and re-refers a declined or not completed one to another partner (this one is then
closed; the new one keeps a link to it, so the history stays). Each row names who takes the step
(the sending or the receiving organisation) and what it must give. The services that change a
referral ask ``transition_check`` and nothing else, so the table is the only place to change the
flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from qorgau.errors import Invalid, NotAllowed
from qorgau.referrals import errors


class ReferralState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    SERVICE_STARTED = "service_started", _("Service started")
    COMPLETED = "completed", _("Completed")
    NOT_COMPLETED = "not_completed", _("Not completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")


class Step(models.TextChoices):
    SEND = "send", _("Send")
    ACKNOWLEDGE = "acknowledge", _("Acknowledge receipt")
    ACCEPT = "accept", _("Accept")
    DECLINE = "decline", _("Decline")
    START_SERVICE = "start_service", _("Start the service")
    COMPLETE = "complete", _("Record completion")
    NOT_COMPLETE = "not_complete", _("Record non-completion")
    CLOSE = "close", _("Close")
    WITHDRAW = "withdraw", _("Withdraw")
    REREFER = "rerefer", _("Refer to another partner")


class Side(StrEnum):
    SENDER = "sender"
    RECEIVER = "receiver"


@dataclass(frozen=True)
class Transition:
    step: Step
    sources: frozenset[ReferralState]
    target: ReferralState
    side: Side
    needs: tuple[str, ...] = ()


S = ReferralState
TRANSITIONS: Final[tuple[Transition, ...]] = (
    Transition(Step.SEND, frozenset({S.DRAFT}), S.SENT, Side.SENDER),
    Transition(Step.ACKNOWLEDGE, frozenset({S.SENT}), S.ACKNOWLEDGED, Side.RECEIVER),
    Transition(Step.ACCEPT, frozenset({S.SENT, S.ACKNOWLEDGED}), S.ACCEPTED, Side.RECEIVER),
    Transition(
        Step.DECLINE, frozenset({S.SENT, S.ACKNOWLEDGED}), S.DECLINED, Side.RECEIVER, ("reason",)
    ),
    Transition(Step.START_SERVICE, frozenset({S.ACCEPTED}), S.SERVICE_STARTED, Side.RECEIVER),
    Transition(
        Step.COMPLETE, frozenset({S.SERVICE_STARTED}), S.COMPLETED, Side.RECEIVER,
        ("outcome", "outcome_on"),
    ),
    Transition(
        Step.NOT_COMPLETE, frozenset({S.ACCEPTED, S.SERVICE_STARTED}), S.NOT_COMPLETED,
        Side.RECEIVER, ("outcome", "outcome_on"),
    ),
    Transition(
        Step.CLOSE, frozenset({S.COMPLETED, S.NOT_COMPLETED, S.DECLINED}), S.CLOSED, Side.SENDER
    ),
    Transition(
        Step.WITHDRAW, frozenset({S.DRAFT, S.SENT, S.ACKNOWLEDGED, S.ACCEPTED}), S.WITHDRAWN,
        Side.SENDER, ("reason",),
    ),
    Transition(
        Step.REREFER, frozenset({S.DECLINED, S.NOT_COMPLETED}), S.CLOSED, Side.SENDER,
        ("recipient",),
    ),
)  # fmt: skip

_BY_STEP: Final = {t.step: t for t in TRANSITIONS}
# Where nothing more happens: the referral's answer and outcome are final.
FINAL: Final = frozenset({S.CLOSED, S.WITHDRAWN})
# Until the receiver answers, the answer deadline runs (``deadlines.answer_due``).
AWAITING_ANSWER: Final = frozenset({S.SENT, S.ACKNOWLEDGED})


def steps_from(state: str, side: str) -> list[Step]:
    """The steps ``side`` may take from ``state``, in the table's order (for the page's
    buttons)."""
    return [t.step for t in TRANSITIONS if state in t.sources and t.side == side]


def transition_check(*, state: str, step: str, side: str, given: dict[str, object]) -> S:
    """The state ``step`` leads to from ``state``, taken by ``side`` with ``given``; refuses a
    step out of order (``Invalid`` on ``step``), by the wrong side (``NotAllowed``) or without
    what it needs (``Invalid`` naming the missing field)."""
    transition = _BY_STEP.get(Step(step)) if step in Step.values else None
    if transition is None or state not in transition.sources:
        raise Invalid(
            errors.STEP_OUT_OF_ORDER,
            code="step_out_of_order",
            field="step",
            params={"state": str(ReferralState(state).label)},
        )
    if transition.side != side:
        only = errors.SENDER_ONLY if transition.side == Side.SENDER else errors.RECEIVER_ONLY
        raise NotAllowed(only, code="step_not_yours")
    for field in transition.needs:
        value = given.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise Invalid(errors.STEP_NEEDS, code="required", field=field, params={"field": field})
    return transition.target
