"""Reminders: a task for an organisation about a certificate that expires, a case deadline, a
data-sharing agreement that expires (for the sharing organisation), a referral left unanswered
past its deadline (for the receiving partner, then escalated to the sender), or a hotline ticket
past its response-time target (for its assignee, or the desk's team while nobody is assigned).

The daily job (``services.reminders_refresh``) creates them and closes the ones no longer
relevant; a user of the organisation marks one done. A reminder is keyed by what it is about and
its due date (a document and its expiry; a case, its deadline and the deadline's date; a ticket
and the day its first answer was due), once
for ever: running the job again creates nothing, and a reminder marked done never comes back.
A renewed certificate, a changed date, a met or extended deadline make a new key.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from qorgau.reference.models import ChoiceLabelsMixin


class ReminderKind(models.TextChoices):
    DOCUMENT_EXPIRY = "document_expiry", _("Certificate expires")
    DEADLINE = "deadline", _("Case deadline")
    AGREEMENT_EXPIRY = "agreement_expiry", _("Data-sharing agreement expires")
    REFERRAL_UNANSWERED = "referral_unanswered", _("Referral awaits an answer")
    REFERRAL_ESCALATED = "referral_escalated", _("Referral not answered: escalated")
    TICKET_OVERDUE = "ticket_overdue", _("Hotline ticket overdue")


REFERRAL_KINDS = (ReminderKind.REFERRAL_UNANSWERED, ReminderKind.REFERRAL_ESCALATED)


OPEN = Q(done_at__isnull=True, closed_at__isnull=True)


class Reminder(ChoiceLabelsMixin):
    """A task for ``organisation`` due on ``due_on``.

    ``organisation`` is responsible: for a certificate, the organisation that registered the
    person; for a deadline, the case's responsible organisation. ``country`` is the record's
    country office, for the agency office that follows every record of its country. ``closed_at``
    is set by the job when the reminder no longer applies; ``done_at`` by a user.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="reminders",
        verbose_name=_("responsible organisation"),
    )
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    document = models.ForeignKey(
        "people.Document", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "procedures.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    agreement = models.ForeignKey(
        "partners.Agreement", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    ticket = models.ForeignKey(
        "hotline.Ticket", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    deadline = models.CharField(_("deadline"), max_length=40, blank=True)
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("no longer applies since"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind="document_expiry",
                    document__isnull=False,
                    case__isnull=True,
                    agreement__isnull=True,
                    referral__isnull=True,
                    ticket__isnull=True,
                    deadline="",
                )
                | (
                    Q(
                        kind="deadline",
                        document__isnull=True,
                        case__isnull=False,
                        agreement__isnull=True,
                        referral__isnull=True,
                        ticket__isnull=True,
                    )
                    & ~Q(deadline="")
                )
                | Q(
                    kind="agreement_expiry",
                    document__isnull=True,
                    case__isnull=True,
                    agreement__isnull=False,
                    referral__isnull=True,
                    ticket__isnull=True,
                    deadline="",
                )
                | Q(
                    kind__in=REFERRAL_KINDS,
                    document__isnull=True,
                    case__isnull=True,
                    agreement__isnull=True,
                    referral__isnull=False,
                    ticket__isnull=True,
                    deadline="",
                )
                | Q(
                    kind="ticket_overdue",
                    document__isnull=True,
                    case__isnull=True,
                    agreement__isnull=True,
                    referral__isnull=True,
                    ticket__isnull=False,
                    person__isnull=True,
                    deadline="",
                ),
                name="reminder_names_what_it_is_about",
            ),
            models.UniqueConstraint(
                fields=["document", "due_on"],
                condition=Q(document__isnull=False),
                name="reminder_once_per_document_expiry",
            ),
            models.UniqueConstraint(
                fields=["agreement", "due_on"],
                condition=Q(agreement__isnull=False),
                name="reminder_once_per_agreement_expiry",
            ),
            # A referral reminds its receiver once, then its sender once (ADR 0044).
            models.UniqueConstraint(
                fields=["referral", "kind"],
                condition=Q(referral__isnull=False),
                name="reminder_once_per_referral_kind",
            ),
            models.UniqueConstraint(
                fields=["ticket", "due_on"],
                condition=Q(ticket__isnull=False),
                name="reminder_once_per_ticket_due_date",
            ),
            models.UniqueConstraint(
                fields=["case", "deadline", "due_on"],
                condition=Q(case__isnull=False),
                name="reminder_once_per_case_deadline",
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True, done_by__isnull=True)
                | Q(done_at__isnull=False, done_by__isnull=False),
                name="reminder_done_by_someone",
            ),
        ]
        indexes = [
            # The open reminders of an organisation, or of a country for the agency office.
            models.Index(fields=["organisation", "due_on"], condition=OPEN, name="reminder_open"),
            models.Index(
                fields=["country", "due_on"], condition=OPEN, name="reminder_open_in_country"
            ),
            # The list's own order, with every column its visibility filter reads (the
            # referral, ticket and kind as well since those reminders came): a page
            # of open reminders is the first 50 entries that pass, read from the index alone,
            # where each of the two above serves only one side of the filter's OR and the
            # planner sorted every open reminder of the country instead (issue 12).
            models.Index(
                fields=[
                    "due_on",
                    "id",
                    "country",
                    "organisation",
                    "agreement",
                    "person",
                    "referral",
                    "ticket",
                    "kind",
                ],
                condition=OPEN,
                name="reminder_open_by_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.closed_at is None
