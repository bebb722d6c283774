"""Serialisers of the hotline's API: tickets as the desk sees them, and logging one."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from qorgau.hotline.models import Channel, ContactMethod, Language, Ticket, Topic, Urgency
from qorgau.hotline.selectors import is_overdue
from qorgau.organisations.permissions import Perm
from qorgau.web.api import ActingOrganisationField


class TicketOutSerializer(serializers.ModelSerializer[Ticket]):
    id = serializers.UUIDField(source="public_id", read_only=True)
    organisation = serializers.CharField(source="organisation.code", read_only=True)
    assignee = serializers.CharField(
        source="assignee.username", read_only=True, default=None, allow_null=True
    )
    person = serializers.SerializerMethodField(
        help_text="The linked person's id, when the user may see that person."
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Ticket
        fields = [
            "id", "reference", "organisation", "channel", "language", "topic", "urgency",
            "state", "question", "contact_method", "contact_value", "name", "assignee", "team",
            "person", "received_at", "first_answered_at", "closed_at", "overdue", "version",
        ]  # fmt: skip

    def get_person(self, ticket: Ticket) -> str | None:
        visible: set[int] = self.context.get("visible_person_ids", set())
        if ticket.person is None or ticket.person_id not in visible:
            return None
        return str(ticket.person.public_id)

    def get_overdue(self, ticket: Ticket) -> bool:
        return is_overdue(ticket)


class TicketCreateSerializer(serializers.Serializer[Any]):
    """A phone call, an email or a walk-in logged at one of the user's desks."""

    organisation = ActingOrganisationField(Perm.HOTLINE_ANSWER)
    channel = serializers.ChoiceField(choices=[c for c in Channel.choices if c[0] != Channel.FORM])
    language = serializers.ChoiceField(choices=Language.choices)
    topic = serializers.ChoiceField(choices=Topic.choices)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    question = serializers.CharField()
    contact_method = serializers.ChoiceField(choices=ContactMethod.choices)
    contact_value = serializers.CharField(required=False, allow_blank=True, default="")
    name = serializers.CharField(required=False, allow_blank=True, default="")


class FiguresQuerySerializer(serializers.Serializer[Any]):
    month = serializers.DateField(
        required=False,
        input_formats=["%Y-%m"],
        help_text="The month (YYYY-MM); by default the current one.",
    )
    published = serializers.BooleanField(
        default=False,
        help_text="As published: small counts suppressed by the statistics' disclosure control "
        "(shown as a string such as '*'), time figures only above the threshold.",
    )


class FiguresOutSerializer(serializers.Serializer[Any]):
    """One desk's figures for the month: tickets received in it."""

    organisation = serializers.CharField(help_text="The desk's organisation (its code).")
    month = serializers.DateField()
    volume = serializers.JSONField(help_text="A count, or a suppression mark when published.")
    channels = serializers.DictField(child=serializers.JSONField())
    topics = serializers.DictField(child=serializers.JSONField())
    languages = serializers.DictField(child=serializers.JSONField())
    answered = serializers.IntegerField()
    median_hours = serializers.FloatField(
        allow_null=True, help_text="Median hours from receipt to the first answer."
    )
    within_target = serializers.FloatField(
        allow_null=True, help_text="Share (0 to 1) of answered tickets answered within target."
    )
