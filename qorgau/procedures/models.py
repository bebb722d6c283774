"""Cases: one person's (or household's) way through one procedure, and every step it took.

The procedure itself (stages, transitions, deadlines) is data in ``definitions/``; a case keeps
only where it stands, the dates of the events its deadlines count from, and the steps that got
it there. Steps are only ever appended.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.reference.models import ChoiceLabelsMixin


class Case(models.Model):
    """A procedure followed for a person or a household, by a responsible organisation.

    ``events`` holds the date of each event of the definition recorded so far (ISO dates by
    event code); ``extensions`` the date each extended deadline was moved to. ``due_on`` and
    ``due_deadline`` are the earliest deadline not yet met, recomputed on every step, so that
    work lists can filter on them. ``version`` grows by one on every step: a step based on an
    older version is refused, so two simultaneous steps on one case cannot both succeed.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    procedure = models.CharField(_("procedure"), max_length=40)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    household = models.ForeignKey(
        "people.Household", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("responsible organisation"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases_assigned",
        verbose_name=_("assigned to"),
    )
    stage = models.CharField(_("stage"), max_length=40)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    events = models.JSONField(default=dict, blank=True)
    extensions = models.JSONField(default=dict, blank=True)
    paused_since = models.DateField(_("paused since"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(default=0)
    decision = models.CharField(_("decision"), max_length=40, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    due_on = models.DateField(_("next deadline"), null=True, blank=True)
    due_deadline = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["events", "extensions"])

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["country", "procedure", "stage"]),
            models.Index(fields=["due_on"], condition=Q(closed_on__isnull=True), name="case_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, household__isnull=True)
                | Q(person__isnull=True, household__isnull=False),
                name="case_person_or_household",
            ),
            models.UniqueConstraint(
                fields=["person", "procedure"],
                condition=Q(closed_on__isnull=True, person__isnull=False),
                name="case_one_open_per_person_and_procedure",
            ),
            models.UniqueConstraint(
                fields=["household", "procedure"],
                condition=Q(closed_on__isnull=True, household__isnull=False),
                name="case_one_open_per_household_and_procedure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure} {self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class CaseAccess(models.Model):
    """Another organisation working on a case (``can_act``: it may take the steps its roles
    allow) or only following it. The responsible organisation grants and revokes it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="case_access",
        verbose_name=_("organisation"),
    )
    can_act = models.BooleanField(_("works on the case"), default=False)
    purpose = models.CharField(_("purpose"), max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_at"]
        verbose_name = _("case access")
        verbose_name_plural = _("case access")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="case_access_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.case}"


class StepKind(models.TextChoices):
    OPENED = "opened", _("Case opened")
    TRANSITION = "transition", _("Step")
    EXTENSION = "extension", _("Deadline extended")
    PAUSE = "pause", _("Case paused")
    RESUME = "resume", _("Case resumed")
    DOCUMENT = "document", _("Document issued")


class CaseStep(ChoiceLabelsMixin):
    """One thing that happened to a case: who did it, for which organisation, on which date
    (``occurred_on``, the legal date) and when it was recorded, with the fields, decision,
    grounds and reasons it required. The case's timeline is its steps in order."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    transition = models.CharField(max_length=40, blank=True)
    from_stage = models.CharField(max_length=40, blank=True)
    to_stage = models.CharField(max_length=40, blank=True)
    occurred_on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    fields = models.JSONField(default=dict, blank=True)
    decision = models.CharField(max_length=40, blank=True)
    grounds = models.JSONField(default=list, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    status_period = models.ForeignKey(
        "people.LegalStatusPeriod",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_steps",
    )
    documents = models.ManyToManyField("people.Document", blank=True, related_name="case_steps")

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.transition} {self.occurred_on}"
