from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.people.models.choices import LegalStatus
from qorgau.people.models.person import Person
from qorgau.reference.models import ChoiceLabelsMixin


class LegalStatusPeriod(ChoiceLabelsMixin):
    """One period of a person's legal status: ``effective_from`` inclusive, ``effective_to``
    exclusive (null while it lasts). The current status and every "as of" figure are derived
    from these rows alone; no status is stored on the person."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_periods")
    status = models.CharField(_("legal status"), max_length=3, choices=LegalStatus.choices)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)
    deciding_authority = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deciding authority"),
    )
    recorded_by = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    basis = models.CharField(_("basis (decision, reference)"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(no_db_index=["public_id", "deciding_authority", "recorded_by"])

    class Meta:
        ordering = ["person_id", "effective_from", "id"]
        verbose_name = _("legal status period")
        verbose_name_plural = _("legal status periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gt=F("effective_from")),
                name="status_period_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(effective_to__isnull=True),
                name="one_open_status_period_per_person",
            ),
        ]
        # Periods by status and dates, with the person: figures as of a date and flows read
        # the index alone (statistics.selectors, ADR 0028).
        indexes = [
            models.Index(
                fields=["status", "effective_from", "effective_to", "person"],
                name="status_period_dates_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.status} {self.effective_from}..{self.effective_to or ''}"
