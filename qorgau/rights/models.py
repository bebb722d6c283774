"""Data-subject rights and retention: the requests people make about their data, the
anonymisations done, and the kept reports of the retention job.

A request is recorded for one person by an organisation with change rights over them, with the
legal deadline of its answer (``QORGAU_RIGHTS_ANSWER_DAYS`` after receipt); it is answered once,
with a text, a date and who answered. An anonymisation is kept as a row of its own (who, when,
why, on which request): the person's record keeps only what the statistics need
(docs/adr/0031-anonymisation-and-history.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from qorgau.reference.models import ChoiceLabelsMixin


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access to the data")
    CORRECTION = "correction", _("Correction")
    DELETION = "deletion", _("Deletion")
    OBJECTION = "objection", _("Objection to processing")


class ReceivedVia(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    OTHER = "other", _("Other")


class RequestStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("request status", "Open")
    ANSWERED = "answered", pgettext_lazy("request status", "Answered")


class SubjectRequest(ChoiceLabelsMixin):
    """One data-subject request of ``person``. ``organisation`` recorded it and answers it;
    ``country`` is the person's country office, for the agency office's list."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="subject_requests"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    kind = models.CharField(_("kind of request"), max_length=20, choices=RequestKind.choices)
    received_on = models.DateField(_("received on"))
    received_via = models.CharField(_("received by"), max_length=20, choices=ReceivedVia.choices)
    due_on = models.DateField(_("answer due by"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(no_db_index=["public_id", "organisation", "country"])

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("data-subject request")
        verbose_name_plural = _("data-subject requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", answered_on__isnull=True, answered_by__isnull=True)
                | Q(status="answered", answered_on__isnull=False, answered_by__isnull=False),
                name="subject_request_answered_by_someone",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("received_on")),
                name="subject_request_due_after_receipt",
            ),
        ]
        indexes = [
            models.Index(
                fields=["country", "due_on"],
                condition=Q(status="open"),
                name="subject_request_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on}"

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN


class Anonymisation(models.Model):
    """That ``person`` was anonymised, when, by whom (None: the retention job), why (a code)
    and on which request. Holds no personal data."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="anonymisation"
    )
    at = models.DateTimeField(_("anonymised at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("anonymised by"),
    )
    reason = models.CharField(_("reason"), max_length=30)
    request = models.ForeignKey(
        SubjectRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.reason}"


class RetentionReport(models.Model):
    """What one run of the retention job did in one country office: how many records of each
    type it anonymised or cleared, their public ids, and the ones a legal hold kept."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    at = models.DateTimeField(_("run at"))
    run_on = models.DateField(_("as of"))
    persons_anonymised = models.PositiveIntegerField(_("people anonymised"), default=0)
    cases_cleared = models.PositiveIntegerField(_("cases cleared"), default=0)
    persons_held = models.PositiveIntegerField(_("people kept by a legal hold"), default=0)
    # Public ids by record type: {"person": [...], "case": [...], "held": [...]}.
    ids = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("retention report")
        verbose_name_plural = _("retention reports")

    def __str__(self) -> str:
        return f"{self.country_id} {self.at:%Y-%m-%d %H:%M}"
