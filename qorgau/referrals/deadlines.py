"""The answer deadline of a referral: from the moment it is sent, as many hours as its urgency
allows (settings: ``QORGAU_REFERRAL_ANSWER_HOURS_HIGH`` 24, ``…_MEDIUM`` 72, ``…_LOW`` 336,
i.e. two weeks). Pure functions of aware datetimes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Urgency(models.TextChoices):
    HIGH = "high", _("High: answer within 24 hours")
    MEDIUM = "medium", _("Medium: answer within 3 days")
    LOW = "low", _("Low: answer within 2 weeks")


def answer_hours(urgency: str) -> int:
    """The hours the receiver has to answer a referral of ``urgency``."""
    return {
        Urgency.HIGH: settings.REFERRAL_ANSWER_HOURS_HIGH,
        Urgency.MEDIUM: settings.REFERRAL_ANSWER_HOURS_MEDIUM,
        Urgency.LOW: settings.REFERRAL_ANSWER_HOURS_LOW,
    }[Urgency(urgency)]


def answer_due(*, sent_at: dt.datetime, urgency: str) -> dt.datetime:
    """When the receiver's answer (accept or decline) is due."""
    if sent_at.tzinfo is None:
        raise ValueError("sent_at must be an aware datetime")
    return sent_at + dt.timedelta(hours=answer_hours(urgency))


def is_overdue(*, sent_at: dt.datetime, urgency: str, answered: bool, now: dt.datetime) -> bool:
    """Whether an unanswered referral has passed its answer deadline."""
    return not answered and now > answer_due(sent_at=sent_at, urgency=urgency)
