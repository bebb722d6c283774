"""The partner directory: the services partners offer (a coded catalogue) and each
organisation's directory entry (its profile: services, regions, languages, eligibility,
contacts, opening hours). An organisation is ``organisations.Organisation``; the profile
extends it, one to one, and is edited by the organisation's own administrators and the
agency office of its country (``partners.access``)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.reference.models import LocalisedNameMixin


class Service(LocalisedNameMixin):
    """A service of the catalogue (``legal_aid``, ``mhpss`` …), synchronised from the shipped
    file after every migration; ``position`` keeps the file's order."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")


class PartnerProfile(models.Model):
    """An organisation's entry in the partner directory."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="partner_profile",
        verbose_name=_("organisation"),
    )
    services = models.ManyToManyField(
        Service, related_name="profiles", blank=True, verbose_name=_("services")
    )
    regions = models.ManyToManyField(
        "reference.Region", related_name="+", blank=True, verbose_name=_("regions covered")
    )
    eligibility = models.TextField(_("eligibility"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("partner profile")
        verbose_name_plural = _("partner profiles")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def language_codes(self) -> list[str]:
        return [language.code for language in self.languages.all()]


class ProfileLanguage(models.Model):
    """A language (ISO 639-3) a partner serves people in."""

    profile = models.ForeignKey(PartnerProfile, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=3)

    class Meta:
        ordering = ["profile", "code"]
        verbose_name = _("language served")
        verbose_name_plural = _("languages served")
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="profile_language_once")
        ]
        indexes = [models.Index(fields=["code"], name="profile_language_code")]

    def __str__(self) -> str:
        return self.code


def _agreement_upload(instance: Agreement, filename: str) -> str:
    """An opaque path: the agreement's id, never the uploaded name (which may name people)."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"agreements/{instance.public_id}{suffix}"


class Agreement(models.Model):
    """A data-sharing agreement between the organisation that holds records (``provider``) and
    the one that receives them (``recipient``): which field groups may be shared, for what
    purpose, from ``starts_on`` to ``expires_on`` (inclusive), with the signed document."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=200, unique=True)
    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="agreements_given",
        verbose_name=_("sharing organisation"),
    )
    recipient = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="agreements_received",
        verbose_name=_("receiving organisation"),
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    field_groups = models.JSONField(_("field groups that may be shared"), default=list)
    starts_on = models.DateField(_("in force from"))
    expires_on = models.DateField(_("expires on"))
    document = models.FileField(_("signed document"), upload_to=_agreement_upload, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    #: Ended early (``agreement_end``): no longer in force from then on, whatever its expiry.
    ended_at = models.DateTimeField(_("ended early"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending early"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-expires_on", "reference"]
        verbose_name = _("data-sharing agreement")
        verbose_name_plural = _("data-sharing agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gte=F("starts_on")), name="agreement_expires_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(provider=F("recipient")), name="agreement_between_two_parties"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "expires_on"], name="agreement_recipient")]

    def __str__(self) -> str:
        return self.reference

    def in_force(self, day: dt.date) -> bool:
        return self.ended_at is None and self.starts_on <= day <= self.expires_on
