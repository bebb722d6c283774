"""Reads of referrals: the inbox and the outbox with their filters, and one referral's page."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet
from django.utils import timezone

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.people.access import person_visible, visible_households, visible_persons
from qorgau.people.fields import FieldGroup
from qorgau.people.models import Household, Person
from qorgau.referrals.access import (
    person_referrals,
    received_referrals,
    sent_referrals,
    visible_referrals,
)
from qorgau.referrals.checks import referral_sides
from qorgau.referrals.machine import AWAITING_ANSWER, ReferralState, Step, steps_from
from qorgau.referrals.models import Consent, Referral, ReferralEvent

INBOX = "inbox"
OUTBOX = "outbox"


def referral_list(
    user: User | AnonymousUser,
    *,
    box: str = "",
    state: str = "",
    service: str = "",
    urgency: str = "",
    overdue: bool = False,
) -> QuerySet[Referral]:
    """The user's inbox (referrals to their organisations), outbox (from them) or both, narrowed by
    state, service (a catalogue code), urgency and whether the answer is overdue; newest
    first."""
    if box == INBOX:
        rows = received_referrals(user)
    elif box == OUTBOX:
        rows = sent_referrals(user)
    else:
        rows = visible_referrals(user)
    if state:
        rows = rows.filter(state=state)
    if service:
        rows = rows.filter(services__code=service)
    if urgency:
        rows = rows.filter(urgency=urgency)
    if overdue:
        rows = rows.filter(state__in=AWAITING_ANSWER, answer_due__lt=timezone.now())
    return (
        rows.distinct()
        .select_related("sender", "recipient", "person", "household")
        .prefetch_related("services")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


@dataclass(frozen=True)
class BoxSummary:
    """Every referral of a box at a glance: how many are in each state (in the life cycle's
    order, the empty ones left out), and how many await an answer past their deadline."""

    states: list[StateCount]
    overdue: int
    total: int


def box_summary(user: User | AnonymousUser, *, box: str) -> BoxSummary:
    """The counts of the user's inbox or outbox, whatever its filters (two queries)."""
    rows = (received_referrals if box == INBOX else sent_referrals)(user).order_by()
    counts = dict(rows.values_list("state").annotate(n=Count("pk")))
    overdue = rows.filter(state__in=AWAITING_ANSWER, answer_due__lt=timezone.now()).count()
    states = [
        StateCount(state=state.value, label=str(state.label), count=counts[state.value])
        for state in ReferralState
        if counts.get(state.value)
    ]
    return BoxSummary(states=states, overdue=overdue, total=sum(counts.values()))


def is_overdue(referral: Referral) -> bool:
    return (
        referral.state in AWAITING_ANSWER
        and referral.answer_due is not None
        and referral.answer_due < timezone.now()
    )


@dataclass(frozen=True)
class ReferralPage:
    referral: Referral
    services: list[str]
    field_groups: list[str]
    consent: Consent | None
    events: list[ReferralEvent]
    steps: list[Step]
    overdue: bool
    record_visible: bool
    needs_override: bool
    previous_visible: bool


def referral_page(user: User, referral: Referral) -> ReferralPage:
    """One referral (reached through ``access_referral``): its history, and the steps the user
    may take next (the buttons)."""
    sides = referral_sides(user, referral)
    steps = [step for side in sides for step in steps_from(referral.state, side)]
    consent = Consent.objects.filter(referral=referral).first()
    if referral.person_id:
        record_visible = visible_persons(user).filter(pk=referral.person_id).exists()
    else:
        record_visible = visible_households(user).filter(pk=referral.household_id or 0).exists()
    return ReferralPage(
        referral=referral,
        services=[str(s.name) for s in referral.services.order_by("position")],
        field_groups=[str(g.label) for g in FieldGroup if g.value in referral.field_groups],
        consent=consent,
        events=list(referral.events.select_related("actor", "organisation")),
        steps=list(dict.fromkeys(steps)),
        overdue=is_overdue(referral),
        record_visible=record_visible,
        needs_override=consent is not None and consent.blocks and referral.state == "draft",
        previous_visible=referral.previous_id is not None
        and visible_referrals(user).filter(pk=referral.previous_id or 0).exists(),
    )


@dataclass(frozen=True)
class RecordReferrals:
    """The referrals section of a person's or a household's page."""

    referrals: list[Referral]
    can_refer: bool


PersonReferrals = RecordReferrals


def person_referrals_section(
    user: User | AnonymousUser, person: Person, language: str
) -> PersonReferrals | None:
    """The person page's referrals (registered in ``ReferralsConfig.ready``): those the user
    reads, and "refer" for a user who may change the person (never on a share). None when
    there is nothing to show or offer."""
    can_refer = not person.merged_into_id and person_visible(user, person, Perm.PERSON_CHANGE)
    rows = list(
        person_referrals(user, person)
        .select_related("recipient", "sender")
        .order_by("-created_at", "-pk")
    )
    if not rows and not can_refer:
        return None
    return RecordReferrals(referrals=rows, can_refer=can_refer)


def household_referrals_section(
    user: User | AnonymousUser, household: Household, language: str
) -> RecordReferrals | None:
    """The household page's referrals (registered in ``ReferralsConfig.ready``): the
    household's own referrals the user reads, and "refer the household" for a user who may
    change it (never on a share). None when there is nothing to show or offer."""
    can_refer = visible_households(user, Perm.PERSON_CHANGE).filter(pk=household.pk).exists()
    rows = list(
        visible_referrals(user)
        .filter(household=household)
        .select_related("recipient", "sender")
        .order_by("-created_at", "-pk")
    )
    if not rows and not can_refer:
        return None
    return RecordReferrals(referrals=rows, can_refer=can_refer)
