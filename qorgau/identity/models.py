"""Identity resolution in the registry: candidate pairs, the reviewers' decisions, and runs.

A candidate is a pair of records the matching model judged likely to be one person. A reviewer
decides: the same person (the records are merged: one points to the other, nothing is deleted,
and the merge can be undone) or different people (remembered: the pair is never proposed
again).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Verdict(models.TextChoices):
    PENDING = "pending", _("Not reviewed")
    SAME = "same", _("Same person")
    DIFFERENT = "different", _("Different people")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class MatchRun(models.Model):
    """One search for duplicates over a country's registry, run as a background job."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    records = models.PositiveIntegerField(default=0)
    candidates = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")

    def __str__(self) -> str:
        return f"{self.country_id} {self.created_at:%Y-%m-%d %H:%M} {self.status}"


def _ordered_pair(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(first_id__lt=F("second_id")), name=name)


class Candidate(models.Model):
    """A pair of records (``first`` has the lower id) that may be one person, with the
    probability and the evidence: for each comparison, the level reached and its weight."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    run = models.ForeignKey(
        MatchRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="pairs"
    )
    first = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    probability = models.FloatField()
    evidence = models.JSONField(default=list)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, default=Verdict.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-probability", "id"]
        verbose_name = _("candidate pair")
        verbose_name_plural = _("candidate pairs")
        constraints = [
            _ordered_pair("candidate_ordered_pair"),
            models.UniqueConstraint(fields=["first", "second"], name="candidate_one_per_pair"),
        ]
        indexes = [models.Index(fields=["verdict", "-probability"])]

    def __str__(self) -> str:
        return f"{self.first_id}~{self.second_id} {self.probability:.3f}"


class PairDecision(models.Model):
    """A reviewer's decision on a pair. ``same``: ``merged`` (and the records that had been
    merged into it, listed in ``moved``) now point to ``kept``. Undoing it sets ``undone_at``
    and restores the pointers; a ``different`` decision keeps the pair out of later runs
    until it is undone."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    kept = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moved = models.JSONField(default=list, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("decision on a pair")
        verbose_name_plural = _("decisions on pairs")
        constraints = [
            _ordered_pair("decision_ordered_pair"),
            models.UniqueConstraint(
                fields=["first", "second"],
                condition=Q(undone_at__isnull=True),
                name="decision_one_standing_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}~{self.second_id} {self.verdict}"
