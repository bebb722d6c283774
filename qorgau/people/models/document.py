from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.people.models.choices import DocumentType
from qorgau.people.models.encryption import EncryptedNumberField
from qorgau.people.models.person import Person
from qorgau.reference.models import ChoiceLabelsMixin


class Document(ChoiceLabelsMixin):
    """An identity or status document. The number is encrypted at rest; ``number_hash`` (a keyed
    hash of the normalised number) is what exact look-ups filter on."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    type = models.CharField(_("type"), max_length=30, choices=DocumentType.choices)
    number = EncryptedNumberField(_("number"), max_length=64)
    number_hash = models.CharField(max_length=64, db_index=True, editable=False)
    issuing_country = models.ForeignKey(
        "reference.Country",
        on_delete=models.PROTECT,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issuing country"),
    )
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("date of issue"), null=True, blank=True)
    expires_on = models.DateField(_("date of expiry"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(no_db_index=["public_id", "number_hash", "issuing_country"])

    class Meta:
        ordering = ["-issued_on", "id"]
        # Certificates expiring soon, for the daily reminders (``qorgau reminders``).
        indexes = [models.Index(fields=["type", "expires_on"], name="document_type_expiry")]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gt=F("issued_on")),
                name="document_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return str(self.get_type_display())
