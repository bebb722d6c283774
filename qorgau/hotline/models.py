"""The hotline desk: tickets (inquiries from the public form, logged phone calls, emails and
walk-ins), their timeline (triage, assignment, internal notes, answers, closure, a link to a
person) and the answer templates per topic and language.

A ticket belongs to the organisation running the hotline that received it (``organisation``);
only that organisation's desk staff reach it (``hotline.access``). The visitor's address is
never stored with a ticket (ADR 0047). The contact and the name a person leaves are encrypted at
rest under the document keys, in the ticket and its change history alike (ADR 0059): they
cannot be filtered on, and nothing does.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from qorgau.organisations.permissions import Role
from qorgau.people.models.encryption import EncryptedPersonalField


class Channel(models.TextChoices):
    FORM = "form", _("Inquiry form")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")
    WALK_IN = "walk_in", _("Walk-in")


class Topic(models.TextChoices):
    """The coded topics of an inquiry (kk/ru/en through the catalogues; Dari and Ukrainian in
    ``help/chrome.py``)."""

    ASYLUM = "asylum", _("Asylum")
    STATELESSNESS = "statelessness", _("Statelessness")
    DOCUMENTS = "documents", _("Documents")
    BIRTH_REGISTRATION = "birth_registration", _("Birth registration")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    WORK = "work", _("Work")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    BORDER = "border", _("At the border")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    """The languages an inquiry is made and answered in (the help site's five)."""

    KK = "kk", "Қазақша"
    RU = "ru", "Русский"
    EN = "en", "English"
    FA = "fa", "دری"
    UK = "uk", "Українська"


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


class State(models.TextChoices):
    NEW = "new", _("New")
    OPEN = "open", _("Triaged")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    MESSENGER = "messenger", _("Messenger")
    NONE = "none", _("No contact given")


class Ticket(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference number"), max_length=9, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="tickets",
        verbose_name=_("hotline of"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.NEW)
    question = models.TextField(_("question"))
    contact_method = models.CharField(
        _("preferred contact"), max_length=10, choices=ContactMethod.choices
    )
    contact_value = EncryptedPersonalField(_("contact"), max_length=200, blank=True)
    name = EncryptedPersonalField(_("name"), max_length=200, blank=True)
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    team = models.CharField(_("team"), max_length=30, choices=Role.choices, blank=True)
    received_at = models.DateTimeField(_("received"))
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "id"]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        constraints = [
            models.CheckConstraint(
                condition=Q(state="closed", closed_at__isnull=False)
                | (~Q(state="closed") & Q(closed_at__isnull=True)),
                name="ticket_closed_when_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "state", "received_at"], name="ticket_queue"),
        ]

    def __str__(self) -> str:
        return self.reference


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    NOTE = "note", _("Internal note")
    ANSWER = "answer", _("Answer")
    LINKED = "linked", _("Linked to a person")
    CLOSED = "closed", _("Closed")


class TicketEvent(models.Model):
    """One step of a ticket's timeline; notes are internal, answers what the person was told."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=10, choices=EventKind.choices)
    text = models.TextField(_("text"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")

    def __str__(self) -> str:
        return f"{self.ticket} {self.kind}"


class AnswerTemplate(models.Model):
    """A reusable answer of an organisation's hotline for a topic in a language."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "language", "title"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "topic", "language", "title"], name="answer_template_once"
            )
        ]

    def __str__(self) -> str:
        return self.title
