"""The email to the other side of a referral after each step (issue 17): Django's mail
framework, sent after the step's transaction commits, with a link only: no name, no reason and
no outcome in the subject or the body (email leaves the system unencrypted)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from qorgau.organisations.models import Membership
from qorgau.organisations.permissions import Perm, Role, role_grants
from qorgau.partners.models import PartnerProfile
from qorgau.referrals.machine import Side
from qorgau.referrals.models import Referral

log = logging.getLogger(__name__)


def _receiver_addresses(referral: Referral) -> list[str]:
    """The partner's directory address, or else its caseworkers' own."""
    profile = PartnerProfile.objects.filter(organisation_id=referral.recipient_id).first()
    if profile is not None and profile.email:
        return [profile.email]
    members = Membership.objects.filter(
        organisation_id=referral.recipient_id, user__is_active=True
    ).select_related("user")
    return sorted(
        {m.user.email for m in members if m.user.email and role_grants(m.role, Perm.PERSON_CHANGE)}
    )


def referral_step_notify(referral: Referral, *, side: str) -> None:
    """Email the side that did not take the step, once the step is committed."""
    if side == Side.SENDER:
        addresses = _receiver_addresses(referral)
    else:
        addresses = [referral.sent_by.email] if referral.sent_by.email else []
    if not addresses:
        return
    link = settings.SITE_URL.rstrip("/") + reverse(
        "referrals:detail", kwargs={"public_id": referral.public_id}
    )
    subject = _("Qorgau: a referral has a new step")
    body = _("A referral you take part in has a new step. Open it in Qorgau: %(link)s") % {
        "link": link
    }
    transaction.on_commit(lambda: _send(subject, body, addresses))


def _sender_officer_addresses(referral: Referral) -> list[str]:
    """The sending organisation's protection officers, and the user who sent the referral."""
    officers = Membership.objects.filter(
        organisation_id=referral.sender_id,
        role=Role.PROTECTION_OFFICER,
        user__is_active=True,
    ).values_list("user__email", flat=True)
    return sorted({e for e in [*officers, referral.sent_by.email] if e})


def referral_overdue_notify(referral: Referral, *, escalated: bool) -> None:
    """Email the reminders job's news about an unanswered referral, once committed: to the
    receiving partner when its answer is overdue, to the sender's protection officers when it
    is escalated. A link only, like every referral email."""
    addresses = _sender_officer_addresses(referral) if escalated else _receiver_addresses(referral)
    if not addresses:
        return
    link = settings.SITE_URL.rstrip("/") + reverse(
        "referrals:detail", kwargs={"public_id": referral.public_id}
    )
    if escalated:
        subject = _("Qorgau: a referral your organisation sent is still unanswered")
        body = _(
            "A referral your organisation sent has not been answered by the partner after its "
            "deadline. Open it in Qorgau: %(link)s"
        ) % {"link": link}
    else:
        subject = _("Qorgau: a referral awaits your answer")
        body = _(
            "A referral sent to your organisation has passed its answer deadline. Please accept "
            "or decline it. Open it in Qorgau: %(link)s"
        ) % {"link": link}
    transaction.on_commit(lambda: _send(subject, body, addresses))


def _send(subject: str, body: str, addresses: list[str]) -> None:
    """Send, logging a failure: the step is committed, and a mail server that is down does
    not undo it nor fail the page."""
    try:
        EmailMessage(subject, body, to=addresses).send()
    except OSError:
        log.exception("referral email not sent")
