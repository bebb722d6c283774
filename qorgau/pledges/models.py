"""Global Refugee Forum pledges of a country, their progress updates with evidence, and the
indicator each pledge is measured by (``Area`` → ``indicators.py``). A pledge's status moves by
``PledgeStatus``'s table; a step back needs a reason (``services.pledge_progress_record``)."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Area(models.TextChoices):
    """What a pledge is about; the border, services and naturalisation areas have indicators
    measured from Qorgau's own records."""

    BORDER_REFERRAL = "border_referral", _("Access to territory and asylum (border referral)")
    ACCESS_TO_SERVICES = "access_to_services", _("Access to services")
    STATELESSNESS_SAFEGUARDS = "statelessness_safeguards", _("Safeguards against statelessness")
    NATURALISATION = "naturalisation", _("Facilitated naturalisation")
    OTHER = "other", _("Other")


class PledgeStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    IN_PROGRESS = "in_progress", _("In progress")
    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


# The one transition table: (from, to) → whether it is a step back (a reason is required).
# Every pair of different statuses is allowed; a step back is any move away from "fulfilled",
# and any move from "in progress" or an outcome back to "planning" or "in progress".
STEP_BACK: dict[tuple[str, str], bool] = {
    (PledgeStatus.PLANNING, PledgeStatus.IN_PROGRESS): False,
    (PledgeStatus.PLANNING, PledgeStatus.FULFILLED): False,
    (PledgeStatus.PLANNING, PledgeStatus.NOT_FULFILLED): False,
    (PledgeStatus.IN_PROGRESS, PledgeStatus.FULFILLED): False,
    (PledgeStatus.IN_PROGRESS, PledgeStatus.NOT_FULFILLED): False,
    (PledgeStatus.NOT_FULFILLED, PledgeStatus.FULFILLED): False,
    (PledgeStatus.IN_PROGRESS, PledgeStatus.PLANNING): True,
    (PledgeStatus.FULFILLED, PledgeStatus.PLANNING): True,
    (PledgeStatus.FULFILLED, PledgeStatus.IN_PROGRESS): True,
    (PledgeStatus.FULFILLED, PledgeStatus.NOT_FULFILLED): True,
    (PledgeStatus.NOT_FULFILLED, PledgeStatus.PLANNING): True,
    (PledgeStatus.NOT_FULFILLED, PledgeStatus.IN_PROGRESS): True,
}


class Pledge(models.Model):
    """A pledge a country made at a Global Refugee Forum, in the three languages."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    area = models.CharField(_("area"), max_length=40, choices=Area.choices)
    title_en = models.CharField(pgettext_lazy("pledge", "title (English)"), max_length=300)
    title_ru = models.CharField(pgettext_lazy("pledge", "title (Russian)"), max_length=300)
    title_kk = models.CharField(pgettext_lazy("pledge", "title (Kazakh)"), max_length=300)
    text_en = models.TextField(pgettext_lazy("pledge", "text (English)"))
    text_ru = models.TextField(pgettext_lazy("pledge", "text (Russian)"))
    text_kk = models.TextField(pgettext_lazy("pledge", "text (Kazakh)"))
    made_on = models.DateField(_("date made"))
    status = models.CharField(
        _("status"), max_length=20, choices=PledgeStatus.choices, default=PledgeStatus.PLANNING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["country__iso3", "made_on", "id"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        indexes = [models.Index(fields=["country", "area"], name="pledge_country_area")]

    def __str__(self) -> str:
        return self.title_en

    def title(self, language: str) -> str:
        return str(getattr(self, f"title_{language}", "") or self.title_en)

    def text(self, language: str) -> str:
        return str(getattr(self, f"text_{language}", "") or self.text_en)


def _evidence_upload(instance: PledgeUpdate, filename: str) -> str:
    """An opaque path: the update's id, never the uploaded name."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"pledges/{instance.public_id}{suffix}"


class PledgeUpdate(models.Model):
    """Progress on a pledge on a date: what happened, the status it left the pledge in (with
    the reason for a step back), and its evidence (a PDF, a link, or both)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="updates")
    occurred_on = models.DateField(_("date"))
    summary = models.TextField(_("progress"))
    status_from = models.CharField(max_length=20, choices=PledgeStatus.choices)
    status_to = models.CharField(_("status"), max_length=20, choices=PledgeStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    evidence_document = models.FileField(
        _("evidence (document)"), upload_to=_evidence_upload, blank=True
    )
    evidence_url = models.URLField(_("evidence (link)"), blank=True, max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("pledge progress update")
        verbose_name_plural = _("pledge progress updates")

    def __str__(self) -> str:
        return f"{self.pledge_id} {self.occurred_on}"
