"""The partner directory: the services partners offer (a coded catalogue) and each
organisation's directory entry (its profile: services, regions, languages, eligibility,
contacts, opening hours). An organisation is ``organisations.Organisation``; the profile
extends it, one to one, and is edited by the organisation's own administrators and the
agency office of its country (``partners.access``)."""

from __future__ import annotations

from django.db import models
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
