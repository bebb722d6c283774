"""Legal standards (ADR 0050): the international instruments and their standards (articles),
each country's treaty status, national laws and their provisions with the dates they are in
force, assessments of a provision against a standard, and recommendations with follow-up.

Instruments, standards and the five Central Asian countries' treaty statuses are shipped data
(``data/instruments.yaml``), synchronised after every migration; a status the data marks
``verified: false`` is shown as unverified."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.reference.models import LocalisedNameMixin


class Instrument(LocalisedNameMixin):
    """An international instrument (``1951_convention`` …), with the date it was adopted."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    adopted_on = models.DateField(_("adopted on"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")


class Standard(LocalisedNameMixin):
    """One standard of an instrument (an article, or a part of one) that provisions of national
    law are assessed against."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="standards")
    code = models.CharField(_("code"), max_length=60, unique=True)
    article = models.CharField(_("article"), max_length=40)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["instrument__position", "position", "code"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")


class TreatyStatusKind(models.TextChoices):
    PARTY = "party", _("Party")
    SIGNATORY = "signatory", _("Signatory")
    NOT_PARTY = "not_party", _("Not party")


class TreatyStatus(models.Model):
    """A country's status under an instrument: signed on, and party since (ratification,
    accession or succession); ``verified`` false when not checked against the depositary's
    record."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="statuses")
    status = models.CharField(_("status"), max_length=20, choices=TreatyStatusKind.choices)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    party_since = models.DateField(_("party since"), null=True, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["country__iso3", "instrument__position"]
        verbose_name = _("treaty status")
        verbose_name_plural = _("treaty statuses")
        constraints = [
            models.UniqueConstraint(fields=["country", "instrument"], name="one_treaty_status")
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.instrument_id} {self.status}"


class Law(models.Model):
    """A national law (or regulation) of a country."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    title = models.CharField(_("title of the law"), max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["country__iso3", "title"]
        verbose_name = _("law")
        verbose_name_plural = _("laws")
        constraints = [
            models.UniqueConstraint(fields=["country", "title"], name="one_law_per_title")
        ]

    def __str__(self) -> str:
        return self.title


class Provision(models.Model):
    """An article of a law, with its text or a summary, in force from ``in_force_from`` to
    ``in_force_to`` (inclusive; open when empty)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    law = models.ForeignKey(Law, on_delete=models.PROTECT, related_name="provisions")
    article = models.CharField(_("article"), max_length=60)
    text = models.TextField(_("text or summary"))
    in_force_from = models.DateField(_("in force from"))
    in_force_to = models.DateField(_("in force to"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["law__title", "article", "in_force_from"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(in_force_to__isnull=True) | Q(in_force_to__gte=F("in_force_from")),
                name="provision_in_force_to_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.law.title}, {self.article}"

    def in_force(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)


class Alignment(models.TextChoices):
    ALIGNED = "aligned", _("Aligned")
    PARTLY = "partly", _("Partly aligned")
    NOT_ALIGNED = "not_aligned", _("Not aligned")


class Assessment(models.Model):
    """How far a provision meets a standard, on a date, by an assessor; the latest of a pair is
    the matrix's cell, the earlier ones its history."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="assessments")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="assessments")
    alignment = models.CharField(_("alignment"), max_length=20, choices=Alignment.choices)
    notes = models.TextField(_("notes"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    assessed_on = models.DateField(_("assessed on"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("assessor"),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.provision_id} {self.standard_id} {self.alignment} {self.assessed_on}"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class Recommendation(models.Model):
    """A recommendation made on an assessment, with its follow-up."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="recommendations"
    )
    text = models.TextField(_("recommendation"))
    made_on = models.DateField(_("made on"))
    status = models.CharField(
        _("status"), max_length=20, choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )  # fmt: skip
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on", "-id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.text[:60]


class FollowUp(models.Model):
    """What was done about a recommendation on a date, and the status it left it in."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="follow_ups"
    )
    occurred_on = models.DateField(_("date"))
    note = models.TextField(_("follow-up"))
    status_to = models.CharField(_("status"), max_length=20, choices=RecommendationStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.occurred_on}"
