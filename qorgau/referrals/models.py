"""Referrals (issue 17, ADR 0044): a person or a household referred by one organisation to a
partner for services of the catalogue, with the person's consent, the field groups shared
under a data-sharing agreement, and the life cycle of ``machine.py``.

What the receiver may read of the person is granted by a ``people.Share`` the referral makes
when it is sent (``Referral.share``), narrowed to the referral's field groups, and revoked
when the referral is withdrawn, declined or closed: the one scope path of ``people/access.py``
and ``people/fields.py`` (ADR 0044)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.referrals.deadlines import Urgency
from qorgau.referrals.machine import ReferralState, Step


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    MESSENGER = "messenger", _("By messenger")


class Referral(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    household = models.ForeignKey(
        "people.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    sender = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("sending organisation"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred by"),
    )
    recipient = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("receiving organisation"),
    )
    services = models.ManyToManyField(
        "partners.Service", related_name="referrals", verbose_name=_("services")
    )
    reason = models.TextField(_("reason for referral"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    field_groups = models.JSONField(_("fields shared"), default=list)
    agreement = models.ForeignKey(
        "partners.Agreement",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("data-sharing agreement"),
    )
    # The read grant of the receiver while the referral is open (made when it is sent).
    share = models.OneToOneField(
        "people.Share", on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rereferrals",
        verbose_name=_("referred again from"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReferralState.choices, default=ReferralState.DRAFT
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    answer_due = models.DateTimeField(_("answer due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    service_started_at = models.DateTimeField(_("service started"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, household__isnull=True)
                | Q(person__isnull=True, household__isnull=False),
                name="referral_names_person_or_household",
            ),
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="referral_between_two_parties"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "state"], name="referral_inbox"),
            models.Index(fields=["sender", "state"], name="referral_outbox"),
        ]

    def __str__(self) -> str:
        return str(self.public_id)


class Consent(models.Model):
    """The person's consent to the referral (one per referral): given or refused, by whom
    (the person, or a guardian for a child), how and when. A refusal blocks sending unless an
    overriding reason is recorded and a protection officer approves it."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="consent")
    given = models.BooleanField(_("consent given"))
    given_by = models.CharField(_("given or refused by"), max_length=200)
    method = models.CharField(_("how"), max_length=20, choices=ConsentMethod.choices)
    given_on = models.DateField(_("date"))
    guardian = models.CharField(_("guardian"), max_length=200, blank=True)
    override_reason = models.TextField(_("overriding reason"), blank=True)
    override_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("override approved by"),
    )
    override_approved_at = models.DateTimeField(_("override approved at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"consent {self.referral_id}"

    @property
    def blocks(self) -> bool:
        """Whether the consent stops the referral from being sent."""
        return not self.given and self.override_approved_at is None


class ReferralEvent(models.Model):
    """One step of a referral's history: who took it, for which organisation, when, from and
    to which state, and what they gave (a reason or an outcome)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(
        _("step"), max_length=20, choices=[("create", _("Created")), *Step.choices]
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("who")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    from_state = models.CharField(
        _("state before"), max_length=20, choices=ReferralState.choices, blank=True
    )
    to_state = models.CharField(_("state after"), max_length=20, choices=ReferralState.choices)
    note = models.TextField(_("reason or outcome"), blank=True)
    at = models.DateTimeField(_("when"))

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")

    def __str__(self) -> str:
        return f"{self.step} {self.referral_id}"
