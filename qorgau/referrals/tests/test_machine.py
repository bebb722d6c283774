"""The referral's transition table: every step in order, each refusal path."""

import datetime as dt

import pytest

from qorgau.errors import Invalid, NotAllowed
from qorgau.referrals import errors
from qorgau.referrals.deadlines import Urgency, answer_due, is_overdue
from qorgau.referrals.machine import (
    FINAL,
    TRANSITIONS,
    ReferralState,
    Side,
    Step,
    steps_from,
    transition_check,
)

S = ReferralState
SENDER, RECEIVER = Side.SENDER, Side.RECEIVER
DONE = {"outcome": "Legal counselling given", "outcome_on": dt.date(2026, 12, 1)}


def _walk(*steps: tuple[str, str, dict]) -> str:
    state = S.DRAFT
    for step, side, given in steps:
        state = transition_check(state=state, step=step, side=side, given=given)
    return state


def test_it_walks_the_whole_life_cycle():
    state = _walk(
        (Step.SEND, SENDER, {}),
        (Step.ACKNOWLEDGE, RECEIVER, {}),
        (Step.ACCEPT, RECEIVER, {}),
        (Step.START_SERVICE, RECEIVER, {}),
        (Step.COMPLETE, RECEIVER, DONE),
        (Step.CLOSE, SENDER, {}),
    )

    assert state == S.CLOSED


def test_it_lets_the_sender_re_refer_a_declined_referral_and_withdraw_a_sent_one():
    declined = _walk((Step.SEND, SENDER, {}), (Step.DECLINE, RECEIVER, {"reason": "Full"}))

    assert declined == S.DECLINED
    assert _walk(
        (Step.SEND, SENDER, {}), (Step.DECLINE, RECEIVER, {"reason": "Full"}),
        (Step.REREFER, SENDER, {"recipient": "ngo-b"}),
    ) == S.CLOSED  # fmt: skip
    assert _walk((Step.SEND, SENDER, {}), (Step.WITHDRAW, SENDER, {"reason": "Moved"})) == (
        S.WITHDRAWN
    )


@pytest.mark.parametrize(
    ("state", "step"),
    [(S.DRAFT, Step.ACCEPT), (S.ACCEPTED, Step.SEND), (S.CLOSED, Step.WITHDRAW),
     (S.WITHDRAWN, Step.SEND), (S.SENT, "teleport")],
)  # fmt: skip
def test_it_refuses_a_step_out_of_order_naming_the_state(state, step):
    with pytest.raises(Invalid) as refused:
        transition_check(state=state, step=step, side=RECEIVER, given={})

    assert refused.value.code == "step_out_of_order"
    assert list(refused.value.message_dict) == ["step"]


def test_it_refuses_the_wrong_side():
    with pytest.raises(NotAllowed) as refused:
        transition_check(state=S.SENT, step=Step.ACCEPT, side=SENDER, given={})

    assert refused.value.code == "step_not_yours"


@pytest.mark.parametrize(
    ("state", "step", "given", "field"),
    [(S.SENT, Step.DECLINE, {"reason": "  "}, "reason"),
     (S.SERVICE_STARTED, Step.COMPLETE, {"outcome": "Done"}, "outcome_on"),
     (S.DECLINED, Step.REREFER, {}, "recipient")],
)  # fmt: skip
def test_it_refuses_a_step_without_what_it_needs(state, step, given, field):
    side = SENDER if step == Step.REREFER else RECEIVER

    with pytest.raises(Invalid) as refused:
        transition_check(state=state, step=step, side=side, given=given)

    assert list(refused.value.message_dict) == [field]
    assert refused.value.message == errors.STEP_NEEDS


def test_its_table_leaves_no_final_state_and_reaches_every_state():
    reached = {t.target for t in TRANSITIONS} | {S.DRAFT}

    assert reached == set(S)
    assert all(not steps_from(state, side) for state in FINAL for side in Side)
    assert steps_from(S.SENT, RECEIVER) == [Step.ACKNOWLEDGE, Step.ACCEPT, Step.DECLINE]


@pytest.mark.parametrize(
    ("urgency", "hours"), [(Urgency.HIGH, 24), (Urgency.MEDIUM, 72), (Urgency.LOW, 336)]
)
def test_it_computes_the_answer_deadline_from_the_urgency(urgency, hours):
    sent = dt.datetime(2026, 12, 7, 9, 30, tzinfo=dt.UTC)

    due = answer_due(sent_at=sent, urgency=urgency)

    assert due - sent == dt.timedelta(hours=hours)
    assert not is_overdue(sent_at=sent, urgency=urgency, answered=False, now=due)
    assert is_overdue(
        sent_at=sent, urgency=urgency, answered=False, now=due + dt.timedelta(seconds=1)
    )
    assert not is_overdue(
        sent_at=sent, urgency=urgency, answered=True, now=due + dt.timedelta(days=1)
    )


def test_it_takes_the_deadlines_from_the_settings(settings):
    settings.REFERRAL_ANSWER_HOURS_HIGH = 12
    sent = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)

    assert answer_due(sent_at=sent, urgency=Urgency.HIGH) == sent + dt.timedelta(hours=12)
