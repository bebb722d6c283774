"""The only doors to referrals.

A referral is read by the users of its two organisations who work on people (``person.view``
there): the sender's (and the agency office of the record's country, which holds the record)
from the draft on, the receiver's once it is sent. Missing, not theirs and malformed give the
same 404. What the receiver may read of the person is the person's own gate's question
(``people/access.py``, through the share the referral makes when it is sent)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from qorgau.organisations.models import User
from qorgau.organisations.permissions import Perm
from qorgau.organisations.selectors import Scope, user_scope
from qorgau.people.access import record_or_404
from qorgau.people.models import Person
from qorgau.referrals.machine import ReferralState
from qorgau.referrals.models import Referral


def sent_referrals(user: User | AnonymousUser) -> QuerySet[Referral]:
    """The outbox: referrals of the user's organisations, and of the records of the agency
    office's country."""
    scope = user_scope(user, Perm.PERSON_VIEW)
    if scope.is_empty:
        return Referral.objects.none()
    return Referral.objects.filter(_sent_by(scope))


def _sent_by(scope: Scope) -> Q:
    """Referrals of the scope's organisations, and of the records of its agency countries."""
    return (
        Q(sender_id__in=scope.organisation_ids)
        | Q(person__country_office_id__in=scope.agency_country_ids)
        | Q(household__country_office_id__in=scope.agency_country_ids)
    )


def received_referrals(user: User | AnonymousUser) -> QuerySet[Referral]:
    """The inbox: referrals sent to the user's organisations (never a draft)."""
    scope = user_scope(user, Perm.PERSON_VIEW)
    if scope.is_empty:
        return Referral.objects.none()
    return Referral.objects.filter(recipient_id__in=scope.organisation_ids).exclude(
        state=ReferralState.DRAFT
    )


def figures_referrals(user: User | AnonymousUser) -> QuerySet[Referral]:
    """What the monthly figures count: the referrals sent or received by the organisations
    where the user reads figures (``statistics.view``: the sender's managers, the partner's for
    its own received ones), and those of the agency office's country. Drafts never count."""
    scope = user_scope(user, Perm.STATISTICS_VIEW)
    if scope.is_empty:
        return Referral.objects.none()
    return Referral.objects.filter(
        _sent_by(scope) | Q(recipient_id__in=scope.organisation_ids)
    ).exclude(sent_at__isnull=True)


def visible_referrals(user: User | AnonymousUser) -> QuerySet[Referral]:
    return Referral.objects.filter(
        Q(pk__in=sent_referrals(user).values("pk"))
        | Q(pk__in=received_referrals(user).values("pk"))
    )


def person_referrals(user: User | AnonymousUser, person: Person) -> QuerySet[Referral]:
    """``visible_referrals`` of one person, as one condition on the person's referrals (not two
    lists of every visible referral): those the user's organisations sent, all of them for
    the agency office of the person's country, and those sent to the user's organisations
    (drafts aside)."""
    scope = user_scope(user, Perm.PERSON_VIEW)
    if scope.is_empty:
        return Referral.objects.none()
    referrals = Referral.objects.filter(person=person)
    if person.country_office_id in scope.agency_country_ids:
        return referrals  # ``_sent_by``: every referral of the records of its country
    received = Q(recipient_id__in=scope.organisation_ids) & ~Q(state=ReferralState.DRAFT)
    return referrals.filter(_sent_by(scope) | received)


def access_referral(*, user: User | AnonymousUser, public_id: UUID | str) -> Referral:
    """A referral the user reads; 404 otherwise. A referral names a person only by the link to
    their record (whose read is logged by its own gate), so no read is logged here."""
    return record_or_404(
        visible_referrals(user).select_related("sender", "recipient", "agreement", "sent_by"),
        public_id,
        "referral",
    )


def access_referral_for_change(*, user: User, public_id: UUID | str) -> Referral:
    """A referral the user may take a step on (the services check the side and the rights
    again); 404 when they do not read it at all."""
    return access_referral(user=user, public_id=public_id)
