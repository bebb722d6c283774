"""A list of people exported to a file: asked for by one user, built in the background, kept
encrypted with the document keys until it expires (ADR 0042)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
    EXPIRED = "expired", _("Expired")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class Export(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    format = models.CharField(max_length=4, choices=ExportFormat.choices)
    #: Column keys (``exports.columns.COLUMNS``) in the order asked for.
    fields = models.JSONField(default=list)
    #: Lookups of ``people.lists.PERSON_FILTERS`` by query parameter.
    filters = models.JSONField(default=dict, blank=True)
    #: Ids of the people a search found, when the export is of a search's results ("Export
    #: these" on the search page): the people are then those of these the requester may still
    #: see when the file is built. Null for a list by filters alone. Ids, not the query: the
    #: query may be a person's name, and a later search could find other people.
    person_ids = models.JSONField(null=True, blank=True, editable=False)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    #: The file, a Fernet token under the document keys; emptied when it expires.
    content = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0)
    #: The requester's address, for the access-log rows the worker writes.
    address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.public_id} {self.status}"

    @property
    def progress(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def file_name(self) -> str:
        return f"qorgau-people-{self.created_at:%Y%m%d-%H%M}.{self.format}"
